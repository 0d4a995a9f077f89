import { defaultPostingRules } from '../rules/default-posting-rules';
import { event, rated, USD_BOOKS } from '../testing/posting.fixtures';
import { netOfIncludedTax } from './included-tax';
import { buildDeltaJournal, buildJournal } from './journal.builder';

const RULES = defaultPostingRules();

function amountOn(journal: ReturnType<typeof buildJournal>, account: string): { debit: string; credit: string }[] {
  return (journal?.lines ?? []).filter((l) => l.glAccountId === account).map((l) => ({ debit: l.debit, credit: l.credit }));
}

describe('netOfIncludedTax', () => {
  it('accrues unbilled and revenue at the net of a 20% included tax, rounded per pay-code line', () => {
    // 200.00 gross: tax 33.333 → 33.33, net 166.67; 100.01 gross: tax 16.668 → 16.67, net 83.34.
    const gross = rated({ billing: [['REGULAR', 80, '200.00'], ['OT_DAILY', 30, '100.01']] });
    const net = netOfIncludedTax(gross, { rate: '20', roundingMode: 'halfUp' });
    expect(net.billing?.lines.map((l) => l.amount.amount)).toEqual(['166.67', '83.34']);
    expect(net.billing?.amount).toEqual({ amount: '250.01', currency: 'USD' });
    expect(net.cost).toEqual(gross.cost);
    const journal = buildJournal(event('timeEntry.approved', 'te-1@1'), net, RULES, USD_BOOKS);
    expect(amountOn(journal, '1210')).toEqual([{ debit: '250.01', credit: '0.00' }]);
    expect(amountOn(journal, '4000')).toEqual([{ debit: '0.00', credit: '166.67' }]);
    expect(amountOn(journal, '4010')).toEqual([{ debit: '0.00', credit: '83.34' }]);
  });

  it('follows the rounding mode of the rule', () => {
    const gross = rated({ billing: [['REGULAR', 60, '0.05']] });
    // tax 0.05 × 20/120 = 0.00833…: down keeps 0.00, up takes 0.01.
    expect(netOfIncludedTax(gross, { rate: '20', roundingMode: 'down' }).billing?.amount.amount).toBe('0.05');
    expect(netOfIncludedTax(gross, { rate: '20', roundingMode: 'up' }).billing?.amount.amount).toBe('0.04');
  });

  it('leaves non-billable time alone and refuses a negative rate', () => {
    const costOnly = rated({ billing: null });
    expect(netOfIncludedTax(costOnly, { rate: '20' })).toBe(costOnly);
    expect(() => netOfIncludedTax(rated(), { rate: '-5' })).toThrow(expect.objectContaining({ code: 'POSTING_INVALID_AMOUNT' }));
  });

  it('a delta between two net states adds up to the net of the final state', () => {
    const before = netOfIncludedTax(rated({ billing: [['REGULAR', 60, '120.00']] }), { rate: '20' });
    const after = netOfIncludedTax(rated({ revision: 2, billing: [['REGULAR', 90, '180.00']] }), { rate: '20' });
    const delta = buildDeltaJournal(before, after, event('timeEntry.corrected', 'te-1@2'), RULES, USD_BOOKS);
    // 120 → net 100.00, 180 → net 150.00: the delta accrues 50.00 more.
    expect(amountOn(delta, '1210')).toEqual([{ debit: '50.00', credit: '0.00' }]);
  });
});
