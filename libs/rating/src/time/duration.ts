import { RatingError } from '../errors/rating.error';
import { Dec, parseDecimal } from '../money/money';
import type { RatableTimeEntry } from '../rating/rating.types';

const MINUTES_PER_UNIT: Readonly<Record<string, number>> = { HUR: 60, MIN: 1 };

/** Whole minutes worked; a fraction of a minute means the source mapping is wrong, so it is refused. */
export function entryMinutes(entry: Pick<RatableTimeEntry, 'id' | 'quantity'>): number {
  const perUnit = MINUTES_PER_UNIT[entry.quantity.unit];
  if (perUnit === undefined) {
    throw new RatingError('RATING_INVALID_DURATION', `Entry ${entry.id} measures time in ${entry.quantity.unit}; expected HUR or MIN.`, { entryId: entry.id, unit: entry.quantity.unit });
  }
  const minutes = parseDecimal(entry.quantity.value, 'quantity.value').mul(perUnit);
  if (!minutes.isInteger() || minutes.lt(0) || minutes.gt(new Dec(1440))) {
    throw new RatingError('RATING_INVALID_DURATION', `Entry ${entry.id} lasts ${entry.quantity.value} ${entry.quantity.unit}; expected whole minutes between 0 and 24 hours.`, { entryId: entry.id });
  }
  return minutes.toNumber();
}
