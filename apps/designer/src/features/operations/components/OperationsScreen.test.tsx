import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WithSession } from '../../../test-support/fake-workspace';
import type { Role } from '../../auth/model/permissions';
import { OperationsScreen } from './OperationsScreen';

const KPIS = {
  approvalLatencyHours: { count: 4, mean: 5, p50: 4.5, p90: 9 },
  pendingBilling: { entries: 3, amount: { GBP: '1200.00' } },
  exceptions: { open: 1, byReason: { PROJECT_CLOSED: 1 }, byAge: { under1Day: 1, from1To7Days: 0, over7Days: 0 } },
  revenueLeakage: { afterDays: 30, entries: 0, amount: {} },
  duplicateTransactions: { deliveries: 10, duplicates: 1, rate: 0.1 },
};
const EXCEPTION = { id: 'ex-1', code: 'PROJECT_CLOSED', category: 'business', message: 'Project p-9 is closed', state: 'open', sourceSystem: 'harvest', legalEntityId: 'le-uk', objectId: 'te-1', raisedAt: '2026-03-01T00:00:00Z', ageHours: 2, correlationId: 'c' };

function stubRuntime() {
  const calls: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    const body = url.startsWith('/api/v1/kpis') ? KPIS : url.startsWith('/api/v1/exceptions?') ? [EXCEPTION] : { ...EXCEPTION, state: 'open' };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  }));
  return calls;
}

function renderAs(user: string, role: Role) {
  render(<WithSession user={user} role={role}><OperationsScreen /></WithSession>);
}

afterEach(() => vi.unstubAllGlobals());

describe('OperationsScreen', () => {
  it('shows KPIs and lets an operator retry an exception', async () => {
    const calls = stubRuntime();
    renderAs('dave', 'operator');
    await screen.findByText('Project p-9 is closed');
    expect(screen.getByLabelText('KPIs').textContent).toContain('1200.00 GBP');
    expect(screen.getByLabelText('KPIs').textContent).toContain('10.00 %');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(calls).toContain('POST /api/v1/exceptions/ex-1/retry'));
  });

  it('an auditor sees the queue but cannot act, and is told why', async () => {
    stubRuntime();
    renderAs('erin', 'auditor');
    await screen.findByText('Project p-9 is closed');
    expect((screen.getByRole('button', { name: 'Retry' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Only finance operators can retry or resolve exceptions; erin is signed in as auditor.')).toBeTruthy();
  });

  it('an architect is told operations are not for their role', () => {
    stubRuntime();
    renderAs('alice', 'architect');
    expect(screen.getByRole('note').textContent).toBe('Only finance operators, auditors and approvers see operations; alice is signed in as architect.');
  });
});
