import type { TaxRule } from './tax-rules';

/** Reference data as the `reference` spec kind stores it (mapping-specs/reference). */
export interface ValueMapRow {
  key: string;
  value: string;
  validFrom?: string;
  validTo?: string;
  note?: string;
}

export interface ValueMapTable {
  id: string;
  version?: string;
  rows: ValueMapRow[];
}

export interface UomProfile {
  id: string;
  hoursPerDay: string;
  daysPerWeek: string;
  daysPerMonth: string;
}

export interface ReferenceData {
  defaultUomProfile?: string;
  tables: Record<string, ValueMapTable>;
  uomProfiles: Record<string, UomProfile>;
  /** Canonical TaxRules governed with the tables (see tax-rules.ts); absent until someone adds one. */
  taxRules?: TaxRule[];
}

export interface Problem {
  row?: number;
  field: string;
  message: string;
}

export function asReferenceData(data: unknown): ReferenceData | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Partial<ReferenceData>;
  if (!d.tables || typeof d.tables !== 'object') return null;
  return { ...d, tables: d.tables, uomProfiles: d.uomProfiles ?? {} } as ReferenceData;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * The rules the engine's $xref relies on: every row has a key and a value, dates are ISO, a range ends after
 * it starts (validTo is exclusive), and two rows for the same key never apply on the same day.
 */
export function validateTable(rows: ValueMapRow[]): Problem[] {
  const problems: Problem[] = [];
  rows.forEach((r, i) => {
    if (!r.key.trim()) problems.push({ row: i, field: 'key', message: 'Key is required.' });
    if (!r.value.trim()) problems.push({ row: i, field: 'value', message: 'Value is required.' });
    for (const f of ['validFrom', 'validTo'] as const) {
      const v = r[f];
      if (v && (!ISO_DATE.test(v) || Number.isNaN(Date.parse(v)))) problems.push({ row: i, field: f, message: `${f} must be a date as YYYY-MM-DD.` });
    }
    if (r.validFrom && r.validTo && r.validFrom >= r.validTo) problems.push({ row: i, field: 'validTo', message: 'validTo must be after validFrom (it is exclusive).' });
  });
  const start = (r: ValueMapRow) => r.validFrom || '0000-01-01';
  const end = (r: ValueMapRow) => r.validTo || '9999-12-31';
  rows.forEach((a, i) => {
    rows.forEach((b, j) => {
      if (j <= i || a.key !== b.key || !a.key) return;
      if (start(a) < end(b) && start(b) < end(a)) problems.push({ row: j, field: 'key', message: `Overlaps row ${i + 1} for key "${a.key}": effective dates must not overlap.` });
    });
  });
  return problems;
}

export function validateUomProfile(p: UomProfile): Problem[] {
  return (['hoursPerDay', 'daysPerWeek', 'daysPerMonth'] as const)
    .filter((f) => !DECIMAL.test(p[f]) || Number(p[f]) <= 0)
    .map((f) => ({ field: f, message: `${f} must be a positive decimal, e.g. "7.5".` }));
}

const COLUMNS = ['key', 'value', 'validFrom', 'validTo', 'note'] as const;

export function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function tableToCsv(rows: ValueMapRow[]): string {
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvField(r[c] ?? '')).join(','))].join('\n') + '\n';
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.some((f) => f.trim() !== ''));
}

/** Rows from CSV with a header naming at least key and value; unknown columns are reported, not guessed. */
export function csvToTable(text: string): { rows: ValueMapRow[]; problems: Problem[] } {
  const [header, ...body] = parseCsv(text);
  if (!header) return { rows: [], problems: [{ field: 'csv', message: 'The file is empty.' }] };
  const names = header.map((h) => h.trim());
  const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
  if (unknown.length || !names.includes('key') || !names.includes('value')) {
    return { rows: [], problems: [{ field: 'csv', message: `The header must name key and value (optional validFrom, validTo, note)${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}.` }] };
  }
  const rows = body.map((cells) => {
    const row: ValueMapRow = { key: '', value: '' };
    names.forEach((n, i) => {
      const v = (cells[i] ?? '').trim();
      if (v || n === 'key' || n === 'value') (row as unknown as Record<string, string>)[n] = v;
    });
    return row;
  });
  return { rows, problems: validateTable(rows) };
}
