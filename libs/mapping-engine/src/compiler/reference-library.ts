/**
 * Loads the synchronous parts of the installed jsonata package (string casting,
 * number formatting, date/time pictures, signature validation) so compiled code
 * shares one implementation with the interpreter it must agree with. The package
 * only exports its evaluator, so its bundle is re-instantiated here with the
 * module loader exposed instead of the entry point.
 */
import { readFileSync } from 'node:fs';

export interface JsonataFocus {
  createSequence: (...items: unknown[]) => unknown[];
  environment?: { timestamp: Date };
  input?: unknown;
  options?: unknown;
  /** Compiled-evaluation state, for library functions that call back into function values. */
  ctx?: any;
}

type NativeFn = (this: JsonataFocus | unknown, ...args: any[]) => any;

export interface ParsedSignature {
  definition: string;
  validate: (args: unknown[], context: unknown) => unknown[];
}

export interface ReferenceLibrary {
  fn: Record<string, NativeFn>;
  datetime: Record<string, NativeFn>;
  utils: {
    isNumeric: (n: unknown) => boolean;
    isArrayOfStrings: (v: unknown) => boolean;
    isArrayOfNumbers: (v: unknown) => boolean;
    isDeepEqual: (a: unknown, b: unknown) => boolean;
    isFunction: (v: unknown) => boolean;
    isLambda: (v: unknown) => boolean;
    getFunctionArity: (f: unknown) => number;
    stringToArray: (s: string) => string[];
  };
  parseSignature: (signature: string) => ParsedSignature;
}

const ENTRY_CALL = '},{},[3])(3)';

function load(): ReferenceLibrary | string {
  try {
    const file = require.resolve('jsonata/jsonata.js');
    const source = readFileSync(file, 'utf8');
    const at = source.lastIndexOf(ENTRY_CALL);
    if (at < 0) return 'unrecognised jsonata bundle layout';
    // Return the browserify loader (`o`) instead of running the entry module.
    const patched = source.slice(0, at) + '},{},[])' + source.slice(at + ENTRY_CALL.length);
    const holder: { exports: unknown } = { exports: {} };
    new Function('module', 'exports', 'require', patched)(holder, holder.exports, undefined);
    const loadModule = holder.exports as (id: number) => any;
    const lib: ReferenceLibrary = {
      datetime: loadModule(1),
      fn: loadModule(2),
      parseSignature: loadModule(5),
      utils: loadModule(6),
    };
    if (typeof lib.fn.string !== 'function' || typeof lib.datetime.fromMillis !== 'function' || typeof lib.parseSignature !== 'function') {
      return 'unrecognised jsonata module exports';
    }
    return lib;
  } catch (err) {
    return `jsonata bundle could not be loaded: ${(err as Error).message}`;
  }
}

const loaded = load();

/** The reference library, or the reason it is unavailable (the compiler then declines everything). */
export function referenceLibrary(): ReferenceLibrary | string {
  return loaded;
}

/** Same as referenceLibrary() but for call sites that only run once loading succeeded. */
export function ref(): ReferenceLibrary {
  if (typeof loaded === 'string') throw new Error(loaded);
  return loaded;
}
