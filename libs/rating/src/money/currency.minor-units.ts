import { RatingError } from '../errors/rating.error';

/**
 * ISO 4217 minor units for the currencies the firm bills and pays in.
 * Kept here as a narrow table so rating stays usable before the canonical
 * model's list is wired in; an unknown code is an error, never a guess.
 */
export const RATING_MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
  AUD: 2, BHD: 3, BRL: 2, CAD: 2, CHF: 2, CNY: 2, CZK: 2, DKK: 2, EUR: 2, GBP: 2,
  HKD: 2, HUF: 2, IDR: 2, ILS: 2, INR: 2, ISK: 0, JOD: 3, JPY: 0, KRW: 0, KWD: 3,
  MXN: 2, MYR: 2, NOK: 2, NZD: 2, OMR: 3, PHP: 2, PLN: 2, SAR: 2, SEK: 2, SGD: 2,
  THB: 2, TND: 3, TRY: 2, USD: 2, ZAR: 2,
});

export function minorUnits(currency: string): number {
  const units = RATING_MINOR_UNITS[currency];
  if (units === undefined) {
    throw new RatingError('RATING_UNKNOWN_CURRENCY', `Currency ${currency} has no known minor units; add it to the currency table.`, { currency });
  }
  return units;
}
