import type { CapTerms } from '@mapwright/canonical-model';
import { runBilling } from '../run/billing-run';
import { contract, runInput, tx } from '../testing/billing.fixtures';

function capped(policy: CapTerms['overCapPolicy'], extra: Partial<CapTerms> = {}) {
  return contract({ type: 'capped', cap: { capAmount: { amount: '1000.00', currency: 'USD' }, tolerancePercent: '5', overCapPolicy: policy, ...extra } });
}
const work = () => [
  tx({ id: 'c1', date: '2026-03-02', hours: '6' }),
  tx({ id: 'c2', date: '2026-03-05', hours: '3' }),
  tx({ id: 'c3', date: '2026-03-09', hours: '2' }),
  tx({ id: 'c4', date: '2026-03-12', hours: '0.5' }),
];

describe('capped (not-to-exceed) billing', () => {
  it('bills everything while the total stays inside the tolerance', () => {
    const run = runBilling(runInput([capped('block')], [tx({ id: 'c1', hours: '10.4' })]));
    expect(run.candidates[0].subtotal.amount).toBe('1040.00');
    expect(run.exceptions).toEqual([]);
    expect(run.candidates[0].approval.status).toBe('approved');
    expect(run.states['ctr-1'].capBilledToDate?.amount).toBe('1040.00');
  });

  it('block: holds over-cap transactions and sends the candidate to review', () => {
    const run = runBilling(runInput([capped('block')], work()));
    const [candidate] = run.candidates;
    expect(candidate.subtotal.amount).toBe('900.00');
    expect(run.dispositions.filter((d) => d.outcome === 'blocked').map((d) => d.transactionId)).toEqual(['c3', 'c4']);
    expect(candidate.billableTransactionIds).toEqual(['c1', 'c2']);
    expect(run.exceptions).toEqual([expect.objectContaining({ code: 'CAP_BLOCKED', blocking: true, transactionIds: ['c3', 'c4'] })]);
    expect(candidate).toMatchObject({ status: 'pendingReview', approval: { policy: 'review', status: 'pending' } });
  });

  it('writeOff: bills up to the cap, writing off the crossing transaction in part and later ones in full', () => {
    const run = runBilling(runInput([capped('writeOff')], work()));
    const [candidate] = run.candidates;
    expect(candidate.lines.map((l) => [l.ratedAmount.amount, l.writeOff.amount, l.amount.amount])).toEqual([['1150.00', '150.00', '1000.00']]);
    expect(run.dispositions.map((d) => [d.transactionId, d.outcome, d.writeOff?.amount])).toEqual([
      ['c1', 'invoiced', undefined], ['c2', 'invoiced', undefined], ['c3', 'invoiced', '100.00'], ['c4', 'writtenOff', '50.00'],
    ]);
    expect(candidate.billableTransactionIds).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(run.exceptions.map((e) => [e.code, e.blocking])).toEqual([['CAP_WRITTEN_OFF', false]]);
    expect(candidate.status).toBe('approved');
  });

  it('defer: leaves over-cap transactions for a later run and takes headroom from earlier billing', () => {
    const run = runBilling(runInput([capped('defer')], work(), { states: { 'ctr-1': { capBilledToDate: { amount: '300.00', currency: 'USD' } } } }));
    expect(run.candidates[0].subtotal.amount).toBe('600.00');
    expect(run.dispositions.filter((d) => d.outcome === 'deferred').map((d) => d.transactionId)).toEqual(['c2', 'c3', 'c4']);
    expect(run.exceptions.map((e) => e.code)).toEqual(['CAP_DEFERRED']);
    expect(run.states['ctr-1'].capBilledToDate?.amount).toBe('900.00');
  });

  it('refuses a cap in another currency than the contract', () => {
    const c = capped('block', { capAmount: { amount: '1000.00', currency: 'EUR' } });
    expect(() => runBilling(runInput([c], work()))).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_CONTRACT' }));
  });

  it('warns once billed-to-date reaches the warning share of the cap', () => {
    const run = runBilling(runInput([capped('defer', { warnAtPercent: '80' })], [tx({ hours: '8' })]));
    expect(run.exceptions.map((e) => [e.code, e.blocking])).toEqual([['CAP_WARNING', false]]);
    const below = runBilling(runInput([capped('defer', { warnAtPercent: '80' })], [tx({ hours: '7.99' })]));
    expect(below.exceptions).toEqual([]);
  });
});
