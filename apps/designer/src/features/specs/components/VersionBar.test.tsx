import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../auth/model/permissions';
import { detail, useFakeWorkspace, WithSession } from '../../../test-support/fake-workspace';
import type { VersionStatus } from '../api/specs.api';
import { VersionBar } from './VersionBar';

function Bar({ status }: { status: VersionStatus }) {
  const ws = useFakeWorkspace(detail('{ "id": "x" }', status));
  return <VersionBar ws={ws} />;
}

function renderAs(user: string, role: Role, status: VersionStatus) {
  render(<WithSession user={user} role={role}><Bar status={status} /></WithSession>);
}

describe('VersionBar', () => {
  it('an operator cannot start a draft and the reason is on screen', () => {
    renderAs('dave', 'operator', 'PUBLISHED');
    const button = screen.getByRole('button', { name: 'New draft' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByText('Only integration architects can edit mappings; dave is signed in as operator.')).toBeTruthy();
  });

  it('an architect can start a draft from a published version', () => {
    renderAs('alice', 'architect', 'PUBLISHED');
    expect((screen.getByRole('button', { name: 'New draft' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('an approver cannot submit a draft, and is told which role can', () => {
    renderAs('bob', 'approver', 'DRAFT');
    expect((screen.getByRole('button', { name: 'Submit for review' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Only integration architects can submit drafts for review; bob is signed in as approver.')).toBeTruthy();
  });
});
