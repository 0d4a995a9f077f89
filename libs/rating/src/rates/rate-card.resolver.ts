import { isEffective } from '../calendar/iso-date';
import { RatingError } from '../errors/rating.error';
import { Dec, normaliseRate, type Money } from '../money/money';
import type { RatableTimeEntry, RateCard, RateCardRow } from '../rating/rating.types';
import { DEFAULT_RATE_PRECEDENCE, type RatePrecedenceRule } from './rate-precedence.rules';

export type CandidateOutcome = 'fired' | 'outranked' | 'not-effective';

export interface RateCandidate {
  rowId: string;
  rule: string;
  rank: number;
  precedence: number;
  outcome: CandidateOutcome;
}

/** Why a rate applies: enough to answer an auditor without re-running anything. */
export interface RateResolution {
  /** The precedence level that fired, or 'explicit-rate'. */
  rule: string;
  rowId: string | null;
  rateCardId: string | null;
  rateCardVersion: number | null;
  /** Always per hour, in the card's (or the explicit rate's) currency. */
  rate: Money;
  reason: string;
  candidates: RateCandidate[];
  /** Billing multipliers the fired row sets by contract; null for an explicit rate or a row without any. */
  factorOverrides: { weekdayFactors?: RateCardRow['weekdayFactors']; overtimeFactor?: string } | null;
}

function scopeMatches(row: RateCardRow, rule: RatePrecedenceRule, entry: RatableTimeEntry): boolean {
  return rule.keys.every((k) => row.scope[k] !== undefined && row.scope[k] !== null && row.scope[k] === entry[k]);
}

function hourlyRate(row: RateCardRow, card: RateCard): Money {
  if (row.rate.currency !== card.currency) {
    throw new RatingError('RATING_CURRENCY_MISMATCH', `Row ${row.id} is priced in ${row.rate.currency} but rate card ${card.id}@${card.version} is in ${card.currency}.`, { rowId: row.id });
  }
  const amount = normaliseRate(row.rate.amount, `rate of row ${row.id}`);
  if (row.unit === 'HUR') return { amount, currency: card.currency };
  if (row.unit === 'MIN') return { amount: new Dec(amount).mul(60).toString(), currency: card.currency };
  throw new RatingError('RATING_UNSUPPORTED_RATE_UNIT', `Row ${row.id} is priced per ${row.unit}; time is rated per hour (HUR) or minute (MIN).`, { rowId: row.id, unit: row.unit });
}

function compareCandidates(a: RateCandidate, b: RateCandidate): number {
  return a.rank - b.rank || a.precedence - b.precedence || (a.rowId < b.rowId ? -1 : a.rowId > b.rowId ? 1 : 0);
}

/**
 * Resolves the hourly billing rate for an entry on its date. An explicit rate
 * on the entry wins; otherwise the effective row of the most specific level,
 * then the lowest `precedence` within that level. Two rows still tied are a
 * data error, not a coin toss.
 */
export function resolveRate(
  entry: RatableTimeEntry,
  card: RateCard,
  precedence: readonly RatePrecedenceRule[] = DEFAULT_RATE_PRECEDENCE,
): RateResolution {
  const cardEffective = !card.effectivePeriod || isEffective(entry.date, card.effectivePeriod.validFrom, card.effectivePeriod.validTo);
  const candidates: RateCandidate[] = [];
  for (const row of card.rows) {
    const rank = precedence.findIndex((p) => p.level === row.scope.level);
    if (rank < 0 || !scopeMatches(row, precedence[rank], entry)) continue;
    const effective = cardEffective && isEffective(entry.date, row.effectivePeriod.validFrom, row.effectivePeriod.validTo);
    candidates.push({ rowId: row.id, rule: precedence[rank].level, rank, precedence: row.precedence ?? 0, outcome: effective ? 'outranked' : 'not-effective' });
  }
  candidates.sort(compareCandidates);

  if (entry.explicitRate) {
    return {
      rule: 'explicit-rate',
      rowId: null,
      rateCardId: null,
      rateCardVersion: null,
      rate: { amount: normaliseRate(entry.explicitRate.amount, 'explicitRate.amount'), currency: entry.explicitRate.currency },
      reason: 'the time entry carries an explicit rate, which overrides every rate card row',
      candidates,
      factorOverrides: null,
    };
  }
  if (card.status !== undefined && card.status !== 'active') {
    throw new RatingError('RATING_INACTIVE_RATE_CARD', `Rate card ${card.id}@${card.version} is ${card.status}; only active versions rate time.`, { rateCardId: card.id, rateCardVersion: card.version });
  }

  const effective = candidates.filter((c) => c.outcome !== 'not-effective');
  if (effective.length === 0) {
    throw new RatingError('RATING_NO_RATE', `No row of rate card ${card.id}@${card.version} applies to entry ${entry.id} on ${entry.date}; add a row or an explicit rate.`, {
      entryId: entry.id, rateCardId: card.id, rateCardVersion: card.version, date: entry.date,
    });
  }
  const best = effective[0];
  const tied = effective.filter((c) => c.rank === best.rank && c.precedence === best.precedence);
  if (tied.length > 1) {
    throw new RatingError('RATING_AMBIGUOUS_RATE', `Rows ${tied.map((c) => c.rowId).join(', ')} of rate card ${card.id}@${card.version} all apply to entry ${entry.id} at level ${best.rule}; make their dates disjoint or set distinct precedence.`, {
      entryId: entry.id, rowIds: tied.map((c) => c.rowId),
    });
  }
  best.outcome = 'fired';
  const row = card.rows.find((r) => r.id === best.rowId) as RateCardRow;
  const rule = precedence[best.rank];
  const period = row.effectivePeriod;
  return {
    rule: rule.level,
    rowId: row.id,
    rateCardId: card.id,
    rateCardVersion: card.version,
    rate: hourlyRate(row, card),
    reason: `${rule.description} (level ${best.rank + 1} of ${precedence.length}), effective ${period.validFrom}${period.validTo ? ` to ${period.validTo} (exclusive)` : ' onwards'}`,
    candidates,
    factorOverrides: row.weekdayFactors || row.overtime
      ? { ...(row.weekdayFactors ? { weekdayFactors: row.weekdayFactors } : {}), ...(row.overtime ? { overtimeFactor: normaliseRate(row.overtime.factor, `overtime factor of row ${row.id}`) } : {}) }
      : null,
  };
}
