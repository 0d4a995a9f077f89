import { KpisRepository } from './kpis.repository';
import { KpisService } from './kpis.service';

const NOW = Date.parse('2026-03-20T12:00:00Z');
const entry = (id: string, status: string, billable: number, submittedAt: string | null, approvedAt: string | null) => ({ id, status, billable, submittedAt, approvedAt });
const snapshot = (amount: string, currency: string) => ({ snapshot: JSON.stringify({ billing: { amount: { amount, currency } } }) });

function service(): KpisService {
  const repo = {
    entries: async () => [
      entry('a', 'approved', 1, '2026-03-01T10:00:00Z', '2026-03-01T12:00:00Z'),
      entry('b', 'approved', 1, '2026-03-18T10:00:00Z', '2026-03-19T10:00:00Z'),
      entry('c', 'approved', 0, null, '2026-03-01T12:00:00Z'),
      entry('d', 'submitted', 1, '2026-03-19T10:00:00Z', null),
    ],
    openExceptions: async () => [
      { code: 'TE_PERIOD_CLOSED', raisedAt: '2026-03-20T06:00:00Z' },
      { code: 'TE_PERIOD_CLOSED', raisedAt: '2026-03-15T06:00:00Z' },
      { code: 'RATING_NO_RATE', raisedAt: '2026-03-01T06:00:00Z' },
    ],
    receipts: async () => [{ deliveries: 3 }, { deliveries: 1 }],
    latestSnapshots: async () => new Map([['a', snapshot('100.10', 'GBP')], ['b', snapshot('0.20', 'GBP')], ['c', snapshot('5.00', 'USD')]]),
    billing: async () => ({
      invoicedEntries: [{ approvedAt: '2026-03-01T12:00:00Z', invoicedAt: '2026-03-02T12:00:00Z' }, { approvedAt: '2026-03-01T12:00:00Z', invoicedAt: '2026-03-01T18:00:00Z' }, { approvedAt: null, invoicedAt: '2026-03-02T00:00:00Z' }],
      pendingReview: [{ amount: '100.10', currency: 'GBP' }, { amount: '0.20', currency: 'GBP' }],
      writeOffs: [{ reason: 'goodwill', amount: '10.00', currency: 'GBP' }, { reason: 'goodwill', amount: '0.05', currency: 'GBP' }, { reason: 'scope', amount: '5.00', currency: 'USD' }],
    }),
  } as unknown as KpisRepository;
  return new KpisService(repo);
}

describe('KpisService', () => {
  it('derives latency, pending billing, exception ageing, leakage and duplicate rate', async () => {
    const k = await service().kpis({ leakageDays: '7' }, NOW);
    expect(k.approvalLatencyHours).toEqual({ count: 2, mean: 13, p50: 2, p90: 24 });
    expect(k.pendingBilling).toEqual({ entries: 2, amount: { GBP: '100.30' } });
    expect(k.exceptions).toEqual({ open: 3, byReason: { TE_PERIOD_CLOSED: 2, RATING_NO_RATE: 1 }, byAge: { under1Day: 1, from1To7Days: 1, over7Days: 1 } });
    expect(k.revenueLeakage).toEqual({ afterDays: 7, entries: 1, amount: { GBP: '100.10' } });
    expect(k.duplicateTransactions).toEqual({ deliveries: 4, duplicates: 2, rate: 0.5 });
  });

  it('derives approval-to-invoice latency, candidates pending review and write-offs by reason', async () => {
    const k = await service().kpis({}, NOW);
    expect(k.approvalToInvoiceLatencyHours).toEqual({ count: 2, mean: 15, p50: 6, p90: 24 });
    expect(k.invoicesPendingReview).toEqual({ candidates: 2, amount: { GBP: '100.30' } });
    expect(k.writeOffsByReason).toEqual({ goodwill: { GBP: '10.05' }, scope: { USD: '5.00' } });
  });

  it('refuses a negative or fractional leakage window', async () => {
    await expect(service().kpis({ leakageDays: '1.5' }, NOW)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
