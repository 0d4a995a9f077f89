/*
 * Exact arithmetic for the decimals mappings mostly meet (hours, rates, amounts):
 * at most 15 digits, held as an integer mantissa and a scale, so every operation
 * below is exact in a double. Anything else returns undefined and the caller
 * uses decimal.js; results are the same text decimal.js would give.
 */

/** value = m / 10^s, with m a safe integer. */
export interface SmallDecimal {
  m: number;
  s: number;
}

const SIMPLE = /^-?\d{1,15}(?:\.\d{1,15})?$/;
const MAX_DIGITS = 15;
const POW10 = Array.from({ length: 22 }, (_, i) => 10 ** i);

/** A number (through its shortest round-trip text) or a plain decimal string of at most 15 digits. */
export function smallDecimal(value: unknown): SmallDecimal | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return { m: value === 0 ? 0 : value, s: 0 };
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.length > 0 && value.charCodeAt(0) <= 32 ? value.trim() : value.length > 0 && value.charCodeAt(value.length - 1) <= 32 ? value.trim() : value;
  } else {
    return undefined;
  }
  if (!SIMPLE.test(text)) return undefined;
  const dot = text.indexOf('.');
  const digits = dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1);
  if (digits.length - (digits.charCodeAt(0) === 45 ? 1 : 0) > MAX_DIGITS) return undefined;
  const m = Number(digits);
  return { m: m === 0 ? 0 : m, s: dot < 0 ? 0 : text.length - dot - 1 };
}

function scaled(a: SmallDecimal, s: number): number {
  return a.m * POW10[s - a.s];
}

export function smallAdd(a: SmallDecimal, b: SmallDecimal, negateB: boolean): SmallDecimal | undefined {
  const s = Math.max(a.s, b.s);
  const m = scaled(a, s) + (negateB ? -scaled(b, s) : scaled(b, s));
  return Number.isSafeInteger(m) ? { m, s } : undefined;
}

export function smallMul(a: SmallDecimal, b: SmallDecimal): SmallDecimal | undefined {
  const m = a.m * b.m;
  const s = a.s + b.s;
  return Number.isSafeInteger(m) && s < POW10.length ? { m, s } : undefined;
}

export function smallCmp(a: SmallDecimal, b: SmallDecimal): number | undefined {
  const s = Math.max(a.s, b.s);
  const x = scaled(a, s);
  const y = scaled(b, s);
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

function digitsOf(abs: number, s: number): [string, string] {
  const text = String(abs).padStart(s + 1, '0');
  return [text.slice(0, text.length - s), text.slice(text.length - s)];
}

/** decimal.js's toString for this value: no exponent, no trailing fraction zeros, zero as "0". */
export function smallText(a: SmallDecimal): string {
  if (a.m === 0) return '0';
  const [int, frac] = digitsOf(Math.abs(a.m), a.s);
  const trimmed = frac.replace(/0+$/, '');
  return `${a.m < 0 ? '-' : ''}${int}${trimmed ? `.${trimmed}` : ''}`;
}

export type SmallRounding = 'half-up' | 'half-even' | 'up' | 'down';

/** Fixed-point text with exactly `places` decimals, rounded like decimal.js's toDecimalPlaces; "-0.00" prints as "0.00". */
export function smallFixed(a: SmallDecimal, places: number, mode: SmallRounding): string {
  const negative = a.m < 0;
  let abs = Math.abs(a.m);
  let s = a.s;
  if (s > places) {
    const d = POW10[s - places];
    const r = abs % d;
    let q = (abs - r) / d;
    const twice = 2 * r;
    if (r !== 0 && (mode === 'up' || (mode === 'half-up' && twice >= d) || (mode === 'half-even' && (twice > d || (twice === d && q % 2 === 1))))) q += 1;
    abs = q;
    s = places;
  }
  const [int, frac] = digitsOf(abs, s);
  const body = places === 0 ? int : `${int}.${frac.padEnd(places, '0')}`;
  return negative && abs !== 0 ? `-${body}` : body;
}

/** formatIsoDuration for a small number of seconds: PT#H#M#S, hours not folded into days. */
export function smallIsoDuration(seconds: SmallDecimal): string | undefined {
  if (seconds.m === 0) return 'PT0S';
  const perMinute = 60 * POW10[seconds.s];
  const perHour = 60 * perMinute;
  if (!Number.isSafeInteger(perHour)) return undefined;
  const abs = Math.abs(seconds.m);
  const belowHour = abs % perHour;
  const hours = (abs - belowHour) / perHour;
  const rest = belowHour % perMinute;
  const minutes = (belowHour - rest) / perMinute;
  let out = seconds.m < 0 ? '-PT' : 'PT';
  if (hours !== 0) out += `${hours}H`;
  if (minutes !== 0) out += `${minutes}M`;
  if (rest !== 0) out += `${smallText({ m: rest, s: seconds.s })}S`;
  return out;
}
