import { fullFormats } from 'ajv-formats/dist/formats';

/*
 * ajv-formats' full `date`, `time` and `date-time` checks run a regex (date-time also a
 * split) on every value. The common spellings are recognised here by a character scan
 * that accepts only what those checks accept; anything it does not recognise at once
 * (an invalid value, a leap second, a long fraction) is decided by ajv-formats itself.
 */

type FormatDefinition = { validate: (value: string) => boolean; compare?: (a: string, b: string) => number | undefined };

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MAX_FRACTION = 12;

function digit(s: string, at: number): number {
  const d = s.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

function twoDigits(s: string, at: number): number {
  const a = digit(s, at);
  const b = digit(s, at + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** YYYY-MM-DD at `at`, a real calendar date. */
function quickDate(s: string, at: number): boolean {
  const hi = twoDigits(s, at);
  const lo = twoDigits(s, at + 2);
  if (hi < 0 || lo < 0 || s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45) return false;
  const month = twoDigits(s, at + 5);
  const day = twoDigits(s, at + 8);
  if (month < 1 || month > 12 || day < 1) return false;
  const year = hi * 100 + lo;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS[month]);
}

/** HH:MM:SS[.fraction](Z|±HH[[:]MM]) from `at` to the end, not a leap second. */
function quickTime(s: string, at: number): boolean {
  const n = s.length;
  const hour = twoDigits(s, at);
  const minute = twoDigits(s, at + 3);
  const second = twoDigits(s, at + 6);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  if (s.charCodeAt(at + 2) !== 58 || s.charCodeAt(at + 5) !== 58) return false;
  let i = at + 8;
  if (s.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < n && digit(s, i) >= 0) i++;
    if (i === start || i - start > MAX_FRACTION) return false;
  }
  const zone = s.charCodeAt(i);
  if (zone === 90 || zone === 122) return i + 1 === n;
  if (zone !== 43 && zone !== 45) return false;
  const zoneHour = twoDigits(s, i + 1);
  if (zoneHour < 0 || zoneHour > 23) return false;
  i += 3;
  if (i === n) return true;
  if (s.charCodeAt(i) === 58) i++;
  const zoneMinute = twoDigits(s, i);
  return zoneMinute >= 0 && zoneMinute <= 59 && i + 2 === n;
}

function withQuickCheck(name: 'date' | 'time' | 'date-time', quick: (s: string) => boolean): FormatDefinition {
  const full = fullFormats[name] as FormatDefinition;
  return { ...full, validate: (s: string) => quick(s) || full.validate(s) };
}

export const DATE_TIME_FORMATS: Readonly<Record<'date' | 'time' | 'date-time', FormatDefinition>> = {
  date: withQuickCheck('date', (s) => s.length === 10 && quickDate(s, 0)),
  time: withQuickCheck('time', (s) => quickTime(s, 0)),
  // the full check splits on T, t or whitespace; a quick match has exactly one of them, at 10
  'date-time': withQuickCheck('date-time', (s) => (s.charCodeAt(10) === 84 || s.charCodeAt(10) === 116) && quickDate(s, 0) && quickTime(s, 11)),
};
