import { describe, expect, it } from 'vitest';
import { csvToTable, parseCsv, tableToCsv, validateTable, validateUomProfile } from './reference-data';

describe('reference data', () => {
  it('flags missing values, bad dates and overlapping effective ranges', () => {
    const problems = validateTable([
      { key: 'Workshop', value: 'consulting', validTo: '2026-01-01' },
      { key: 'Workshop', value: 'workshop', validFrom: '2026-01-01' },
      { key: 'Training', value: '' },
      { key: 'Travel', value: 'travel', validFrom: '2026-13-01' },
      { key: 'Design', value: 'design', validFrom: '2025-06-01' },
      { key: 'Design', value: 'ux', validFrom: '2026-01-01' },
    ]);
    expect(problems).toEqual([
      { row: 2, field: 'value', message: 'Value is required.' },
      { row: 3, field: 'validFrom', message: 'validFrom must be a date as YYYY-MM-DD.' },
      { row: 5, field: 'key', message: 'Overlaps row 5 for key "Design": effective dates must not overlap.' },
    ]);
  });

  it('CSV export and import round-trip, including quotes, commas and line breaks', () => {
    const rows = [{ key: 'A, "quoted"', value: 'x', note: 'two\nlines' }, { key: 'B', value: 'y', validFrom: '2026-01-01' }];
    const csv = tableToCsv(rows);
    expect(parseCsv(csv)[1]).toEqual(['A, "quoted"', 'x', '', '', 'two\nlines']);
    expect(csvToTable(csv)).toEqual({ rows, problems: [] });
  });

  it('refuses a CSV without key and value columns, naming the unknown ones', () => {
    expect(csvToTable('code,target\nA,B\n').problems[0].message).toBe('The header must name key and value (optional validFrom, validTo, note); unknown: code, target.');
  });

  it('UOM profile factors are positive decimals', () => {
    expect(validateUomProfile({ id: 'p', hoursPerDay: '7.5', daysPerWeek: '5', daysPerMonth: '0' }).map((p) => p.field)).toEqual(['daysPerMonth']);
  });
});
