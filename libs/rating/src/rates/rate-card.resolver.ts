import { isEffective } from '../calendar/iso-date';
import { RatingError } from '../errors/rating.error';
import { normaliseRate, type Money } from '../money/money';
import type { RatableTimeEntry, RateCard, RateCardRow, RateScopeKey } from '../rating/rating.types';
import { DEFAULT_RATE_PRECEDENCE, type RatePrecedenceRule } from './rate-precedence.rules';

export type CandidateOutcome = 'fired' | 'outranked' | 'not-effective';

export interface RateCandidate {
  rowId: string;
  rule: string;
  rank: number;
  outcome: CandidateOutcome;
}

/** Why a rate applies: enough to answer an auditor without re-running anything. */
export interface RateResolution {
  rule: string;
  rowId: string | null;
  rateCardId: string | null;
  rateCardVersion: number | null;
  rate: Money;
  reason: string;
  candidates: RateCandidate[];
}

const SCOPE_KEYS: readonly RateScopeKey[] = ['employeeId', 'roleId', 'projectId', 'customerId'];

/** The precedence rule a row's scope shape belongs to, or null when none fits. */
function ruleFor(row: RateCardRow, precedence: readonly RatePrecedenceRule[]): { rule: RatePrecedenceRule; rank: number } | null {
  const rowKeys = SCOPE_KEYS.filter((k) => row.scope[k] !== undefined && row.scope[k] !== null);
  for (let rank = 0; rank < precedence.length; rank++) {
    const rule = precedence[rank];
    if (rule.keys.length === rowKeys.length && rule.keys.every((k) => rowKeys.includes(k))) return { rule, rank };
  }
  return null;
}

function scopeMatches(row: RateCardRow, entry: RatableTimeEntry): boolean {
  return SCOPE_KEYS.every((k) => {
    const wanted = row.scope[k];
    return wanted === undefined || wanted === null || wanted === entry[k];
  });
}

/**
 * Resolves the hourly billing rate for an entry on its work date.
 * An explicit rate on the entry wins; otherwise the highest-ranked effective
 * row. Two effective rows at the same rank are a data error, not a coin toss.
 */
export function resolveRate(
  entry: RatableTimeEntry,
  card: RateCard,
  precedence: readonly RatePrecedenceRule[] = DEFAULT_RATE_PRECEDENCE,
): RateResolution {
  const candidates: RateCandidate[] = [];
  for (const row of card.rows) {
    const ranked = ruleFor(row, precedence);
    if (!ranked || !scopeMatches(row, entry)) continue;
    const effective = isEffective(entry.workDate, row.validFrom, row.validTo);
    candidates.push({ rowId: row.id, rule: ranked.rule.name, rank: ranked.rank, outcome: effective ? 'outranked' : 'not-effective' });
  }
  candidates.sort((a, b) => a.rank - b.rank || (a.rowId < b.rowId ? -1 : a.rowId > b.rowId ? 1 : 0));

  if (entry.explicitRate) {
    return {
      rule: 'explicit-rate',
      rowId: null,
      rateCardId: null,
      rateCardVersion: null,
      rate: { amount: normaliseRate(entry.explicitRate.amount, 'explicitRate.amount'), currency: entry.explicitRate.currency },
      reason: 'the time entry carries an explicit rate, which overrides every rate card row',
      candidates,
    };
  }

  const effective = candidates.filter((c) => c.outcome !== 'not-effective');
  if (effective.length === 0) {
    throw new RatingError('RATING_NO_RATE', `No row of rate card ${card.id}@${card.version} applies to entry ${entry.id} on ${entry.workDate}; add a row or an explicit rate.`, {
      entryId: entry.id, rateCardId: card.id, rateCardVersion: card.version, workDate: entry.workDate,
    });
  }
  const best = effective[0];
  const tied = effective.filter((c) => c.rank === best.rank);
  if (tied.length > 1) {
    throw new RatingError('RATING_AMBIGUOUS_RATE', `Rows ${tied.map((c) => c.rowId).join(', ')} of rate card ${card.id}@${card.version} all apply to entry ${entry.id} under rule ${best.rule}; make their dates or scopes disjoint.`, {
      entryId: entry.id, rowIds: tied.map((c) => c.rowId),
    });
  }
  best.outcome = 'fired';
  const row = card.rows.find((r) => r.id === best.rowId) as RateCardRow;
  const rule = precedence[best.rank];
  return {
    rule: rule.name,
    rowId: row.id,
    rateCardId: card.id,
    rateCardVersion: card.version,
    rate: { amount: normaliseRate(row.rate, `rate of row ${row.id}`), currency: card.currency },
    reason: `${rule.description} (rank ${best.rank + 1} of ${precedence.length}), effective ${row.validFrom}${row.validTo ? ` to ${row.validTo} (exclusive)` : ' onwards'}`,
    candidates,
  };
}
