import { RatingError } from '../errors/rating.error';
import { compareEntries } from '../rating/entry.ordering';

export type RoundingMode = 'nearest' | 'up' | 'down';
export type RoundingScope = 'entry' | 'day';

export interface TimeRoundingPolicy {
  incrementMinutes: number;
  mode: RoundingMode;
  /** 'day' rounds the employee's daily total and books the difference on the day's last entry. */
  scope: RoundingScope;
}

export const NO_ROUNDING: TimeRoundingPolicy = Object.freeze({ incrementMinutes: 1, mode: 'nearest', scope: 'entry' }) as TimeRoundingPolicy;

export interface RoundingOutcome {
  rawMinutes: number;
  roundedMinutes: number;
  adjustmentMinutes: number;
}

export function assertRoundingPolicy(policy: TimeRoundingPolicy): void {
  const okIncrement = Number.isInteger(policy.incrementMinutes) && policy.incrementMinutes >= 1 && policy.incrementMinutes <= 1440;
  if (!okIncrement || !['nearest', 'up', 'down'].includes(policy.mode) || !['entry', 'day'].includes(policy.scope)) {
    throw new RatingError('RATING_INVALID_ROUNDING_POLICY', 'A rounding policy needs a whole incrementMinutes in 1..1440, mode nearest|up|down and scope entry|day.', { policy });
  }
}

/** Rounds whole minutes to the increment; 'nearest' takes exact halves upwards. */
export function roundMinutes(minutes: number, incrementMinutes: number, mode: RoundingMode): number {
  const below = Math.floor(minutes / incrementMinutes) * incrementMinutes;
  if (below === minutes) return minutes;
  const above = below + incrementMinutes;
  if (mode === 'down') return below;
  if (mode === 'up') return above;
  return (minutes - below) * 2 >= incrementMinutes ? above : below;
}

/** One entry's raw minutes plus what it takes to find its day and its place in it. */
export interface RoundableTime {
  id: string;
  employeeId: string;
  date: string;
  startedAt?: string | null;
  minutes: number;
}

/**
 * Applies the policy to a set of entries (any order) and returns the outcome
 * per entry id. Per-day rounding books the whole difference on the day's last
 * entry; if that would go below zero the rest moves to the entry before it.
 */
export function applyRounding(entries: readonly RoundableTime[], policy: TimeRoundingPolicy): Map<string, RoundingOutcome> {
  assertRoundingPolicy(policy);
  const out = new Map<string, RoundingOutcome>();
  if (policy.scope === 'entry') {
    for (const e of entries) {
      const rounded = roundMinutes(e.minutes, policy.incrementMinutes, policy.mode);
      out.set(e.id, { rawMinutes: e.minutes, roundedMinutes: rounded, adjustmentMinutes: rounded - e.minutes });
    }
    return out;
  }
  const days = new Map<string, RoundableTime[]>();
  for (const e of [...entries].sort(compareEntries)) {
    const day = `${e.employeeId}\u0000${e.date}`;
    const list = days.get(day);
    if (list) list.push(e);
    else days.set(day, [e]);
  }
  for (const dayEntries of days.values()) {
    const raw = dayEntries.reduce((sum, e) => sum + e.minutes, 0);
    let remaining = roundMinutes(raw, policy.incrementMinutes, policy.mode) - raw;
    const rounded = dayEntries.map((e) => e.minutes);
    for (let i = rounded.length - 1; i >= 0 && remaining !== 0; i--) {
      const applied = Math.max(remaining, -rounded[i]);
      rounded[i] += applied;
      remaining -= applied;
    }
    dayEntries.forEach((e, i) => out.set(e.id, { rawMinutes: e.minutes, roundedMinutes: rounded[i], adjustmentMinutes: rounded[i] - e.minutes }));
  }
  return out;
}
