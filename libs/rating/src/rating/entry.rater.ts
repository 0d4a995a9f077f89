import { stableJson } from './stable-json';
import { assertIsoDate, isoWeekday } from '../calendar/iso-date';
import { RatingError } from '../errors/rating.error';
import { amountForMinutes, minutesToHours, moneyFromMinor, normaliseRate, toMinor, Dec, type Money } from '../money/money';
import { resolveCostRate } from '../rates/cost-rate.resolver';
import { resolveRate, type RateResolution } from '../rates/rate-card.resolver';
import { DEFAULT_RATE_PRECEDENCE, type RatePrecedenceRule } from '../rates/rate-precedence.rules';
import { classifyMinutes, DEFAULT_FACTOR_RULES, type FactorRuleSet, type TimeSegment } from '../time/overtime.rules';
import { entryMinutes } from '../time/duration';
import { applyRounding, NO_ROUNDING, type TimeRoundingPolicy } from '../time/time-rounding.policy';
import { compareEntries } from './entry.ordering';
import type { AmountLine, PayrollLine, RatingSnapshot } from './rating-snapshot.types';
import type { CostRateTable, RatableTimeEntry, RateCard } from './rating.types';

export interface RatingContext {
  rateCard: RateCard;
  costRates: CostRateTable;
  rounding?: TimeRoundingPolicy;
  factorRules?: FactorRuleSet;
  precedence?: readonly RatePrecedenceRule[];
}

function assertRatable(entry: RatableTimeEntry): void {
  if (entry.status !== 'approved') {
    throw new RatingError('RATING_ENTRY_NOT_APPROVED', `Entry ${entry.id} is ${entry.status}; only approved entries are rated.`, { entryId: entry.id, status: entry.status });
  }
  assertIsoDate(entry.date);
}

/**
 * Keeps one revision per entry id: the highest. The same revision delivered
 * twice must be identical, otherwise the source has a bug worth stopping for.
 */
export function latestRevisions<E extends RatableTimeEntry>(entries: readonly E[]): E[] {
  const byId = new Map<string, E>();
  for (const e of entries) {
    const seen = byId.get(e.id);
    if (!seen || e.revision > seen.revision) byId.set(e.id, e);
    else if (e.revision === seen.revision && stableJson(e) !== stableJson(seen)) {
      throw new RatingError('RATING_DUPLICATE_ENTRY', `Entry ${e.id} revision ${e.revision} was delivered twice with different content; a change needs a new revision.`, { entryId: e.id, revision: e.revision });
    }
  }
  return [...byId.values()];
}

function amountLines(segments: TimeSegment[], rate: Money, factorOf: (s: TimeSegment) => string): { lines: AmountLine[]; amount: Money } {
  const lines = segments.map((s) => ({ payCode: s.payCode, minutes: s.minutes, factor: factorOf(s), amount: amountForMinutes(s.minutes, rate, factorOf(s)) }));
  const minor = lines.reduce((sum, l) => sum.add(toMinor(l.amount)), new Dec(0));
  return { lines, amount: moneyFromMinor(minor, rate.currency) };
}

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * The billing multiplier for a segment: a contractual overtime factor on the
 * fired row beats everything for overtime minutes, a contractual weekday
 * factor for all other minutes of that day; otherwise the factor rule's own.
 */
function billingFactorFor(segment: TimeSegment, resolution: RateResolution, date: string, rules: FactorRuleSet): string {
  const overrides = resolution.factorOverrides;
  if (!overrides) return segment.billingFactor;
  const kind = rules.rules.find((r) => r.id === segment.ruleId)?.kind;
  if ((kind === 'daily-overtime' || kind === 'weekly-overtime') && overrides.overtimeFactor) return overrides.overtimeFactor;
  const weekday = overrides.weekdayFactors?.[WEEKDAY_KEYS[isoWeekday(date) - 1]];
  return weekday === undefined ? segment.billingFactor : normaliseRate(weekday, 'weekday factor');
}

/**
 * Rates a batch of approved entries. Entries of the same employee and week
 * must travel together because rounding per day and overtime thresholds
 * depend on neighbours; the result is in canonical order whatever the input
 * order, and duplicate deliveries collapse to the latest revision.
 */
export function rateEntries(entries: readonly RatableTimeEntry[], ctx: RatingContext): RatingSnapshot[] {
  const rounding = ctx.rounding ?? NO_ROUNDING;
  const factorRules = ctx.factorRules ?? DEFAULT_FACTOR_RULES;
  const precedence = ctx.precedence ?? DEFAULT_RATE_PRECEDENCE;
  const batch = latestRevisions(entries).sort(compareEntries);
  batch.forEach(assertRatable);
  const rounded = applyRounding(batch.map((e) => ({ id: e.id, employeeId: e.employeeId, date: e.date, startedAt: e.startedAt, minutes: entryMinutes(e) })), rounding);
  const minutesOf = (id: string) => (rounded.get(id) as { roundedMinutes: number }).roundedMinutes;
  const segmentsById = classifyMinutes(batch, minutesOf, factorRules);

  return batch.map((entry) => {
    const r = rounded.get(entry.id) as { rawMinutes: number; roundedMinutes: number; adjustmentMinutes: number };
    const segments = segmentsById.get(entry.id) as TimeSegment[];
    const costResolution = resolveCostRate(entry, ctx.costRates);
    const cost = amountLines(segments, costResolution.rate, (s) => s.costFactor);
    let billing: RatingSnapshot['billing'] = null;
    if (entry.billable) {
      const resolution = resolveRate(entry, ctx.rateCard, precedence);
      billing = { resolution, ...amountLines(segments, resolution.rate, (s) => billingFactorFor(s, resolution, entry.date, factorRules)) };
    }
    const payroll: PayrollLine[] = segments.map((s) => ({ employeeId: entry.employeeId, date: entry.date, payCode: s.payCode, minutes: s.minutes, hours: minutesToHours(s.minutes) }));
    return {
      schemaVersion: 1,
      entry: {
        id: entry.id,
        revision: entry.revision,
        employeeId: entry.employeeId,
        roleCode: entry.roleCode ?? null,
        projectId: entry.projectId,
        customerId: entry.customerId ?? null,
        legalEntityId: entry.legalEntityId ?? null,
        costCenterId: entry.costCenterId ?? null,
        taskId: entry.taskId ?? null,
        date: entry.date,
        billable: entry.billable,
      },
      rounding: { incrementMinutes: rounding.incrementMinutes, mode: rounding.mode, scope: rounding.scope, ...r },
      factorRuleSet: { id: factorRules.id, version: factorRules.version },
      segments,
      billing,
      cost: { resolution: costResolution, ...cost },
      payroll,
    } satisfies RatingSnapshot;
  });
}

/**
 * Rates one entry in the company of its peers (the employee's other approved
 * entries of the same week), which shape per-day rounding and overtime.
 */
export function rateEntry(entry: RatableTimeEntry, ctx: RatingContext, peers: readonly RatableTimeEntry[] = []): RatingSnapshot {
  const others = peers.filter((p) => p.id !== entry.id && p.employeeId === entry.employeeId);
  const snapshot = rateEntries([entry, ...others], ctx).find((s) => s.entry.id === entry.id);
  return snapshot as RatingSnapshot;
}
