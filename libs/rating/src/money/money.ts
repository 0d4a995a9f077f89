import Decimal from 'decimal.js';
import { RatingError } from '../errors/rating.error';
import { minorUnits } from './currency.minor-units';

/** A private Decimal so no global configuration leaks in or out. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/** Money as data: a decimal string fixed to the currency's minor units. */
export interface Money {
  amount: string;
  currency: string;
}

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

export function parseDecimal(value: string, field: string): Decimal {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value)) {
    throw new RatingError('RATING_INVALID_AMOUNT', `${field} must be a decimal string such as "120.50", got ${JSON.stringify(value)}.`, { field, value });
  }
  return new Dec(value);
}

/** Integer count of minor units → Money string, e.g. 12345 USD → "123.45". */
export function moneyFromMinor(minor: Decimal, currency: string): Money {
  const units = minorUnits(currency);
  if (!minor.isInteger()) {
    throw new RatingError('RATING_INVALID_AMOUNT', `Minor-unit amount ${minor.toString()} is not whole.`, { currency });
  }
  // A negative zero would print as "-0.00".
  const value = minor.isZero() ? new Dec(0) : minor;
  return { amount: value.div(new Dec(10).pow(units)).toFixed(units), currency };
}

/** Money → integer minor units; rejects amounts finer than the currency allows. */
export function toMinor(money: Money): Decimal {
  const units = minorUnits(money.currency);
  const minor = parseDecimal(money.amount, 'amount').mul(new Dec(10).pow(units));
  if (!minor.isInteger()) {
    throw new RatingError('RATING_INVALID_AMOUNT', `${money.amount} ${money.currency} has more than ${units} decimals.`, { ...money });
  }
  return minor;
}

export function zeroMoney(currency: string): Money {
  return moneyFromMinor(new Dec(0), currency);
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return moneyFromMinor(toMinor(a).add(toMinor(b)), a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return moneyFromMinor(toMinor(a).sub(toMinor(b)), a.currency);
}

/** minutes × hourly rate × factor, rounded half-up once, in minor units. */
export function amountForMinutes(minutes: number, hourlyRate: Money, factor: string): Money {
  const units = minorUnits(hourlyRate.currency);
  const minor = new Dec(minutes)
    .mul(parseDecimal(hourlyRate.amount, 'rate'))
    .mul(parseDecimal(factor, 'factor'))
    .mul(new Dec(10).pow(units))
    .div(60)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return moneyFromMinor(minor, hourlyRate.currency);
}

/** Minutes as an hours decimal string with four places (payroll precision). */
export function minutesToHours(minutes: number): string {
  return new Dec(minutes).div(60).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
}

/** Normalises a rate to a canonical decimal string (no float, no trailing noise). */
export function normaliseRate(value: string, field: string): string {
  return parseDecimal(value, field).toString();
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new RatingError('RATING_CURRENCY_MISMATCH', `Cannot combine ${a.currency} with ${b.currency}.`, { left: a.currency, right: b.currency });
  }
}
