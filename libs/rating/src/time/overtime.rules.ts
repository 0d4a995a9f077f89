import { isoWeekday, weekStart } from '../calendar/iso-date';
import { RatingError } from '../errors/rating.error';
import { normaliseRate } from '../money/money';
import { compareEntries } from '../rating/entry.ordering';
import type { RatableTimeEntry } from '../rating/rating.types';

interface FactorRuleBase {
  id: string;
  payCode: string;
  /** Multiplier on the billing rate, decimal string. */
  billingFactor: string;
  /** Multiplier on the cost rate, decimal string. */
  costFactor: string;
}

export interface WeekdayFactorRule extends FactorRuleBase {
  kind: 'weekday';
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  isoWeekdays: number[];
}

export interface DailyOvertimeRule extends FactorRuleBase {
  kind: 'daily-overtime';
  /** Minutes worked in a day beyond this count are overtime. */
  thresholdMinutes: number;
}

export interface WeeklyOvertimeRule extends FactorRuleBase {
  kind: 'weekly-overtime';
  /** Non-daily-overtime minutes in an ISO week beyond this count are overtime. */
  thresholdMinutes: number;
}

export type FactorRule = WeekdayFactorRule | DailyOvertimeRule | WeeklyOvertimeRule;

/** Rules in precedence order: when several apply to a minute, the first listed wins. */
export interface FactorRuleSet {
  id: string;
  version: number;
  regularPayCode: string;
  rules: FactorRule[];
}

export const DEFAULT_FACTOR_RULES: FactorRuleSet = Object.freeze({
  id: 'default-factors',
  version: 1,
  regularPayCode: 'REGULAR',
  rules: [
    { id: 'daily-overtime-8h', kind: 'daily-overtime', thresholdMinutes: 480, payCode: 'OT_DAILY', billingFactor: '1.5', costFactor: '1.5' },
    { id: 'weekly-overtime-40h', kind: 'weekly-overtime', thresholdMinutes: 2400, payCode: 'OT_WEEKLY', billingFactor: '1.5', costFactor: '1.5' },
    { id: 'weekend', kind: 'weekday', isoWeekdays: [6, 7], payCode: 'WEEKEND', billingFactor: '1.5', costFactor: '1.5' },
  ],
}) as FactorRuleSet;

/** A run of an entry's minutes that share one pay code and factor. */
export interface TimeSegment {
  payCode: string;
  ruleId: string | null;
  minutes: number;
  billingFactor: string;
  costFactor: string;
}

export function assertFactorRuleSet(set: FactorRuleSet): void {
  for (const rule of set.rules) {
    normaliseRate(rule.billingFactor, `billingFactor of ${rule.id}`);
    normaliseRate(rule.costFactor, `costFactor of ${rule.id}`);
    const badThreshold = rule.kind !== 'weekday' && (!Number.isInteger(rule.thresholdMinutes) || rule.thresholdMinutes < 0);
    const badDays = rule.kind === 'weekday' && (rule.isoWeekdays.length === 0 || rule.isoWeekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7));
    if (badThreshold || badDays || !rule.payCode) {
      throw new RatingError('RATING_INVALID_FACTOR_RULE', `Factor rule ${rule.id} is malformed: thresholds are whole minutes ≥ 0, weekdays 1..7, and a pay code is required.`, { ruleId: rule.id });
    }
  }
}

/** Cuts [start, end) at every threshold strictly inside it. */
function cutAt(start: number, end: number, thresholds: number[]): Array<[number, number]> {
  const points = [start, ...thresholds.filter((t) => t > start && t < end), end].sort((a, b) => a - b);
  const pieces: Array<[number, number]> = [];
  for (let i = 0; i < points.length - 1; i++) if (points[i + 1] > points[i]) pieces.push([points[i], points[i + 1]]);
  return pieces;
}

function pickRule(set: FactorRuleSet, weekday: number, dailyPos: number, weeklyPos: number | null): FactorRule | null {
  for (const rule of set.rules) {
    if (rule.kind === 'weekday' && rule.isoWeekdays.includes(weekday)) return rule;
    if (rule.kind === 'daily-overtime' && dailyPos >= rule.thresholdMinutes) return rule;
    if (rule.kind === 'weekly-overtime' && weeklyPos !== null && weeklyPos >= rule.thresholdMinutes) return rule;
  }
  return null;
}

function pushSegment(segments: TimeSegment[], set: FactorRuleSet, rule: FactorRule | null, minutes: number): void {
  const payCode = rule ? rule.payCode : set.regularPayCode;
  const ruleId = rule ? rule.id : null;
  const existing = segments.find((s) => s.ruleId === ruleId);
  if (existing) existing.minutes += minutes;
  else segments.push({ payCode, ruleId, minutes, billingFactor: rule ? normaliseRate(rule.billingFactor, 'billingFactor') : '1', costFactor: rule ? normaliseRate(rule.costFactor, 'costFactor') : '1' });
}

/**
 * Splits each entry's (rounded) minutes into pay-code segments. Entries are
 * walked per employee in canonical order; daily positions reset per date,
 * weekly positions per ISO week, and minutes already counted as daily
 * overtime do not count again towards the weekly threshold.
 */
export function classifyMinutes(
  entries: ReadonlyArray<Pick<RatableTimeEntry, 'id' | 'employeeId' | 'date' | 'startedAt'>>,
  minutesOf: (id: string) => number,
  set: FactorRuleSet,
): Map<string, TimeSegment[]> {
  assertFactorRuleSet(set);
  const dailyThresholds = set.rules.flatMap((r) => (r.kind === 'daily-overtime' ? [r.thresholdMinutes] : []));
  const weeklyThresholds = set.rules.flatMap((r) => (r.kind === 'weekly-overtime' ? [r.thresholdMinutes] : []));
  const minDaily = dailyThresholds.length ? Math.min(...dailyThresholds) : Infinity;
  const daily = new Map<string, number>();
  const weekly = new Map<string, number>();
  const out = new Map<string, TimeSegment[]>();

  for (const e of [...entries].sort(compareEntries)) {
    const minutes = minutesOf(e.id);
    const weekday = isoWeekday(e.date);
    const dayKey = `${e.employeeId}\u0000${e.date}`;
    const weekKey = `${e.employeeId}\u0000${weekStart(e.date)}`;
    const d0 = daily.get(dayKey) ?? 0;
    const segments: TimeSegment[] = [];
    let w = weekly.get(weekKey) ?? 0;
    for (const [a, b] of cutAt(d0, d0 + minutes, dailyThresholds)) {
      if (a >= minDaily) {
        pushSegment(segments, set, pickRule(set, weekday, a, null), b - a);
        continue;
      }
      for (const [wa, wb] of cutAt(w, w + (b - a), weeklyThresholds)) {
        pushSegment(segments, set, pickRule(set, weekday, a, wa), wb - wa);
      }
      w += b - a;
    }
    daily.set(dayKey, d0 + minutes);
    weekly.set(weekKey, w);
    out.set(e.id, segments);
  }
  return out;
}
