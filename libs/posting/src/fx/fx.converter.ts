import Decimal from 'decimal.js';
import { PostingError } from '../errors/posting.error';
import { Dec, minorUnits } from '../money/posting.money';

/** What conversion reads from a canonical FxRate. */
export interface FxRateInput {
  baseCurrency: string;
  quoteCurrency: string;
  /** Units of quote currency per unit of base currency. */
  rate: string;
  rateType: string;
  effectiveDate: string;
}

export interface FxContext {
  functionalCurrency: string;
  rates: readonly FxRateInput[];
}

/** Places kept on a rate derived by inversion, so the recorded rate reproduces the amounts. */
const INVERSE_RATE_PLACES = 12;

/**
 * Functional-currency units per transaction-currency unit on `date`: the
 * latest rate of the type effective on or before the date, direct if quoted,
 * else the inverse of the reverse quote.
 */
export function fxRateFor(ctx: FxContext, currency: string, date: string, rateType = 'spot'): Decimal {
  if (currency === ctx.functionalCurrency) return new Dec(1);
  const latest = (base: string, quote: string) =>
    ctx.rates
      .filter((r) => r.baseCurrency === base && r.quoteCurrency === quote && r.rateType === rateType && r.effectiveDate <= date)
      .reduce<FxRateInput | undefined>((best, r) => (!best || r.effectiveDate > best.effectiveDate ? r : best), undefined);
  const direct = latest(currency, ctx.functionalCurrency);
  if (direct) return new Dec(direct.rate);
  const reverse = latest(ctx.functionalCurrency, currency);
  if (reverse && !new Dec(reverse.rate).isZero()) return new Dec(1).div(reverse.rate).toDecimalPlaces(INVERSE_RATE_PLACES, Decimal.ROUND_HALF_UP);
  throw new PostingError('POSTING_NO_FX_RATE', `No ${rateType} rate from ${currency} to ${ctx.functionalCurrency} on or before ${date}; load FX rates first.`, {
    currency, functionalCurrency: ctx.functionalCurrency, date, rateType,
  });
}

/**
 * Converts signed transaction minor units to signed functional minor units,
 * half away from zero, so a reversal converts to the exact negative.
 */
export function convertMinor(txnMinor: Decimal, currency: string, functionalCurrency: string, rate: Decimal): Decimal {
  const scale = new Dec(10).pow(minorUnits(functionalCurrency) - minorUnits(currency));
  return txnMinor.mul(rate).mul(scale).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
}
