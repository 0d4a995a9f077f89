import { MappingError } from '../errors/mapping-error';
import type { ResolvedGuardrails } from '../types';

/**
 * One pass over raw JSON text, before JSON.parse, with an explicit stack so
 * 100,000-deep nesting is refused at the first level over the limit instead
 * of overflowing the parser. JSON.parse still decides full grammar validity;
 * this pass only finds what JSON.parse silently accepts or dies on.
 */

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const enum Ch {
  Tab = 9, Lf = 10, Cr = 13, Space = 32, Quote = 34, Comma = 44, Minus = 45, Dot = 46, Zero = 48, Nine = 57,
  Colon = 58, E = 69, LBracket = 91, Backslash = 92, RBracket = 93, LowerE = 101, LBrace = 123, RBrace = 125,
}

interface Frame {
  isObject: boolean;
  keys: Set<string> | null;
  count: number;
  expectKey: boolean;
}

type ScanLimits = Pick<ResolvedGuardrails, 'maxInputDepth' | 'maxArrayLength'>;

const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);

function invalid(offset: number, what: string): MappingError {
  return MappingError.of('MW_INVALID_JSON', `Input is not valid JSON: ${what} at offset ${offset}`);
}

/** True when the integer digits (no sign) exceed 2^53 - 1. Compares as text to avoid rounding. */
function integerPartUnsafe(digits: string): boolean {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  if (trimmed.length !== MAX_SAFE_DIGITS.length) return trimmed.length > MAX_SAFE_DIGITS.length;
  return trimmed > MAX_SAFE_DIGITS;
}

function scanString(text: string, start: number): number {
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === Ch.Quote) return i;
    i += c === Ch.Backslash ? 2 : 1;
  }
  throw invalid(start, 'unterminated string');
}

function decodeKey(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  if (raw.indexOf('\\') === -1) return raw;
  try {
    return JSON.parse(text.slice(start, end + 1)) as string;
  } catch {
    throw invalid(start, 'bad escape in key');
  }
}

function isNumberChar(c: number): boolean {
  return (c >= Ch.Zero && c <= Ch.Nine) || c === Ch.Minus || c === Ch.Dot || c === Ch.E || c === Ch.LowerE || c === 43;
}

function checkNumber(token: string, offset: number): void {
  let end = 0;
  const body = token.charCodeAt(0) === Ch.Minus ? token.slice(1) : token;
  while (end < body.length && body.charCodeAt(end) >= Ch.Zero && body.charCodeAt(end) <= Ch.Nine) end++;
  const hasExponent = /[eE]/.test(body);
  if (!hasExponent && integerPartUnsafe(body.slice(0, end))) {
    throw MappingError.of(
      'MW_UNSAFE_INTEGER',
      `Number ${token.length > 40 ? token.slice(0, 40) + '…' : token} at offset ${offset} is beyond 2^53 and would lose precision; send such identifiers as strings`,
    );
  }
}

function valueStarts(top: Frame | undefined, limits: ScanLimits, offset: number): void {
  if (!top || top.isObject) return;
  if (top.count === 0) top.count = 1;
  if (top.count > limits.maxArrayLength) {
    throw MappingError.of('MW_ARRAY_TOO_LONG', `Array at offset ${offset} is longer than ${limits.maxArrayLength} items`);
  }
}

export function scanJsonText(text: string, limits: ScanLimits): void {
  const stack: Frame[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === Ch.Space || c === Ch.Lf || c === Ch.Cr || c === Ch.Tab) {
      i++;
      continue;
    }
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    switch (c) {
      case Ch.LBrace:
      case Ch.LBracket: {
        valueStarts(top, limits, i);
        if (stack.length >= limits.maxInputDepth) {
          throw MappingError.of('MW_INPUT_TOO_DEEP', `Input nests deeper than ${limits.maxInputDepth} levels (offset ${i})`);
        }
        const isObject = c === Ch.LBrace;
        stack.push({ isObject, keys: isObject ? new Set() : null, count: 0, expectKey: isObject });
        i++;
        break;
      }
      case Ch.RBrace:
      case Ch.RBracket: {
        if (!top || top.isObject !== (c === Ch.RBrace)) throw invalid(i, `unexpected '${text[i]}'`);
        stack.pop();
        i++;
        break;
      }
      case Ch.Comma:
        if (!top) throw invalid(i, "unexpected ','");
        if (top.isObject) top.expectKey = true;
        else if (++top.count > limits.maxArrayLength) {
          throw MappingError.of('MW_ARRAY_TOO_LONG', `Array ending near offset ${i} is longer than ${limits.maxArrayLength} items`);
        }
        i++;
        break;
      case Ch.Colon:
        i++;
        break;
      case Ch.Quote: {
        const end = scanString(text, i);
        if (top && top.isObject && top.expectKey) {
          const key = decodeKey(text, i, end);
          if (FORBIDDEN_KEYS.has(key)) {
            throw MappingError.of('MW_PROTOTYPE_KEY', `Key "${key}" at offset ${i} is not accepted in input`);
          }
          const keys = top.keys as Set<string>;
          if (keys.has(key)) throw MappingError.of('MW_DUPLICATE_KEY', `Key "${key}" appears twice in one object (offset ${i})`);
          keys.add(key);
          top.expectKey = false;
        } else {
          valueStarts(top, limits, i);
        }
        i = end + 1;
        break;
      }
      default: {
        valueStarts(top, limits, i);
        const start = i;
        if (isNumberChar(c)) {
          while (i < n && isNumberChar(text.charCodeAt(i))) i++;
          checkNumber(text.slice(start, i), start);
        } else {
          // true / false / null; anything else is left for JSON.parse to reject.
          while (i < n && text.charCodeAt(i) >= 97 && text.charCodeAt(i) <= 122) i++;
          if (i === start) throw invalid(i, `unexpected character '${text[i]}'`);
        }
      }
    }
  }
  if (stack.length > 0) throw invalid(n, 'unexpected end of input');
}
