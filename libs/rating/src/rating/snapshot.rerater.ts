import { RatingError } from '../errors/rating.error';
import { Dec, minutesToHours, moneyFromMinor, toMinor, type Money } from '../money/money';
import { rateEntry, type RatingContext } from './entry.rater';
import type { PayrollDelta, RatingDelta, RatingSnapshot } from './rating-snapshot.types';
import type { RatableTimeEntry } from './rating.types';

function moneyDelta(previous: Money[], current: Money[]): Money[] {
  const net = new Map<string, ReturnType<typeof toMinor>>();
  for (const m of current) net.set(m.currency, (net.get(m.currency) ?? new Dec(0)).add(toMinor(m)));
  for (const m of previous) net.set(m.currency, (net.get(m.currency) ?? new Dec(0)).sub(toMinor(m)));
  return [...net.entries()]
    .filter(([, v]) => !v.isZero())
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, v]) => moneyFromMinor(v, currency));
}

function payrollDelta(previous: RatingSnapshot, current: RatingSnapshot): PayrollDelta[] {
  const net = new Map<string, number>();
  const key = (employeeId: string, payCode: string) => `${employeeId}\u0000${payCode}`;
  for (const p of current.payroll) net.set(key(p.employeeId, p.payCode), (net.get(key(p.employeeId, p.payCode)) ?? 0) + p.minutes);
  for (const p of previous.payroll) net.set(key(p.employeeId, p.payCode), (net.get(key(p.employeeId, p.payCode)) ?? 0) - p.minutes);
  return [...net.entries()]
    .filter(([, minutes]) => minutes !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, minutes]) => {
      const [employeeId, payCode] = k.split('\u0000');
      return { employeeId, payCode, minutes, hours: minutesToHours(minutes) };
    });
}

/** What changed between two snapshots of the same entry. */
export function diffSnapshots(previous: RatingSnapshot, current: RatingSnapshot): RatingDelta {
  if (previous.entry.id !== current.entry.id) {
    throw new RatingError('RATING_ENTRY_MISMATCH', `Cannot diff entry ${previous.entry.id} against entry ${current.entry.id}.`, { previous: previous.entry.id, current: current.entry.id });
  }
  return {
    entryId: current.entry.id,
    fromRevision: previous.entry.revision,
    toRevision: current.entry.revision,
    billable: moneyDelta(previous.billing ? [previous.billing.amount] : [], current.billing ? [current.billing.amount] : []),
    cost: moneyDelta([previous.cost.amount], [current.cost.amount]),
    payroll: payrollDelta(previous, current),
  };
}

/**
 * Re-rates a corrected entry against the context the caller chooses (usually
 * the same rate card version as the previous snapshot, for a correction of
 * facts; a newer one only when the business decides to re-price). Peers are
 * the employee's other approved entries of the week; their own snapshots are
 * not touched here.
 */
export function rerate(
  previous: RatingSnapshot,
  corrected: RatableTimeEntry,
  ctx: RatingContext,
  peers: readonly RatableTimeEntry[] = [],
): { snapshot: RatingSnapshot; delta: RatingDelta } {
  if (corrected.id !== previous.entry.id) {
    throw new RatingError('RATING_ENTRY_MISMATCH', `Correction for entry ${corrected.id} cannot replace the snapshot of entry ${previous.entry.id}.`, { previous: previous.entry.id, corrected: corrected.id });
  }
  if (corrected.revision <= previous.entry.revision) {
    throw new RatingError('RATING_STALE_REVISION', `Entry ${corrected.id} revision ${corrected.revision} is not newer than the rated revision ${previous.entry.revision}; it is a duplicate or arrived late.`, {
      entryId: corrected.id, revision: corrected.revision, ratedRevision: previous.entry.revision,
    });
  }
  const snapshot = rateEntry(corrected, ctx, peers);
  return { snapshot, delta: diffSnapshots(previous, snapshot) };
}
