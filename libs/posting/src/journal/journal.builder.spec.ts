import { validateCanonical } from '@mapwright/canonical-model';
import { defaultPostingRules } from '../rules/default-posting-rules';
import { event, EUR_BOOKS, rated, USD_BOOKS } from '../testing/posting.fixtures';
import { toCanonicalJournalEntry } from './canonical-journal.mapper';
import { assertBalanced, ledgerBalances } from './journal.balance';
import { buildDeltaJournal, buildJournal } from './journal.builder';
import type { JournalEntry } from './journal.types';

const rules = defaultPostingRules();
const cols = (j: JournalEntry | null) => j?.lines.map((l) => [l.glAccountId, l.debit, l.credit, l.currency, l.functionalDebit, l.functionalCredit]);

describe('buildJournal', () => {
  it('accrues unbilled revenue and labour cost with lineage on every line', () => {
    const j = buildJournal(event('timeEntry.approved', 'ev-1'), rated(), rules, USD_BOOKS) as JournalEntry;
    expect(cols(j)).toEqual([
      ['1210', '100.00', '0.00', 'USD', '100.00', '0.00'],
      ['4000', '0.00', '100.00', 'USD', '0.00', '100.00'],
      ['5000', '40.00', '0.00', 'USD', '40.00', '0.00'],
      ['2150', '0.00', '40.00', 'USD', '0.00', '40.00'],
    ]);
    expect(j).toMatchObject({ id: 'je-ev-1', kind: 'original', legalEntityId: 'le-us', period: '2026-03', sourceType: 'accrual', sourceId: 'te-1', postingRuleId: 'labour-time-approved', postingRuleVersion: 1, idempotencyKey: 'je-ev-1' });
    expect(j.lines[1].source).toEqual({ entryId: 'te-1', revision: 1, previousRevision: null, role: 'revenue', payCode: 'REGULAR', rateCardRef: 'rc-standard@3', costRateRef: null, postingRuleRef: 'labour-time-approved@1' });
    expect(j.lines[2].source.costRateRef).toBe('cost-2026@1');
    expect(j.lines[0].lineage).toEqual({ timeEntryIds: ['te-1'], rateCardId: 'rc-standard', rateCardVersion: 3, rateCardRowId: 'row-emp-prj', postingRuleId: 'labour-time-approved', postingRuleVersion: 1, correlationId: 'corr-ev-1' });
    expect(j.lines[2]).toMatchObject({ projectId: 'prj-apollo', costCenterId: 'cc-delivery', employeeId: 'emp-ana' });
  });

  it('produces a canonical JournalEntry once the posting trace is dropped', () => {
    const j = buildJournal(event('timeEntry.approved', 'ev-1'), rated(), rules, EUR_BOOKS) as JournalEntry;
    expect(validateCanonical('JournalEntry', toCanonicalJournalEntry(j))).toEqual([]);
  });

  it('splits revenue by pay code onto the accounts the rule names', () => {
    const j = buildJournal(event('timeEntry.approved', 'ev-2'), rated({ billing: [['REGULAR', 480, '800.00'], ['OT_DAILY', 60, '150.00']], cost: [['REGULAR', 480, '320.00'], ['OT_DAILY', 60, '60.00']] }), rules, USD_BOOKS);
    expect(cols(j)?.slice(0, 3)).toEqual([
      ['1210', '950.00', '0.00', 'USD', '950.00', '0.00'],
      ['4000', '0.00', '800.00', 'USD', '0.00', '800.00'],
      ['4010', '0.00', '150.00', 'USD', '0.00', '150.00'],
    ]);
  });

  it('posts cost only for non-billable time', () => {
    const j = buildJournal(event('timeEntry.approved', 'ev-3'), rated({ billing: null }), rules, USD_BOOKS);
    expect(j?.lines.map((l) => l.source.role)).toEqual(['labourCost', 'labourClearing']);
  });

  it('returns no journal for zero time', () => {
    expect(buildJournal(event('timeEntry.approved', 'ev-4'), rated({ billing: [['REGULAR', 0, '0.00']], cost: [['REGULAR', 0, '0.00']] }), rules, USD_BOOKS)).toBeNull();
  });

  it('converts USD billing into a EUR entity at the rate effective on the work date', () => {
    const before = buildJournal(event('timeEntry.approved', 'ev-5'), rated({ date: '2026-03-14', cost: [['REGULAR', 60, '37.00']], costCurrency: 'EUR' }), rules, EUR_BOOKS);
    expect(cols(before)).toEqual([
      ['1210', '100.00', '0.00', 'USD', '92.00', '0.00'],
      ['4000', '0.00', '100.00', 'USD', '0.00', '92.00'],
      ['5000', '37.00', '0.00', 'EUR', '37.00', '0.00'],
      ['2150', '0.00', '37.00', 'EUR', '0.00', '37.00'],
    ]);
    expect(before?.lines[0].fxRate).toBe('0.92');
    const after = buildJournal(event('timeEntry.approved', 'ev-6'), rated({ date: '2026-03-15' }), rules, EUR_BOOKS);
    expect(after?.lines[0].functionalDebit).toBe('93.00');
  });

  it('books the functional rounding residual on the FX rounding account so both currencies balance', () => {
    const fx = { functionalCurrency: 'EUR', rates: [{ baseCurrency: 'USD', quoteCurrency: 'EUR', rate: '0.9235', rateType: 'spot', effectiveDate: '2026-01-01' }] };
    const j = buildJournal(event('timeEntry.approved', 'ev-7'), rated({ billing: [['REGULAR', 60, '10.01'], ['WEEKEND', 60, '10.01']], cost: [['REGULAR', 60, '4.00']] }), rules, fx) as JournalEntry;
    expect(cols(j)?.slice(0, 3)).toEqual([
      ['1210', '20.02', '0.00', 'USD', '18.49', '0.00'],
      ['4000', '0.00', '10.01', 'USD', '0.00', '9.24'],
      ['4020', '0.00', '10.01', 'USD', '0.00', '9.24'],
    ]);
    const residual = j.lines.find((l) => l.source.role === 'fxRounding');
    expect(residual).toMatchObject({ glAccountId: '7990', debit: '0.00', credit: '0.00', currency: 'EUR', functionalDebit: '0.00', functionalCredit: '0.01' });
    expect(() => assertBalanced(j)).not.toThrow();
  });

  it('keeps JPY without decimals and BHD with three', () => {
    const jpyBooks = { functionalCurrency: 'JPY', rates: [{ baseCurrency: 'USD', quoteCurrency: 'JPY', rate: '150.123', rateType: 'spot', effectiveDate: '2026-01-01' }] };
    const inJpy = buildJournal(event('timeEntry.approved', 'ev-8'), rated(), rules, jpyBooks);
    expect(inJpy?.lines[0]).toMatchObject({ debit: '100.00', functionalDebit: '15012', functionalCurrency: 'JPY' });
    const bhd = buildJournal(event('timeEntry.approved', 'ev-9'), rated({ billing: [['REGULAR', 50, '8.438']], billingCurrency: 'BHD', cost: [['REGULAR', 50, '3.10']], costCurrency: 'EUR' }), rules, EUR_BOOKS);
    // Only EUR→BHD is quoted, so the inverse rate is used, kept to 12 places.
    expect(bhd?.lines[0]).toMatchObject({ debit: '8.438', currency: 'BHD', fxRate: '2.439024390244', functionalDebit: '20.58' });
    const yenBilling = buildJournal(event('timeEntry.approved', 'ev-10'), rated({ billing: [['REGULAR', 20, '4115']], billingCurrency: 'JPY' }), rules, { ...EUR_BOOKS, rates: [...EUR_BOOKS.rates, { baseCurrency: 'USD', quoteCurrency: 'EUR', rate: '0.92', rateType: 'spot', effectiveDate: '2026-01-01' }] });
    expect(yenBilling?.lines[0]).toMatchObject({ debit: '4115', credit: '0', functionalDebit: '25.10' });
  });

  it('refuses to post without an FX rate, a legal entity or a rule for the event', () => {
    expect(() => buildJournal(event('timeEntry.approved', 'ev-11', '2026-03-31'), rated({ date: '2025-12-31' }), rules, EUR_BOOKS)).toThrow(expect.objectContaining({ code: 'POSTING_NO_FX_RATE' }));
    expect(() => buildJournal(event('timeEntry.approved', 'ev-12'), rated({ legalEntityId: null }), rules, USD_BOOKS)).toThrow(expect.objectContaining({ code: 'POSTING_MISSING_DIMENSION' }));
    expect(() => buildJournal({ ...event('timeEntry.approved', 'ev-13'), type: 'timeEntry.deleted' }, rated(), rules, USD_BOOKS)).toThrow(expect.objectContaining({ code: 'POSTING_NO_RULE' }));
  });
});

describe('buildDeltaJournal', () => {
  const original = rated({ billing: [['REGULAR', 120, '200.00']], cost: [['REGULAR', 120, '80.00']] });

  it('posts only the difference of a correction before invoicing', () => {
    const corrected = rated({ revision: 2, billing: [['REGULAR', 90, '150.00']], cost: [['REGULAR', 90, '60.00']] });
    const j = buildDeltaJournal(original, corrected, event('timeEntry.corrected', 'ev-20'), rules, USD_BOOKS) as JournalEntry;
    expect(cols(j)).toEqual([
      ['1210', '0.00', '50.00', 'USD', '0.00', '50.00'],
      ['4000', '50.00', '0.00', 'USD', '50.00', '0.00'],
      ['5000', '0.00', '20.00', 'USD', '0.00', '20.00'],
      ['2150', '20.00', '0.00', 'USD', '20.00', '0.00'],
    ]);
    expect(j).toMatchObject({ kind: 'delta', sourceType: 'adjustment', postingRuleId: 'labour-time-corrected' });
    expect(j.lines[0].source).toMatchObject({ revision: 2, previousRevision: 1 });
  });

  it('ties out: original plus delta equals the journal of the corrected state', () => {
    const corrected = rated({ revision: 2, date: '2026-03-16', billing: [['REGULAR', 90, '150.00'], ['WEEKEND', 30, '75.00']], cost: [['REGULAR', 120, '80.00']] });
    const first = buildJournal(event('timeEntry.approved', 'ev-21'), original, rules, EUR_BOOKS) as JournalEntry;
    const delta = buildDeltaJournal(original, corrected, event('timeEntry.corrected', 'ev-22'), rules, EUR_BOOKS) as JournalEntry;
    const direct = buildJournal(event('timeEntry.approved', 'ev-23'), corrected, rules, EUR_BOOKS) as JournalEntry;
    expect(ledgerBalances([first, delta])).toEqual(ledgerBalances([direct]));
  });

  it('posts nothing when the correction changes no amount', () => {
    expect(buildDeltaJournal(original, rated({ revision: 2, billing: [['REGULAR', 120, '200.00']], cost: [['REGULAR', 120, '80.00']] }), event('timeEntry.corrected', 'ev-24'), rules, USD_BOOKS)).toBeNull();
  });

  it('refuses stale revisions, other entries and a move between legal entities', () => {
    expect(() => buildDeltaJournal(original, rated({ revision: 1 }), event('timeEntry.corrected', 'ev-25'), rules, USD_BOOKS)).toThrow(expect.objectContaining({ code: 'POSTING_STALE_REVISION' }));
    expect(() => buildDeltaJournal(original, rated({ id: 'te-2', revision: 2 }), event('timeEntry.corrected', 'ev-26'), rules, USD_BOOKS)).toThrow(expect.objectContaining({ code: 'POSTING_ENTRY_MISMATCH' }));
    expect(() => buildDeltaJournal(original, rated({ revision: 2, legalEntityId: 'le-de' }), event('timeEntry.corrected', 'ev-27'), rules, USD_BOOKS)).toThrow(expect.objectContaining({ code: 'POSTING_ENTRY_MISMATCH' }));
  });
});
