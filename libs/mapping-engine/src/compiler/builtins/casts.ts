/**
 * Hot-path casts with the interpreter's results: $string for primitives (numbers
 * to 15 significant digits, non-finite numbers rejected with D3001), $number for
 * numbers and plain decimal text, and the effective boolean value. Anything else
 * goes to the interpreter's own functions.
 */
import { jsonataError } from '../errors';
import { ref } from '../reference-library';

const lib = ref();
const referenceString = lib.fn.string;
const referenceBoolean = lib.fn.boolean;
const referenceNumber = lib.fn.number;

/** Longest plain decimal read here; 300 digits stay below Number.MAX_VALUE, so parseFloat is finite. */
const MAX_PLAIN_NUMBER = 300;

/** `-?[0-9]+(\.[0-9]+)?`: text the interpreter's $number reads with parseFloat. */
function isPlainDecimal(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > MAX_PLAIN_NUMBER) return false;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const intStart = i;
  while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === intStart) return false;
  if (i === n) return true;
  if (text.charCodeAt(i) !== 46) return false;
  const fracStart = ++i;
  while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i === n && i > fracStart;
}

/** $number(arg): the parameter name is the interpreter's, which partial application reads. */
export function number(arg: unknown): unknown {
  if (typeof arg === 'number') return arg;
  if (typeof arg === 'string' && isPlainDecimal(arg)) return parseFloat(arg);
  return referenceNumber(arg);
}

export function castString(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'number') {
    if (!isFinite(arg)) throw jsonataError('D3001', { value: arg });
    return String(Number.isInteger(arg) ? arg : Number(arg.toPrecision(15)));
  }
  if (typeof arg === 'boolean' || arg === null) return String(arg);
  return referenceString(arg) as string | undefined;
}

/** $string(arg, prettify): same parameter list as the interpreter's, which partial application reads. */
export function string(arg: unknown, prettify = false): unknown {
  if (!prettify) return castString(arg);
  return referenceString(arg, prettify);
}

export function toBoolean(arg: unknown): boolean | undefined {
  if (typeof arg === 'boolean') return arg;
  if (typeof arg === 'string') return arg.length > 0;
  return referenceBoolean(arg) as boolean | undefined;
}
