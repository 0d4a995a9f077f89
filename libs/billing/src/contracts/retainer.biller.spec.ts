import type { RetainerTerms } from '@mapwright/canonical-model';
import { runBilling } from '../run/billing-run';
import { buildRevenueReleaseJournal } from '../journal/revenue-release.journal';
import { ACCOUNTS, contract, POSTING_RULE, runInput, tx } from '../testing/billing.fixtures';

const APRIL = { from: '2026-04-01', to: '2026-04-30' };

function retainer(terms: Partial<RetainerTerms>, currency = 'USD') {
  return contract({
    type: 'retainer', currency,
    retainer: { variant: 'recurring', period: 'month', fee: { amount: '3000.00', currency }, includedHours: { value: '20', unit: 'HUR' }, rolloverCapHours: { value: '5', unit: 'HUR' }, overageRate: { amount: '180.00', currency }, ...terms },
  });
}

describe('recurring retainer', () => {
  it('rolls unused hours over up to the cap, forfeits the rest and releases deferred revenue', () => {
    const march = runBilling(runInput([retainer({})], [tx({ id: 'r1', hours: '12' })]));
    const [candidate] = march.candidates;
    expect(candidate.lines.map((l) => [l.kind, l.amount.amount, l.creditRole])).toEqual([['retainerFee', '3000.00', 'deferredRevenue']]);
    expect(candidate.lines[0].lineage.billableTransactionIds).toEqual(['r1']);
    expect(march.dispositions.find((d) => d.transactionId === 'r1')?.outcome).toBe('absorbed');
    expect(march.states['ctr-1'].retainer).toEqual({ rolloverHours: '5', deferredBalance: { amount: '750.00', currency: 'USD' }, periodsBilled: ['2026-03-01/2026-03-31'] });
    expect(march.revenueReleases.map((r) => [r.reason, r.hours, r.amount.amount])).toEqual([['consumed', '12', '1800.00'], ['forfeited', '3', '450.00']]);
    expect(march.exceptions.map((e) => e.code)).toEqual(['RETAINER_HOURS_FORFEITED']);
  });

  it('uses rolled-over hours before billing overage, splitting the crossing transaction', () => {
    const march = runBilling(runInput([retainer({})], [tx({ id: 'r1', hours: '12' })]));
    const april = runBilling(runInput([retainer({})], [tx({ id: 'a1', date: '2026-04-03', hours: '10' }), tx({ id: 'a2', date: '2026-04-20', hours: '17' })], { period: APRIL, states: march.states }));
    const [candidate] = april.candidates;
    expect(candidate.lines.map((l) => [l.kind, l.quantity.value, l.amount.amount])).toEqual([['retainerFee', '1', '3000.00'], ['retainerOverage', '2', '360.00']]);
    expect(candidate.lines[1].lineage.billableTransactionIds).toEqual(['a2']);
    expect(april.dispositions.map((d) => [d.transactionId, d.outcome])).toEqual([['a1', 'absorbed'], ['a2', 'invoiced']]);
    expect(april.revenueReleases.map((r) => [r.reason, r.amount.amount])).toEqual([['consumed', '3750.00']]);
    expect(april.states['ctr-1'].retainer?.deferredBalance.amount).toBe('0.00');
  });

  it('forfeits every unused hour without a rollover cap and refuses to bill a period twice', () => {
    const noCap = retainer({ rolloverCapHours: undefined });
    const march = runBilling(runInput([noCap], []));
    expect(march.revenueReleases.map((r) => [r.reason, r.hours, r.amount.amount])).toEqual([['forfeited', '20', '3000.00']]);
    expect(() => runBilling(runInput([noCap], [], { states: march.states }))).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_CONTRACT' }));
  });
});

describe('prepaid block', () => {
  const block = (extra: Partial<RetainerTerms> = {}) =>
    retainer({ variant: 'prepaidBlock', period: undefined, rolloverCapHours: undefined, fee: { amount: '1000.00', currency: 'USD' }, includedHours: { value: '3', unit: 'HUR' }, overageRate: { amount: '120.00', currency: 'USD' }, ...extra });

  it('draws the block down, then bills overage once it is exhausted', () => {
    const march = runBilling(runInput([block()], [tx({ id: 'p1', hours: '1' })]));
    expect(march.candidates[0].lines.map((l) => [l.kind, l.amount.amount, l.creditRole])).toEqual([['prepaidBlock', '1000.00', 'deferredRevenue']]);
    expect(march.revenueReleases.map((r) => r.amount.amount)).toEqual(['333.33']);
    expect(march.states['ctr-1'].prepaid).toMatchObject({ remainingHours: '2', deferredBalance: { amount: '666.67' } });

    const april = runBilling(runInput([block()], [tx({ id: 'p2', date: '2026-04-02', hours: '1.5' }), tx({ id: 'p3', date: '2026-04-09', hours: '1' })], { period: APRIL, states: march.states }));
    expect(april.candidates[0].lines.map((l) => [l.kind, l.quantity.value, l.amount.amount])).toEqual([['prepaidOverage', '0.5', '60.00']]);
    expect(april.candidates[0].lines[0].lineage.billableTransactionIds).toEqual(['p2', 'p3']);
    // The exhausting release takes the whole balance, so the block's 1000.00 is fully recognised.
    expect(april.revenueReleases.map((r) => r.amount.amount)).toEqual(['666.67']);
    expect(april.exceptions.map((e) => e.code)).toEqual(['PREPAID_EXHAUSTED']);
    expect(april.states['ctr-1'].prepaid).toMatchObject({ remainingHours: '0', deferredBalance: { amount: '0.00' } });

    const drawOnly = runBilling(runInput([block()], [tx({ id: 'p1', hours: '1' })], { states: { 'ctr-1': { prepaid: { blockInvoiced: true, remainingHours: '3', deferredBalance: { amount: '1000.00', currency: 'USD' }, expired: false } } } }));
    expect(drawOnly.candidates).toEqual([]);
    expect(drawOnly.standaloneReleases.map((r) => r.amount.amount)).toEqual(['333.33']);
    const journal = buildRevenueReleaseJournal({ journalId: 'jr-r', legalEntityId: 'le-uk', date: '2026-03-31', releases: drawOnly.standaloneReleases, absorbed: drawOnly.standaloneAbsorbed, accounts: ACCOUNTS, postingRule: POSTING_RULE, correlationId: 'corr-1', fx: { functionalCurrency: 'GBP', rate: '0.8' } });
    expect(journal.lines.map((l) => [l.role, l.glAccountId, l.debit, l.credit, l.functionalDebit, l.functionalCredit])).toEqual([
      ['deferredRevenueRelease', 'gl-2400', '333.33', '0.00', '266.66', '0.00'],
      ['revenueRelease', 'gl-4000', '0.00', '333.33', '0.00', '266.66'],
      // The drawn-down hour was accrued as time revenue at rating; the block fee earns it instead.
      ['absorbedRevenue', 'gl-4000', '100.00', '0.00', '80.00', '0.00'],
      ['absorbedUnbilled', 'gl-1150', '0.00', '100.00', '0.00', '80.00'],
    ]);
    expect(drawOnly.standaloneAbsorbed).toEqual([{ contractId: 'ctr-1', transactions: [{ id: 'p1', amount: { amount: '100.00', currency: 'USD' } }] }]);

    const may = runBilling(runInput([block()], [tx({ id: 'p4', date: '2026-05-02', hours: '2' })], { period: { from: '2026-05-01', to: '2026-05-31' }, states: april.states }));
    expect(may.candidates[0].lines.map((l) => l.amount.amount)).toEqual(['240.00']);
    expect(may.exceptions).toEqual([]);
  });

  it('lapses unused hours on the expiry date and bills later work as overage', () => {
    const run = runBilling(runInput([block({ includedHours: { value: '10', unit: 'HUR' }, blockExpiresOn: '2026-03-20' })], [tx({ id: 'e1', date: '2026-03-10', hours: '2' }), tx({ id: 'e2', date: '2026-03-25', hours: '1' })]));
    expect(run.candidates[0].lines.map((l) => [l.kind, l.amount.amount])).toEqual([['prepaidBlock', '1000.00'], ['prepaidOverage', '120.00']]);
    expect(run.revenueReleases.map((r) => [r.reason, r.hours, r.amount.amount])).toEqual([['consumed', '2', '200.00'], ['expired', '8', '800.00']]);
    expect(run.exceptions.map((e) => e.code)).toEqual(['PREPAID_EXPIRED']);
  });
});
