import { defaultPostingRules } from '../rules/default-posting-rules';
import { EUR_BOOKS, event, rated } from '../testing/posting.fixtures';
import { assertBalanced, ledgerBalances } from './journal.balance';
import { buildJournal } from './journal.builder';
import { buildReversal } from './journal.reversal';
import type { JournalEntry } from './journal.types';

const original = buildJournal(event('timeEntry.approved', 'ev-1'), rated({ billing: [['REGULAR', 60, '10.01'], ['WEEKEND', 60, '10.01']] }), defaultPostingRules(), {
  functionalCurrency: 'EUR', rates: [{ baseCurrency: 'USD', quoteCurrency: 'EUR', rate: '0.9235', rateType: 'spot', effectiveDate: '2026-01-01' }],
}) as JournalEntry;

describe('buildReversal', () => {
  it('swaps every debit and credit in both currencies and points at the original', () => {
    const rev = buildReversal(original, { eventId: 'ev-rev', postingDate: '2026-04-02', correlationId: 'corr-rev' });
    expect(rev).toMatchObject({ id: 'je-ev-rev', kind: 'reversal', sourceType: 'reversal', reversalOf: 'je-ev-1', period: '2026-04', date: '2026-04-02' });
    rev.lines.forEach((l, i) => {
      expect([l.debit, l.credit, l.functionalDebit, l.functionalCredit]).toEqual([original.lines[i].credit, original.lines[i].debit, original.lines[i].functionalCredit, original.lines[i].functionalDebit]);
      expect(l.source).toEqual(original.lines[i].source);
    });
    expect(ledgerBalances([original, rev])).toEqual([]);
  });

  it('leaves the original journal untouched', () => {
    const before = JSON.stringify(original);
    buildReversal(original, { eventId: 'ev-rev2', postingDate: '2026-04-02', correlationId: 'c' });
    expect(JSON.stringify(original)).toBe(before);
  });
});

describe('assertBalanced', () => {
  it('passes a built journal', () => {
    expect(() => assertBalanced(original)).not.toThrow();
    expect(buildJournal(event('timeEntry.approved', 'x'), rated(), defaultPostingRules(), EUR_BOOKS)).not.toBeNull();
  });

  it('rejects a journal out of balance in the transaction currency', () => {
    const broken = { ...original, lines: original.lines.map((l, i) => (i === 0 ? { ...l, debit: '20.03' } : l)) };
    expect(() => assertBalanced(broken)).toThrow(expect.objectContaining({ code: 'POSTING_UNBALANCED_TRANSACTION', details: expect.objectContaining({ currency: 'USD', difference: '0.01' }) }));
  });

  it('rejects a journal out of balance only in the functional currency', () => {
    const broken = { ...original, lines: original.lines.filter((l) => l.source.role !== 'fxRounding') };
    expect(() => assertBalanced(broken)).toThrow(expect.objectContaining({ code: 'POSTING_UNBALANCED_FUNCTIONAL' }));
  });

  it('rejects lines in another functional currency', () => {
    const broken = { ...original, lines: original.lines.map((l) => ({ ...l, functionalCurrency: 'USD' })) };
    expect(() => assertBalanced(broken)).toThrow(expect.objectContaining({ code: 'POSTING_FUNCTIONAL_CURRENCY_MISMATCH' }));
  });
});
