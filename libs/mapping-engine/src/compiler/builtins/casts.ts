/**
 * Hot-path casts with the interpreter's results: $string for primitives (numbers
 * to 15 significant digits, non-finite numbers rejected with D3001) and the
 * effective boolean value. Anything else goes to the interpreter's own functions.
 */
import { jsonataError } from '../errors';
import { ref } from '../reference-library';

const lib = ref();
const referenceString = lib.fn.string;
const referenceBoolean = lib.fn.boolean;

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
