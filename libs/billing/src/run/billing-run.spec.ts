import { runBilling } from './billing-run';
import { BillingLedger } from '../ledger/billing-ledger';
import { contract, runInput, tx } from '../testing/billing.fixtures';

describe('billing run', () => {
  it('groups by contract, customer and currency, one candidate each', () => {
    const usd = contract({ id: 'ctr-usd' });
    const eur = contract({ id: 'ctr-eur', currency: 'EUR', customerId: 'cus-2' });
    const run = runBilling(runInput([eur, usd], [
      tx({ id: 'u1', contractId: 'ctr-usd' }),
      tx({ id: 'e1', contractId: 'ctr-eur', customerId: 'cus-2', rate: { amount: '90.00', currency: 'EUR' } }),
      tx({ id: 'u2', contractId: 'ctr-usd', hours: '2' }),
    ]));
    expect(run.candidates.map((c) => [c.contractId, c.customerId, c.currency, c.subtotal.amount, c.billableTransactionIds])).toEqual([
      ['ctr-eur', 'cus-2', 'EUR', '90.00', ['e1']],
      ['ctr-usd', 'cus-1', 'USD', '300.00', ['u1', 'u2']],
    ]);
    expect(run.candidates[1]).toMatchObject({ id: 'run-1:ctr-usd', billingRunId: 'run-1', legalEntityId: 'le-uk', contractVersion: 3, correlationId: 'corr-1' });
  });

  it('skips what is not approved-unbilled, outside the period or without an active contract, with a reason', () => {
    const run = runBilling(runInput([contract(), contract({ id: 'ctr-old', status: 'terminated' })], [
      tx({ id: 'held', status: 'onHold' }),
      tx({ id: 'late', date: '2026-04-01' }),
      tx({ id: 'orphan', contractId: 'ctr-none' }),
      tx({ id: 'old', contractId: 'ctr-old' }),
      tx({ id: 'gbp', rate: { amount: '10.00', currency: 'GBP' } }),
      tx({ id: 'ok' }),
    ]));
    expect(run.dispositions.map((d) => [d.transactionId, d.outcome])).toEqual([
      ['held', 'skipped'], ['late', 'skipped'], ['orphan', 'skipped'], ['old', 'skipped'], ['gbp', 'skipped'], ['ok', 'invoiced'],
    ]);
    expect(run.exceptions.map((e) => e.code)).toEqual(['CONTRACT_MISSING', 'CONTRACT_NOT_ACTIVE', 'CURRENCY_MISMATCH']);
    expect(run.candidates.map((c) => c.billableTransactionIds)).toEqual([['ok']]);
  });

  it('auto-approves within the threshold and sends larger or review-flagged candidates to review', () => {
    const policy = { autoApproveMax: { USD: '500.00' } };
    const small = runBilling(runInput([contract()], [tx({ hours: '5' })], { reviewPolicy: policy })).candidates[0];
    expect(small).toMatchObject({ status: 'approved', approval: { policy: 'auto', status: 'approved' } });
    const large = runBilling(runInput([contract()], [tx({ hours: '5.01' })], { reviewPolicy: policy })).candidates[0];
    expect(large).toMatchObject({ status: 'pendingReview', approval: { policy: 'review', status: 'pending' } });
    expect(large.approval.reason).toContain('threshold');
    const flagged = runBilling(runInput([contract({ invoiceApproval: 'review' })], [tx()])).candidates[0];
    expect(flagged.status).toBe('pendingReview');
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => runBilling(runInput([contract()], [], { period: { from: '2026-03-31', to: '2026-03-01' } }))).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_PERIOD' }));
    expect(() => runBilling(runInput([contract()], [], { period: { from: '2026-3-1', to: '2026-03-31' } }))).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_PERIOD' }));
  });

  it('is deterministic: same input, same output', () => {
    const input = runInput([contract()], [tx({ id: 'x1' }), tx({ id: 'x2', date: '2026-03-01' })]);
    expect(runBilling(input)).toEqual(runBilling(JSON.parse(JSON.stringify(input))));
  });
});

describe('billing run across contract types', () => {
  it('bills a mixed portfolio in one run, each contract by its own terms', () => {
    const tm = contract({ id: 'a-tm' });
    const ms = contract({ id: 'b-ms', type: 'milestone', milestones: { totalAmount: { amount: '900.00', currency: 'USD' }, items: [{ id: 'm1', name: 'Go-live', percentage: '100', status: 'achieved' }] } });
    const ff = contract({ id: 'c-ff', type: 'fixedFee', fixedFee: { totalAmount: { amount: '250.00', currency: 'USD' }, schedule: [{ id: 'i1', dueDate: '2026-03-15', amount: { amount: '250.00', currency: 'USD' } }] } });
    const draft = contract({ id: 'd-draft', status: 'draft', type: 'fixedFee', fixedFee: { totalAmount: { amount: '1.00', currency: 'USD' }, schedule: [{ id: 'x', dueDate: '2026-03-01', amount: { amount: '1.00', currency: 'USD' } }] } });
    const run = runBilling(runInput([draft, ff, ms, tm], [tx({ id: 't1', contractId: 'a-tm' }), tx({ id: 't2', contractId: 'b-ms', hours: '4' })]));
    expect(run.candidates.map((c) => [c.contractId, c.lines.map((l) => l.kind), c.subtotal.amount])).toEqual([
      ['a-tm', ['time'], '100.00'],
      ['b-ms', ['milestone'], '900.00'],
      ['c-ff', ['fixedFee'], '250.00'],
    ]);
    expect(run.candidates[1].absorbedTransactions.map((a) => a.id)).toEqual(['t2']);
  });

  it('skips transactions the billed-once ledger holds on a live invoice', () => {
    const ledger = BillingLedger.empty().link('inv-7', ['t1']);
    const run = runBilling(runInput([contract()], [tx({ id: 't1' }), tx({ id: 't2' })], { ledger }));
    expect(run.candidates[0].billableTransactionIds).toEqual(['t2']);
    expect(run.dispositions.find((d) => d.transactionId === 't1')).toMatchObject({ outcome: 'skipped', reason: 'already on live invoice inv-7' });
    expect(run.exceptions).toEqual([expect.objectContaining({ code: 'ALREADY_BILLED', blocking: true, transactionIds: ['t1'] })]);
  });
});
