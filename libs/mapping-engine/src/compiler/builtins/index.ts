/**
 * The function library visible to compiled expressions: the interpreter's own
 * synchronous functions (shared through the reference library), synchronous
 * versions of its asynchronous ones, and the host's registered functions.
 * Names listed in UNSUPPORTED make the compiler decline the expression.
 */
import { ref } from '../reference-library';
import { defineNative, NativeDefinition, NativeFn } from '../runtime';
import { contains, match, replace, split } from './regex';
import { number, string } from './casts';
import { trim } from './strings';
import { each, filter, foldLeft, map, sift, single, sort } from './higher-order';

/** Library functions left to the interpreter (non-deterministic or evaluating source text). */
export const UNSUPPORTED_FUNCTIONS = new Set(['eval', 'random', 'shuffle']);

const SIGNATURES: [string, string, string?][] = [
  ['sum', '<a<n>:n>'], ['count', '<a:n>'], ['max', '<a<n>:n>'], ['min', '<a<n>:n>'], ['average', '<a<n>:n>'],
  ['string', '<x-b?:s>'], ['substring', '<s-nn?:s>'], ['substringBefore', '<s-s:s>'], ['substringAfter', '<s-s:s>'],
  ['lowercase', '<s-:s>'], ['uppercase', '<s-:s>'], ['length', '<s-:n>'], ['trim', '<s-:s>'], ['pad', '<s-ns?:s>'],
  ['match', '<s-f<s:o>n?:a<o>>'], ['contains', '<s-(sf):b>'], ['replace', '<s-(sf)(sf)n?:s>'], ['split', '<s-(sf)n?:a<s>>'],
  ['join', '<a<s>s?:s>'], ['formatNumber', '<n-so?:s>'], ['formatBase', '<n-n?:s>'],
  ['formatInteger', '<n-s:s>', 'datetime'], ['parseInteger', '<s-s:n>', 'datetime'],
  ['number', '<(nsb)-:n>'], ['floor', '<n-:n>'], ['ceil', '<n-:n>'], ['round', '<n-n?:n>'], ['abs', '<n-:n>'],
  ['sqrt', '<n-:n>'], ['power', '<n-n:n>'], ['boolean', '<x-:b>'], ['not', '<x-:b>'],
  ['map', '<af>'], ['zip', '<a+>'], ['filter', '<af>'], ['single', '<af?>'], ['reduce', '<afj?:j>'], ['sift', '<o-f?:o>'],
  ['keys', '<x-:a<s>>'], ['lookup', '<x-s:x>'], ['append', '<xx:a>'], ['exists', '<x:b>'], ['spread', '<x-:a<o>>'],
  ['merge', '<a<o>:o>'], ['reverse', '<a:a>'], ['each', '<o-f:a>'], ['error', '<s?:x>'], ['assert', '<bs?:x>'],
  ['type', '<x:s>'], ['sort', '<af?:a>'], ['distinct', '<x:x>'],
  ['base64encode', '<s-:s>'], ['base64decode', '<s-:s>'], ['encodeUrlComponent', '<s-:s>'], ['encodeUrl', '<s-:s>'],
  ['decodeUrlComponent', '<s-:s>'], ['decodeUrl', '<s-:s>'],
  ['toMillis', '<s-s?:n>', 'datetime'], ['fromMillis', '<n-s?s?:s>', 'datetime'], ['clone', '<(oa)-:o>'],
  ['now', '<s?s?:s>'], ['millis', '<:n>'],
];

const SYNC_PORTS: Record<string, NativeFn> = {
  string: string as NativeFn,
  number: number as NativeFn,
  trim: trim as NativeFn,
  match, contains, replace, split, map, filter, single, reduce: foldLeft, sift, each, sort,
};

function clone(arg: unknown): unknown {
  if (arg === undefined) return undefined;
  return JSON.parse(ref().fn.string(arg));
}

function now(this: any, picture: unknown, timezone: unknown): unknown {
  return ref().datetime.fromMillis.call(this, this.environment.timestamp.getTime(), picture, timezone);
}

function millis(this: any): unknown {
  return this.environment.timestamp.getTime();
}

let library: Record<string, NativeDefinition> | undefined;

/** Library definitions, built once (signatures parsed by the interpreter's own parser). */
export function builtinLibrary(): Record<string, NativeDefinition> {
  if (library) return library;
  const lib = ref();
  const own: Record<string, NativeFn> = { clone, now, millis };
  const result: Record<string, NativeDefinition> = Object.create(null);
  for (const [name, signature, module] of SIGNATURES) {
    const impl = SYNC_PORTS[name] ?? own[name] ?? (module === 'datetime' ? lib.datetime[name] : lib.fn[name]);
    result[name] = defineNative(impl as NativeFn, lib.parseSignature(signature));
  }
  library = result;
  return result;
}

type HostEntry = ((...args: any[]) => unknown) | { implementation: (...args: any[]) => unknown; signature?: string };

/** Host functions are registered like `registerFunction(name, impl, signature?)`: the signature is optional. */
export function staticScope(functions: Record<string, HostEntry> | undefined): Record<string, unknown> {
  const scope: Record<string, unknown> = Object.assign(Object.create(null), builtinLibrary());
  if (functions) {
    for (const name of Object.keys(functions)) {
      const entry = functions[name];
      if (typeof entry === 'function') scope[name] = defineNative(entry as NativeFn);
      else scope[name] = defineNative(entry.implementation as NativeFn, entry.signature ? ref().parseSignature(entry.signature) : undefined);
    }
  }
  return scope;
}
