import { MappingError } from '../errors/mapping-error';
import type { ReferenceData, ValueMapRow, ValueMapTable } from '../types';

/*
 * Effective-dated value-mapping lookup. validFrom is inclusive and validTo
 * exclusive; when several rows are in force, the one that started last wins.
 */

const rowIndex = new WeakMap<ValueMapTable, Map<string, ValueMapRow[]>>();
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

function indexOf(table: ValueMapTable): Map<string, ValueMapRow[]> {
  let index = rowIndex.get(table);
  if (!index) {
    index = new Map();
    for (const row of table.rows) {
      const rows = index.get(row.key);
      if (rows) rows.push(row);
      else index.set(row.key, [row]);
    }
    rowIndex.set(table, index);
  }
  return index;
}

/** Date part of an ISO date or instant; dates compare correctly as text. */
export function isoDateOf(value: string): string | undefined {
  return ISO_DATE.test(value) ? value.slice(0, 10) : undefined;
}

function inForce(row: ValueMapRow, day: string): boolean {
  const from = row.validFrom === undefined ? undefined : isoDateOf(row.validFrom);
  const to = row.validTo === undefined ? undefined : isoDateOf(row.validTo);
  return (from === undefined || from <= day) && (to === undefined || day < to);
}

export function lookupXref(reference: ReferenceData | undefined, tableId: unknown, key: unknown, asOf: string): unknown {
  if (typeof tableId !== 'string') throw MappingError.of('MW_XREF_MISS', 'Value-map table id must be a string');
  const table = reference && Object.prototype.hasOwnProperty.call(reference.tables, tableId) ? reference.tables[tableId] : undefined;
  if (!table) throw MappingError.of('MW_XREF_MISS', `Value-map table "${tableId.slice(0, 60)}" is not in reference data`);
  const day = isoDateOf(asOf);
  if (day === undefined) throw MappingError.of('MW_XREF_MISS', `As-of date "${asOf.slice(0, 40)}" is not an ISO date`);
  const keyText = typeof key === 'number' || typeof key === 'boolean' ? String(key) : key;
  let best: ValueMapRow | undefined;
  if (typeof keyText === 'string') {
    for (const row of indexOf(table).get(keyText) ?? []) {
      if (!inForce(row, day)) continue;
      if (!best || (row.validFrom ?? '') > (best.validFrom ?? '')) best = row;
    }
  }
  if (best) return best.value;
  if (table.default !== undefined) return table.default;
  throw MappingError.of('MW_XREF_MISS', `No value for key "${String(keyText).slice(0, 60)}" in table "${tableId}" on ${day}, and the table has no default`);
}
