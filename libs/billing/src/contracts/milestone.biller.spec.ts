import type { ContractMilestone } from '@mapwright/canonical-model';
import { runBilling } from '../run/billing-run';
import { contract, runInput, tx } from '../testing/billing.fixtures';
import { milestoneAmounts } from './milestone.biller';

function milestoneContract(items: ContractMilestone[], total = '1000.00', currency = 'USD') {
  return contract({ type: 'milestone', currency, milestones: { totalAmount: { amount: total, currency }, items: items as [ContractMilestone, ...ContractMilestone[]] } });
}
const m = (id: string, percentage: string, status: ContractMilestone['status'] = 'pending', achievedOn?: string): ContractMilestone => ({ id, name: id, percentage, status, ...(achievedOn ? { achievedOn } : {}) });

describe('milestone billing', () => {
  it('lets the last instalment absorb rounding so shares add up to the fee', () => {
    const amounts = milestoneAmounts(milestoneContract([m('m1', '33.333'), m('m2', '33.333'), m('m3', '33.334')], '100.00').milestones!, 'ctr-1');
    expect([...amounts.values()].map((a) => a.amount)).toEqual(['33.33', '33.33', '33.34']);
    const jpy = milestoneAmounts(milestoneContract([m('a', '33.5'), m('b', '33.5'), m('c', '33')], '1001', 'JPY').milestones!, 'ctr-1');
    expect([...jpy.values()].map((a) => a.amount)).toEqual(['335', '335', '331']);
  });

  it('bills achieved milestones once and never turns booked time into a line', () => {
    const c = milestoneContract([m('m1', '40', 'achieved', '2026-03-15'), m('m2', '60')]);
    const t = tx({ id: 'time-1', hours: '8' });
    const first = runBilling(runInput([c], [t]));
    expect(first.candidates).toHaveLength(1);
    const [candidate] = first.candidates;
    expect(candidate.lines.map((l) => [l.kind, l.amount.amount])).toEqual([['milestone', '400.00']]);
    expect(candidate.lines.every((l) => l.kind !== 'time')).toBe(true);
    expect(first.dispositions.find((d) => d.transactionId === 'time-1')).toMatchObject({ outcome: 'absorbed', candidateId: candidate.id });
    expect(candidate.lines[0].lineage.billableTransactionIds).toEqual(['time-1']);
    const second = runBilling(runInput([c], [], { states: first.states, billingRunId: 'run-2' }));
    expect(second.candidates).toHaveLength(0);
  });

  it('refuses percentages that do not add up to 100', () => {
    expect(() => runBilling(runInput([milestoneContract([m('m1', '50', 'achieved')])], []))).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_CONTRACT' }));
  });
});

describe('fixed fee billing', () => {
  const schedule = [
    { id: 'i1', dueDate: '2026-03-01', amount: { amount: '500.00', currency: 'USD' } },
    { id: 'i2', dueDate: '2026-04-01', amount: { amount: '500.00', currency: 'USD' } },
  ] as const;
  const c = contract({ type: 'fixedFee', fixedFee: { totalAmount: { amount: '1000.00', currency: 'USD' }, schedule: [...schedule] as never } });

  it('bills instalments as they fall due, each once', () => {
    const march = runBilling(runInput([c], [tx({ id: 'ff-time' })]));
    expect(march.candidates[0].lines.map((l) => [l.kind, l.amount.amount, l.creditRole])).toEqual([['fixedFee', '500.00', 'revenue']]);
    const april = runBilling(runInput([c], [], { period: { from: '2026-04-01', to: '2026-04-30' }, states: march.states }));
    expect(april.candidates[0].lines.map((l) => l.amount.amount)).toEqual(['500.00']);
    const may = runBilling(runInput([c], [], { period: { from: '2026-05-01', to: '2026-05-31' }, states: april.states }));
    expect(may.candidates).toHaveLength(0);
  });

  it('refuses a schedule that does not add up to the total', () => {
    const bad = contract({ type: 'fixedFee', fixedFee: { totalAmount: { amount: '999.00', currency: 'USD' }, schedule: [...schedule] as never } });
    expect(() => runBilling(runInput([bad], []))).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_CONTRACT' }));
  });
});
