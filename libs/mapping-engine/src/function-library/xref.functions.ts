import { MappingError } from '../errors/mapping-error';
import type { ReferenceData, ValueMapRow, ValueMapTable } from '../types';

/*
 * Effective-dated value-mapping lookup. validFrom is inclusive and validTo
 * exclusive; when several rows are in force, the one that started last wins
 * (validFrom compared as written; among equal ones, the first in the table).
 */

/** One row, its bounds read once: `from`/`to` are date parts, `rank` is validFrom as written. */
interface IndexedRow {
  from: string | undefined;
  to: string | undefined;
  rank: string;
  row: ValueMapRow;
}

/**
 * Rows of one key, latest validFrom first (stable, so ties keep table order): the first row
 * in force is the answer. When every validFrom is absent or a plain date, rank order is date
 * order and rows starting after the as-of day are skipped by binary search.
 */
interface KeyRows {
  rows: IndexedRow[];
  plainDates: boolean;
}

const rowIndex = new WeakMap<ValueMapTable, Map<string, KeyRows>>();

function isDigit(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 48 && c <= 57;
}

function startsWithIsoDate(value: string): boolean {
  return (
    value.length >= 10 &&
    isDigit(value, 0) && isDigit(value, 1) && isDigit(value, 2) && isDigit(value, 3) &&
    value.charCodeAt(4) === 45 && isDigit(value, 5) && isDigit(value, 6) &&
    value.charCodeAt(7) === 45 && isDigit(value, 8) && isDigit(value, 9)
  );
}

/** Date part of an ISO date or instant; dates compare correctly as text. */
export function isoDateOf(value: string): string | undefined {
  if (!startsWithIsoDate(value)) return undefined;
  return value.length === 10 ? value : value.slice(0, 10);
}

function indexOf(table: ValueMapTable): Map<string, KeyRows> {
  let index = rowIndex.get(table);
  if (!index) {
    const byKey = new Map<string, ValueMapRow[]>();
    for (const row of table.rows) {
      const rows = byKey.get(row.key);
      if (rows) rows.push(row);
      else byKey.set(row.key, [row]);
    }
    index = new Map();
    for (const [key, rows] of byKey) {
      const indexed = rows.map((row) => ({
        from: row.validFrom === undefined ? undefined : isoDateOf(row.validFrom),
        to: row.validTo === undefined ? undefined : isoDateOf(row.validTo),
        rank: row.validFrom ?? '',
        row,
      }));
      // Array.prototype.sort is stable: equal ranks keep table order
      indexed.sort((a, b) => (a.rank > b.rank ? -1 : a.rank < b.rank ? 1 : 0));
      const plainDates = rows.every((row) => row.validFrom === undefined || (row.validFrom.length === 10 && startsWithIsoDate(row.validFrom)));
      index.set(key, { rows: indexed, plainDates });
    }
    rowIndex.set(table, index);
  }
  return index;
}

function inForce(row: IndexedRow, day: string): boolean {
  return (row.from === undefined || row.from <= day) && (row.to === undefined || day < row.to);
}

/** First row (latest start) in force on `day`. */
function rowInForce(entry: KeyRows, day: string): IndexedRow | undefined {
  const rows = entry.rows;
  let start = 0;
  if (entry.plainDates) {
    // first row whose start is not after day (ranks descend; an absent validFrom ranks last)
    let hi = rows.length;
    while (start < hi) {
      const mid = (start + hi) >>> 1;
      if (rows[mid].rank > day) start = mid + 1;
      else hi = mid;
    }
  }
  for (let i = start; i < rows.length; i++) if (inForce(rows[i], day)) return rows[i];
  return undefined;
}

export function lookupXref(reference: ReferenceData | undefined, tableId: unknown, key: unknown, asOf: string): unknown {
  if (typeof tableId !== 'string') throw MappingError.of('MW_XREF_MISS', 'Value-map table id must be a string');
  const table = reference && Object.prototype.hasOwnProperty.call(reference.tables, tableId) ? reference.tables[tableId] : undefined;
  if (!table) throw MappingError.of('MW_XREF_MISS', `Value-map table "${tableId.slice(0, 60)}" is not in reference data`);
  const day = isoDateOf(asOf);
  if (day === undefined) throw MappingError.of('MW_XREF_MISS', `As-of date "${asOf.slice(0, 40)}" is not an ISO date`);
  const keyText = typeof key === 'number' || typeof key === 'boolean' ? String(key) : key;
  if (typeof keyText === 'string') {
    const entry = indexOf(table).get(keyText);
    const best = entry && rowInForce(entry, day);
    if (best) return best.row.value;
  }
  if (table.default !== undefined) return table.default;
  throw MappingError.of('MW_XREF_MISS', `No value for key "${String(keyText).slice(0, 60)}" in table "${tableId}" on ${day}, and the table has no default`);
}
