import { minorUnitsOf } from './currency-minor-units';
import { decimalInvalid, decText, Dec, fixedText, roundingOf, toDec } from './decimal-value';
import type { LibraryFunction } from './library-function';

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

export function decAdd(a: unknown, b: unknown): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  return decText(toDec(a, 'a').plus(toDec(b, 'b')));
}

export function decSub(a: unknown, b: unknown): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  return decText(toDec(a, 'a').minus(toDec(b, 'b')));
}

export function decMul(a: unknown, b: unknown): string | undefined {
  if (a === undefined || b === undefined) return undefined;
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
  let total = new Dec(0);
  for (let i = 0; i < items.length; i++) total = total.plus(toDec(items[i], `item ${i}`));
  return decText(total);
}

export function decCmp(a: unknown, b: unknown): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  return toDec(a, 'a').comparedTo(toDec(b, 'b'));
}

export function decRound(value: unknown, placesOrCurrency: unknown, mode?: unknown): string | undefined {
  if (value === undefined || placesOrCurrency === undefined) return undefined;
  const places = typeof placesOrCurrency === 'string' ? minorUnits(placesOrCurrency) : placesOf(placesOrCurrency);
  return fixedText(toDec(value), places, roundingOf(mode));
}

export function money(value: unknown, currency: unknown, mode?: unknown): string | undefined {
  if (value === undefined || currency === undefined) return undefined;
  if (typeof currency !== 'string') throw decimalInvalid('Currency must be an ISO 4217 code');
  return fixedText(toDec(value), minorUnits(currency), roundingOf(mode));
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
