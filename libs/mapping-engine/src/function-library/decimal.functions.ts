import { minorUnitsOf } from './currency-minor-units';
import { decimalInvalid, decText, Dec, fixedText, roundingOf, toDec } from './decimal-value';
import type { LibraryFunction } from './library-function';
import { smallAdd, smallCmp, smallDecimal, smallFixed, smallMul, smallText, type SmallDecimal, type SmallRounding } from './small-decimal';

/*
 * Decimal arithmetic for money and quantities. Results are decimal strings so
 * they survive JSON untouched. Like JSONata's own functions, a missing
 * (undefined) argument yields undefined rather than an error.
 */

const MAX_PLACES = 20;

function placesOf(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_PLACES) return value;
  throw decimalInvalid(`Decimal places must be an integer from 0 to ${MAX_PLACES}, got ${String(value)}`);
}

export function minorUnits(currency: string): number {
  if (typeof currency !== 'string') throw decimalInvalid('Currency must be an ISO 4217 code');
  const units = minorUnitsOf(currency);
  if (units === undefined) throw decimalInvalid(`Currency "${currency.slice(0, 10)}" is not an ISO 4217 code`);
  return units;
}

/*
 * Each function first tries exact small-number arithmetic (small-decimal.ts), which
 * only accepts operands decimal.js would accept too; any other operand, and any
 * result too large for it, goes through decimal.js with its checks and errors.
 */

export function decAdd(a: unknown, b: unknown): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  const x = smallDecimal(a);
  const y = x && smallDecimal(b);
  const sum = y && smallAdd(x, y, false);
  if (sum) return smallText(sum);
  return decText(toDec(a, 'a').plus(toDec(b, 'b')));
}

export function decSub(a: unknown, b: unknown): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  const x = smallDecimal(a);
  const y = x && smallDecimal(b);
  const difference = y && smallAdd(x, y, true);
  if (difference) return smallText(difference);
  return decText(toDec(a, 'a').minus(toDec(b, 'b')));
}

export function decMul(a: unknown, b: unknown): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  const x = smallDecimal(a);
  const y = x && smallDecimal(b);
  const product = y && smallMul(x, y);
  if (product) return smallText(product);
  return decText(toDec(a, 'a').times(toDec(b, 'b')));
}

export function decDiv(a: unknown, b: unknown, places?: unknown): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  const divisor = toDec(b, 'b');
  if (divisor.isZero()) throw decimalInvalid('Division by zero');
  const quotient = toDec(a, 'a').dividedBy(divisor);
  return places === undefined ? decText(quotient) : fixedText(quotient, placesOf(places), roundingOf(undefined));
}

export function decSum(values: unknown): string | undefined {
  if (values === undefined) return undefined;
  const items = Array.isArray(values) ? values : [values];
  let small: SmallDecimal | undefined = { m: 0, s: 0 };
  for (let i = 0; i < items.length && small; i++) {
    const item = smallDecimal(items[i]);
    small = item && smallAdd(small, item, false);
  }
  if (small) return smallText(small);
  let total = new Dec(0);
  for (let i = 0; i < items.length; i++) total = total.plus(toDec(items[i], `item ${i}`));
  return decText(total);
}

export function decCmp(a: unknown, b: unknown): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  const x = smallDecimal(a);
  const y = x && smallDecimal(b);
  const order = x && y ? smallCmp(x, y) : undefined;
  if (order !== undefined) return order;
  return toDec(a, 'a').comparedTo(toDec(b, 'b'));
}

export function decRound(value: unknown, placesOrCurrency: unknown, mode?: unknown): string | undefined {
  if (value === undefined || placesOrCurrency === undefined) return undefined;
  const places = typeof placesOrCurrency === 'string' ? minorUnits(placesOrCurrency) : placesOf(placesOrCurrency);
  return rounded(value, places, mode);
}

export function money(value: unknown, currency: unknown, mode?: unknown): string | undefined {
  if (value === undefined || currency === undefined) return undefined;
  if (typeof currency !== 'string') throw decimalInvalid('Currency must be an ISO 4217 code');
  const small = smallDecimal(value);
  if (small) return smallFixed(small, minorUnits(currency), smallRounding(mode));
  return fixedText(toDec(value), minorUnits(currency), roundingOf(mode));
}

/** The mode, checked (and refused) exactly as roundingOf does. */
function smallRounding(mode: unknown): SmallRounding {
  roundingOf(mode);
  return mode === undefined ? 'half-up' : (mode as SmallRounding);
}

/** `value` rounded to `places`; the value is read before the rounding mode, as decimal.js's path does. */
function rounded(value: unknown, places: number, mode: unknown): string {
  const small = smallDecimal(value);
  if (small) return smallFixed(small, places, smallRounding(mode));
  return fixedText(toDec(value), places, roundingOf(mode));
}

const NUM = '(ns)';

export const DECIMAL_FUNCTIONS: readonly LibraryFunction[] = [
  { name: 'decAdd', signature: `<${NUM}${NUM}:s>`, implementation: decAdd },
  { name: 'decSub', signature: `<${NUM}${NUM}:s>`, implementation: decSub },
  { name: 'decMul', signature: `<${NUM}${NUM}:s>`, implementation: decMul },
  { name: 'decDiv', signature: `<${NUM}${NUM}n?:s>`, implementation: decDiv },
  { name: 'decSum', signature: '<a:s>', implementation: decSum },
  { name: 'decCmp', signature: `<${NUM}${NUM}:n>`, implementation: decCmp },
  { name: 'decRound', signature: `<${NUM}${NUM}s?:s>`, implementation: decRound },
  { name: 'money', signature: `<${NUM}ss?:s>`, implementation: money },
  { name: 'minorUnits', signature: '<s:n>', implementation: (c: string | undefined) => (c === undefined ? undefined : minorUnits(c)) },
];
