import { isEffective } from '../calendar/iso-date';
import { RatingError } from '../errors/rating.error';
import { normaliseRate, type Money } from '../money/money';
import type { CostRateTable, RatableTimeEntry } from '../rating/rating.types';

export interface CostRateResolution {
  rowId: string;
  costTableId: string;
  costTableVersion: number;
  /** Per hour. */
  rate: Money;
}

/** The employee's hourly cost rate effective on the work date; exactly one row must apply. */
export function resolveCostRate(entry: RatableTimeEntry, table: CostRateTable): CostRateResolution {
  const rows = table.rows.filter((r) => r.employeeId === entry.employeeId && isEffective(entry.date, r.effectivePeriod.validFrom, r.effectivePeriod.validTo));
  if (rows.length === 0) {
    throw new RatingError('RATING_NO_COST_RATE', `Employee ${entry.employeeId} has no cost rate in ${table.id}@${table.version} on ${entry.date}.`, {
      entryId: entry.id, employeeId: entry.employeeId, date: entry.date,
    });
  }
  if (rows.length > 1) {
    throw new RatingError('RATING_AMBIGUOUS_COST_RATE', `Cost rows ${rows.map((r) => r.id).join(', ')} overlap for employee ${entry.employeeId} on ${entry.date}.`, {
      entryId: entry.id, rowIds: rows.map((r) => r.id),
    });
  }
  const row = rows[0];
  return { rowId: row.id, costTableId: table.id, costTableVersion: table.version, rate: { amount: normaliseRate(row.rate.amount, `cost rate ${row.id}`), currency: row.rate.currency } };
}
