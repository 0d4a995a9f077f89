export { RatingError, type RatingErrorCode } from './errors/rating.error';
export { minorUnits } from './money/currency.minor-units';
export { addMoney, subtractMoney, zeroMoney, toMinor, moneyFromMinor, amountForMinutes, minutesToHours, type Money } from './money/money';
export { isoWeekday, weekStart, isEffective } from './calendar/iso-date';
export type { RatableTimeEntry, DurationQuantity, RateCard, RateCardRow, RateScope, RateScopeKey, RateLevel, EffectivePeriod, WeekdayKey, CostRateTable, CostRateRow } from './rating/rating.types';
export { DEFAULT_RATE_PRECEDENCE, type RatePrecedenceRule } from './rates/rate-precedence.rules';
export { resolveRate, type RateResolution, type RateCandidate, type CandidateOutcome } from './rates/rate-card.resolver';
export { resolveCostRate, type CostRateResolution } from './rates/cost-rate.resolver';
export { roundMinutes, applyRounding, NO_ROUNDING, type TimeRoundingPolicy, type RoundingMode, type RoundingScope, type RoundingOutcome, type RoundableTime } from './time/time-rounding.policy';
export { entryMinutes } from './time/duration';
export {
  classifyMinutes, DEFAULT_FACTOR_RULES,
  type FactorRule, type FactorRuleSet, type WeekdayFactorRule, type DailyOvertimeRule, type WeeklyOvertimeRule, type TimeSegment,
} from './time/overtime.rules';
export { compareEntries } from './rating/entry.ordering';
export { rateEntries, rateEntry, latestRevisions, type RatingContext } from './rating/entry.rater';
export { rerate, diffSnapshots } from './rating/snapshot.rerater';
export { splitIntoRateSegments, type RateSegment } from './rating/rate-segment.splitter';
export type { RatingSnapshot, RatingDelta, AmountLine, PayrollLine, PayrollDelta } from './rating/rating-snapshot.types';
