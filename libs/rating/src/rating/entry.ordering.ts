import type { RatableTimeEntry } from './rating.types';

type Orderable = Pick<RatableTimeEntry, 'employeeId' | 'date' | 'startedAt' | 'id'>;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The one order rating uses everywhere (employee, date, start time, id), so
 * rounding remainders and overtime land on the same entries whatever order
 * the entries arrived in.
 */
export function compareEntries(a: Orderable, b: Orderable): number {
  return cmp(a.employeeId, b.employeeId) || cmp(a.date, b.date) || cmp(a.startedAt ?? '', b.startedAt ?? '') || cmp(a.id, b.id);
}
