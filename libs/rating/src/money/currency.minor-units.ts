import { CURRENCY_MINOR_UNITS } from '@mapwright/canonical-model';
import { RatingError } from '../errors/rating.error';

/** ISO 4217 minor units from the canonical model; an unknown code is an error, never a guess of two. */
export function minorUnits(currency: string): number {
  const units = CURRENCY_MINOR_UNITS[currency];
  if (units === undefined) {
    throw new RatingError('RATING_UNKNOWN_CURRENCY', `Currency ${currency} has no known minor units; add it to CURRENCY_MINOR_UNITS in the canonical model.`, { currency });
  }
  return units;
}
