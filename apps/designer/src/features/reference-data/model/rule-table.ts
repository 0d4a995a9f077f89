import { csvField, parseCsv, Problem } from './reference-data';

/** One column of a rule table as the editor shows it and as CSV carries it (nested fields as `a.b`). */
export interface RuleColumn {
  name: string;
  label: string;
  type: 'text' | 'date' | 'number' | 'select';
  options?: readonly string[];
  required?: boolean;
  hint?: string;
}

/** A rule as the editor holds it: every cell as text, blank for absent. */
export type FlatRule = Record<string, string>;

export interface RuleTableKind<R> {
  /** Noun for messages and labels, e.g. "tax rule". */
  noun: string;
  columns: readonly RuleColumn[];
  toFlat(rule: R): FlatRule;
  /** Only called for rows that validate; `previous` are the rules the table held, for fields the grid does not show. */
  fromFlat(row: FlatRule, previous: readonly R[]): R;
  validate(rows: FlatRule[]): Problem[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(v: string): boolean {
  return ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
}

export function emptyRule(columns: readonly RuleColumn[]): FlatRule {
  return Object.fromEntries(columns.map((c) => [c.name, c.type === 'select' && c.required ? (c.options?.[0] ?? '') : '']));
}

/** Required cells, dates, numbers and option lists: the checks every rule table shares. */
export function validateCells(columns: readonly RuleColumn[], rows: FlatRule[]): Problem[] {
  const problems: Problem[] = [];
  rows.forEach((r, row) => {
    for (const c of columns) {
      const v = (r[c.name] ?? '').trim();
      if (!v) {
        if (c.required) problems.push({ row, field: c.name, message: `${c.label} is required.` });
        continue;
      }
      if (c.type === 'date' && !isIsoDate(v)) problems.push({ row, field: c.name, message: `${c.label} must be a date as YYYY-MM-DD.` });
      if (c.type === 'select' && c.options && !c.options.includes(v)) problems.push({ row, field: c.name, message: `${c.label} must be one of ${c.options.filter(Boolean).join(', ')}.` });
    }
    const from = (r.validFrom ?? '').trim();
    const to = (r.validTo ?? '').trim();
    if (from && to && isIsoDate(from) && isIsoDate(to) && from >= to) problems.push({ row, field: 'validTo', message: 'Valid to must be after valid from (it is exclusive).' });
  });
  return problems;
}

/** Whether two rows' effective periods share a day (validTo exclusive, blank = open). */
export function periodsOverlap(a: FlatRule, b: FlatRule): boolean {
  const start = (r: FlatRule) => r.validFrom || '0000-01-01';
  const end = (r: FlatRule) => r.validTo || '9999-12-31';
  return start(a) < end(b) && start(b) < end(a);
}

export function rulesToCsv(columns: readonly RuleColumn[], rows: FlatRule[]): string {
  return [columns.map((c) => c.name).join(','), ...rows.map((r) => columns.map((c) => csvField(r[c.name] ?? '')).join(','))].join('\n') + '\n';
}

/** Rows from CSV whose header names columns of the table; required columns must be present, unknown ones are refused. */
export function csvToRules<R>(kind: RuleTableKind<R>, text: string): { rows: FlatRule[]; problems: Problem[] } {
  const [header, ...body] = parseCsv(text);
  if (!header) return { rows: [], problems: [{ field: 'csv', message: 'The file is empty.' }] };
  const names = header.map((h) => h.trim());
  const known = kind.columns.map((c) => c.name);
  const unknown = names.filter((n) => !known.includes(n));
  const missing = kind.columns.filter((c) => c.required && !names.includes(c.name)).map((c) => c.name);
  if (unknown.length || missing.length) {
    const parts = [missing.length ? `missing: ${missing.join(', ')}` : '', unknown.length ? `unknown: ${unknown.join(', ')}` : ''].filter(Boolean).join('; ');
    return { rows: [], problems: [{ field: 'csv', message: `The header must name the ${kind.noun} columns ${known.join(', ')} (${parts}).` }] };
  }
  const rows = body.map((cells) => {
    const row = Object.fromEntries(known.map((n) => [n, ''])) as FlatRule;
    names.forEach((n, i) => {
      row[n] = (cells[i] ?? '').trim();
    });
    return row;
  });
  return { rows, problems: kind.validate(rows) };
}
