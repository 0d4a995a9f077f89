import Decimal from 'decimal.js';
import { CURRENCY_MINOR_UNITS } from '@mapwright/canonical-model';
import { BillingError } from '../errors/billing.error';

/** A private Decimal so no global configuration leaks in or out. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/** Money as data: a decimal string fixed to the currency's minor units. */
export interface Money {
  amount: string;
  currency: string;
}

export type RoundingMode = 'halfUp' | 'halfEven' | 'down' | 'up';

const ROUNDING: Record<RoundingMode, Decimal.Rounding> = {
  halfUp: Decimal.ROUND_HALF_UP,
  halfEven: Decimal.ROUND_HALF_EVEN,
  // "down" and "up" are towards and away from zero, as tax authorities mean them.
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

export function minorUnits(currency: string): number {
  const units = CURRENCY_MINOR_UNITS[currency];
  if (units === undefined) {
    throw new BillingError('BILLING_UNKNOWN_CURRENCY', `Currency ${currency} has no known minor units; add it to CURRENCY_MINOR_UNITS in the canonical model.`, { currency });
  }
  return units;
}

export function parseDecimal(value: string, field: string): Decimal {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value)) {
    throw new BillingError('BILLING_INVALID_AMOUNT', `${field} must be a decimal string such as "120.50", got ${JSON.stringify(value)}.`, { field, value });
  }
  return new Dec(value);
}

/** Money → integer minor units; rejects amounts finer than the currency allows. */
export function toMinor(money: Money): Decimal {
  const units = minorUnits(money.currency);
  const minor = parseDecimal(money.amount, 'amount').mul(new Dec(10).pow(units));
  if (!minor.isInteger()) {
    throw new BillingError('BILLING_INVALID_AMOUNT', `${money.amount} ${money.currency} has more than ${units} decimals.`, { ...money });
  }
  return minor;
}

/** Integer minor units → Money, e.g. 12345 USD → "123.45". */
export function fromMinor(minor: Decimal, currency: string): Money {
  const units = minorUnits(currency);
  if (!minor.isInteger()) {
    throw new BillingError('BILLING_INVALID_AMOUNT', `Minor-unit amount ${minor.toString()} is not whole.`, { currency });
  }
  const amount = minor.div(new Dec(10).pow(units)).toFixed(units);
  return { amount: /^-0(\.0+)?$/.test(amount) ? amount.slice(1) : amount, currency };
}

/** A major-unit decimal (e.g. 10.005) rounded once to whole minor units. */
export function roundToMinor(value: Decimal, currency: string, mode: RoundingMode = 'halfUp'): Decimal {
  return value.mul(new Dec(10).pow(minorUnits(currency))).toDecimalPlaces(0, ROUNDING[mode]);
}

export function money(amount: string, currency: string): Money {
  return fromMinor(toMinor({ amount, currency }), currency);
}

export function zero(currency: string): Money {
  return fromMinor(new Dec(0), currency);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return fromMinor(toMinor(a).add(toMinor(b)), a.currency);
}

export function sub(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return fromMinor(toMinor(a).sub(toMinor(b)), a.currency);
}

export function sum(items: readonly Money[], currency: string): Money {
  return items.reduce((acc, m) => add(acc, m), zero(currency));
}

export function negate(m: Money): Money {
  return fromMinor(toMinor(m).neg(), m.currency);
}

export function isZero(m: Money): boolean {
  return toMinor(m).isZero();
}

export function compare(a: Money, b: Money): number {
  sameCurrency(a, b);
  return toMinor(a).cmp(toMinor(b));
}

/** quantity × unit price, rounded once to the minor unit. */
export function extend(quantity: Decimal, unitPrice: Money, mode: RoundingMode = 'halfUp'): Money {
  return fromMinor(roundToMinor(quantity.mul(parseDecimal(unitPrice.amount, 'unit price')), unitPrice.currency, mode), unitPrice.currency);
}

export function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new BillingError('BILLING_CURRENCY_MISMATCH', `Cannot combine ${a.currency} with ${b.currency}.`, { left: a.currency, right: b.currency });
  }
}

/**
 * Splits `total` over non-negative weights in proportion, in whole minor
 * units, largest remainder first (ties to the earlier item); the parts
 * always add up to the total. All weight zero: the first item takes it all.
 */
export function allocate(total: Money, weights: readonly Decimal[]): Money[] {
  const totalMinor = toMinor(total);
  const sumW = weights.reduce((a, w) => a.add(w), new Dec(0));
  if (weights.length === 0) return [];
  if (sumW.isZero()) return weights.map((_, i) => fromMinor(i === 0 ? totalMinor : new Dec(0), total.currency));
  const sign = totalMinor.isNegative() ? -1 : 1;
  const magnitude = totalMinor.abs();
  const raws = weights.map((w) => magnitude.mul(w).div(sumW));
  const shares = raws.map((r) => r.floor());
  let left = magnitude.sub(shares.reduce((a, s) => a.add(s), new Dec(0)));
  const order = raws.map((r, i) => ({ i, frac: r.sub(shares[i]) })).sort((a, b) => b.frac.cmp(a.frac) || a.i - b.i);
  for (const { i } of order) {
    if (left.lte(0)) break;
    shares[i] = shares[i].add(1);
    left = left.sub(1);
  }
  return shares.map((s) => fromMinor(s.mul(sign), total.currency));
}
