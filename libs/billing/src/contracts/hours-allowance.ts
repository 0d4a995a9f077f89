import type { BillableTransaction } from '@mapwright/canonical-model';
import { byDateThenId } from '../lines/rate-line.builder';
import { Dec, hoursOf } from '../lines/quantity';

export interface AllowanceSplit {
  /** Hours drawn from the allowance. */
  usedHours: Dec;
  overageHours: Dec;
  /** Transactions wholly inside the allowance. */
  covered: BillableTransaction[];
  /** Transactions with at least some hours over the allowance. */
  over: BillableTransaction[];
}

/**
 * Walks transactions in date order against an allowance of hours; the one
 * that crosses the line is split, so a day's work is never double counted.
 * `usableUntil` (exclusive) stops draw-down for work on or after that date.
 */
export function splitAgainstAllowance(transactions: readonly BillableTransaction[], allowanceHours: Dec, usableUntil?: string): AllowanceSplit {
  let left = allowanceHours;
  let used = new Dec(0);
  let overage = new Dec(0);
  const covered: BillableTransaction[] = [];
  const over: BillableTransaction[] = [];
  for (const tx of [...transactions].sort(byDateThenId)) {
    const hours = hoursOf(tx.quantity, tx.id);
    const usable = usableUntil === undefined || tx.date < usableUntil ? left : new Dec(0);
    const drawn = Dec.min(hours, usable);
    left = left.sub(drawn);
    used = used.add(drawn);
    overage = overage.add(hours.sub(drawn));
    if (drawn.eq(hours)) covered.push(tx);
    else over.push(tx);
  }
  return { usedHours: used, overageHours: overage, covered, over };
}
