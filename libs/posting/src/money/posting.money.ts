import { CURRENCY_MINOR_UNITS } from '@mapwright/canonical-model';
import Decimal from 'decimal.js';
import { PostingError } from '../errors/posting.error';

/** A private Decimal so no global configuration leaks in or out. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

export interface Money {
  amount: string;
  currency: string;
}

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

export function minorUnits(currency: string): number {
  const units = CURRENCY_MINOR_UNITS[currency];
  if (units === undefined) {
    throw new PostingError('POSTING_UNKNOWN_CURRENCY', `Currency ${currency} has no known minor units; add it to CURRENCY_MINOR_UNITS in the canonical model.`, { currency });
  }
  return units;
}

export function parseDecimal(value: string, field: string): Decimal {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value)) {
    throw new PostingError('POSTING_INVALID_AMOUNT', `${field} must be a decimal string, got ${JSON.stringify(value)}.`, { field });
  }
  return new Dec(value);
}

/** Money → signed integer minor units; refuses amounts finer than the currency allows. */
export function toMinor(money: Money): Decimal {
  const minor = parseDecimal(money.amount, 'amount').mul(new Dec(10).pow(minorUnits(money.currency)));
  if (!minor.isInteger()) {
    throw new PostingError('POSTING_INVALID_AMOUNT', `${money.amount} ${money.currency} has more decimals than the currency allows.`, { ...money });
  }
  return minor;
}

/** Non-negative minor units → decimal string fixed to the currency's places. */
export function formatMinor(minor: Decimal, currency: string): string {
  const units = minorUnits(currency);
  const text = minor.div(new Dec(10).pow(units)).toFixed(units);
  return text.startsWith('-') && new Dec(text).isZero() ? text.slice(1) : text;
}
