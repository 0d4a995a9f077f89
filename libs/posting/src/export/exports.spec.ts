import { validateCanonical } from '@mapwright/canonical-model';
import { buildJournal } from '../journal/journal.builder';
import type { JournalEntry } from '../journal/journal.types';
import { defaultPostingRules } from '../rules/default-posting-rules';
import { event, rated, USD_BOOKS } from '../testing/posting.fixtures';
import { JOURNAL_CSV_COLUMNS, journalsToCsvRows, toCsv } from './journal-csv.exporter';
import { aggregatePayrollInputs } from './payroll.aggregator';

const rules = defaultPostingRules();
const post = (id: string, postingDate: string, le = 'le-us') => buildJournal(event('timeEntry.approved', id, postingDate), rated({ id, legalEntityId: le }), rules, USD_BOOKS) as JournalEntry;

describe('journalsToCsvRows', () => {
  it('groups rows per legal entity and period in a stable order', () => {
    const batches = journalsToCsvRows([post('b', '2026-04-01'), post('a', '2026-03-31'), post('c', '2026-03-05', 'le-de'), post('d', '2026-03-01')]);
    expect(batches.map((b) => [b.legalEntityId, b.period, b.rows.length, [...new Set(b.rows.map((r) => r[0]))]])).toEqual([
      ['le-de', '2026-03', 4, ['je-c']],
      ['le-us', '2026-03', 8, ['je-d', 'je-a']],
      ['le-us', '2026-04', 4, ['je-b']],
    ]);
    const row = Object.fromEntries(JOURNAL_CSV_COLUMNS.map((c, i) => [c, batches[2].rows[1][i]]));
    expect(row).toMatchObject({ gl_account_id: '4000', credit: '100.00', source_entry_id: 'b', source_revision: '1', rate_card: 'rc-standard@3', posting_rule: 'labour-time-approved@1' });
  });

  it('writes RFC 4180 text and defuses spreadsheet formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=SUM(A1)', '-12.50']])).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),-12.50\r\n');
  });
});

describe('aggregatePayrollInputs', () => {
  const s1 = rated({ id: 'e1', date: '2026-03-02', billing: [['REGULAR', 480, '800.00'], ['OT_DAILY', 45, '112.50']] });
  const s2 = rated({ id: 'e2', date: '2026-03-30', billing: [['REGULAR', 20, '33.33']] });
  const s3 = rated({ id: 'e3', date: '2026-04-01', billing: [['WEEKEND', 60, '150.00']] });

  it('sums hours per employee, calendar month and canonical pay code', () => {
    const out = aggregatePayrollInputs([s3, s1, s2]);
    expect(out.map((p) => [p.payPeriod.from, p.payPeriod.to, p.payCode, p.quantity.value, p.timeEntryIds])).toEqual([
      ['2026-03-01', '2026-03-31', 'overtime', '0.7500', ['e1']],
      ['2026-03-01', '2026-03-31', 'regular', '8.3333', ['e1', 'e2']],
      ['2026-04-01', '2026-04-30', 'overtime', '1.0000', ['e3']],
    ]);
    for (const p of out) expect(validateCanonical('PayrollInput', p)).toEqual([]);
  });

  it('uses the latest revision of each entry and explicit pay periods', () => {
    const corrected = rated({ id: 'e2', revision: 2, date: '2026-03-30', billing: [['REGULAR', 60, '100.00']] });
    const out = aggregatePayrollInputs([corrected, s2], { periods: [{ from: '2026-03-16', to: '2026-03-31' }] });
    expect(out.map((p) => [p.payPeriod.from, p.quantity.value])).toEqual([['2026-03-16', '1.0000']]);
    expect(() => aggregatePayrollInputs([s1], { periods: [{ from: '2026-03-16', to: '2026-03-31' }] })).toThrow(expect.objectContaining({ code: 'POSTING_NO_PAY_PERIOD' }));
  });

  it('refuses a pay code without a payroll mapping', () => {
    expect(() => aggregatePayrollInputs([rated({ billing: [['NIGHT', 60, '1.00']] })])).toThrow(expect.objectContaining({ code: 'POSTING_UNMAPPED_PAY_CODE' }));
  });
});
