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

const MAX_DIGITS = 15;
const POW10 = Array.from({ length: 22 }, (_, i) => 10 ** i);

/**
 * `-?d{1,15}(.d{1,15})?` with at most 15 digits in all, read straight into the mantissa
 * (at most 15 digits, so the accumulated integer is exact); anything else is undefined.
 */
function parseSmall(text: string): SmallDecimal | undefined {
  const n = text.length;
  let i = 0;
  const negative = n > 0 && text.charCodeAt(0) === 45;
  if (negative) i = 1;
  let m = 0;
  let digits = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    if (++digits > MAX_DIGITS) return undefined;
    m = m * 10 + d;
  }
  if (digits === 0) return undefined;
  let scale = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return undefined;
    for (i++; i < n; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return undefined;
      if (++digits > MAX_DIGITS) return undefined;
      m = m * 10 + d;
      scale++;
    }
    if (scale === 0) return undefined;
  }
  return { m: negative && m !== 0 ? -m : m, s: scale };
}

/** A number (through its shortest round-trip text) or a plain decimal string of at most 15 digits. */
export function smallDecimal(value: unknown): SmallDecimal | undefined {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return { m: value === 0 ? 0 : value, s: 0 };
    return parseSmall(String(value));
  }
  if (typeof value !== 'string' || value.length === 0) return undefined;
  // only ASCII control characters and spaces at either end are trimmed here; other whitespace goes to decimal.js
  const untrimmed = value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32;
  return parseSmall(untrimmed ? value.trim() : value);
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

/** Integer and fraction digits of abs / 10^s (fraction padded to s digits); abs is a safe integer. */
function fixedParts(abs: number, s: number): [string, string] {
  if (s === 0) return [String(abs), ''];
  const p = POW10[s];
  const frac = abs % p;
  return [String((abs - frac) / p), String(frac).padStart(s, '0')];
}

/** decimal.js's toString for this value: no exponent, no trailing fraction zeros, zero as "0". */
export function smallText(a: SmallDecimal): string {
  if (a.m === 0) return '0';
  if (a.s === 0) return String(a.m);
  let abs = Math.abs(a.m);
  let s = a.s;
  while (s > 0 && abs % 10 === 0) {
    abs /= 10;
    s--;
  }
  const [int, frac] = fixedParts(abs, s);
  const sign = a.m < 0 ? '-' : '';
  return s === 0 ? sign + int : `${sign}${int}.${frac}`;
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
  const [int, frac] = fixedParts(abs, s);
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
