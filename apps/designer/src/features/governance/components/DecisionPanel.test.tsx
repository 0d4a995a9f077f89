import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../auth/model/permissions';
import type { VersionSummary } from '../../specs/api/specs.api';
import { DecisionPanel } from './DecisionPanel';

const inReview: VersionSummary = {
  specId: 'harvest-time-entry', version: '1.1.0', status: 'IN_REVIEW', contentHash: 'h', author: 'alice', basedOn: '1.0.0',
  requiredApprovals: 2, evidenceHash: 'e', createdAt: '2026-03-01T00:00:00Z', publishedAt: null, approvals: [],
};

function renderFor(user: string, role: Role, version: VersionSummary = inReview) {
  const onDecide = vi.fn();
  const onPublish = vi.fn();
  render(<DecisionPanel session={{ user, roles: [role], token: 't' }} version={version} busy={false} onDecide={onDecide} onPublish={onPublish} />);
  return { onDecide, onPublish };
}

const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('DecisionPanel', () => {
  it('the author cannot approve their own change and is told why', () => {
    renderFor('alice', 'approver', inReview);
    expect(button('Approve').disabled).toBe(true);
    expect(button('Reject').disabled).toBe(true);
    expect(screen.getByTestId('decision-reason').textContent).toContain('nobody approves their own change');
    expect(button('Approve').getAttribute('aria-describedby')).toBe(screen.getByTestId('decision-reason').id);
  });

  it('an approver who did not write it can decide once a comment is written', () => {
    const { onDecide } = renderFor('bob', 'approver');
    expect(button('Approve').disabled).toBe(true);
    expect(screen.getByTestId('decision-reason').textContent).toContain('Write a comment');
    fireEvent.change(screen.getByRole('textbox', { name: 'Comment' }), { target: { value: 'Totals unchanged' } });
    expect(button('Approve').disabled).toBe(false);
    fireEvent.click(button('Approve'));
    expect(onDecide).toHaveBeenCalledWith('approve', 'Totals unchanged');
  });

  it('a rejection carries its comment', () => {
    const { onDecide } = renderFor('carol', 'approver');
    fireEvent.change(screen.getByRole('textbox', { name: 'Comment' }), { target: { value: 'Rounding changes invoice totals' } });
    fireEvent.click(button('Reject'));
    expect(onDecide).toHaveBeenCalledWith('reject', 'Rounding changes invoice totals');
  });

  it('the same approver cannot approve twice', () => {
    renderFor('bob', 'approver', { ...inReview, approvals: [{ approver: 'bob', decision: 'APPROVE', comment: 'ok', emergency: false, createdAt: '' }] });
    expect(button('Approve').disabled).toBe(true);
    expect(screen.getByTestId('decision-reason').textContent).toContain('already decided');
  });

  it('an auditor sees the evidence but no decision, with the role named', () => {
    renderFor('erin', 'auditor');
    expect(button('Approve').disabled).toBe(true);
    expect(screen.getByTestId('decision-reason').textContent).toBe('Only governance board approvers can approve or reject changes; erin is signed in as auditor.');
  });

  it('publish waits for the approvals', () => {
    renderFor('carol', 'approver');
    expect(button('Publish').disabled).toBe(true);
    expect(screen.getByText(/needs all required approvals/)).toBeTruthy();
  });

  it('publish is offered once approved', () => {
    const { onPublish } = renderFor('carol', 'approver', { ...inReview, status: 'APPROVED' });
    fireEvent.click(button('Publish'));
    expect(onPublish).toHaveBeenCalledTimes(1);
  });
});
