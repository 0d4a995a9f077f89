import jsonata from 'jsonata';
import { DECIMAL_FUNCTIONS } from './decimal.functions';
import type { LibraryFunction } from './library-function';
import { runContextOf } from './run-context';
import { convertUom } from './uom.functions';
import { lookupXref } from './xref.functions';

interface BuiltIn {
  implementation: (this: jsonata.Focus, ...args: unknown[]) => unknown;
}

// JSONata exposes its built-ins only to expressions; take the originals once, before a spec can shadow them.
const ORIGINAL_FROM_MILLIS = jsonata('$fromMillis').evaluate(undefined) as Promise<BuiltIn>;
const ORIGINAL_TO_MILLIS = jsonata('$toMillis').evaluate(undefined) as Promise<BuiltIn>;

/** jsonata's own date/time functions that the pinned clock functions delegate to. */
export interface DateTimeOriginals {
  fromMillis: (this: any, ...args: any[]) => unknown;
  toMillis: (this: any, ...args: any[]) => unknown;
}

function pinnedNow(focus: jsonata.Focus, fromMillis: DateTimeOriginals['fromMillis'], picture?: string, timezone?: string): unknown {
  return fromMillis.call(focus, runContextOf(focus).nowMillis, picture, timezone);
}

function pinnedToMillis(focus: jsonata.Focus, toMillis: DateTimeOriginals['toMillis'], timestamp?: string, picture?: string): unknown {
  // jsonata's date parsing reads nothing from its environment but the timestamp
  const environment = { timestamp: new Date(runContextOf(focus).nowMillis) };
  return toMillis.call({ environment, input: focus.input }, timestamp, picture);
}

const MILLIS: LibraryFunction = {
  name: 'millis',
  signature: '<:n>',
  implementation(this: jsonata.Focus) {
    return runContextOf(this).nowMillis;
  },
};

/*
 * $now and $millis replace JSONata's own so every call in one execution, and
 * every re-run with the same RunOptions.now, sees the same instant. $toMillis
 * is wrapped because a picture without a year defaults to "now" as well.
 * The interpreter reaches its originals only asynchronously.
 */
const CLOCK_FUNCTIONS: readonly LibraryFunction[] = [
  {
    name: 'now',
    signature: '<s?s?:s>',
    async implementation(this: jsonata.Focus, picture?: string, timezone?: string) {
      return pinnedNow(this, (await ORIGINAL_FROM_MILLIS).implementation, picture, timezone);
    },
  },
  MILLIS,
  {
    name: 'toMillis',
    signature: '<s-s?:n>',
    async implementation(this: jsonata.Focus, timestamp?: string, picture?: string) {
      return pinnedToMillis(this, (await ORIGINAL_TO_MILLIS).implementation, timestamp, picture);
    },
  },
];

/** The same clock functions, synchronous, for evaluators that hold jsonata's originals directly. */
function synchronousClockFunctions(originals: DateTimeOriginals): readonly LibraryFunction[] {
  return [
    {
      name: 'now',
      signature: '<s?s?:s>',
      implementation(this: jsonata.Focus, picture?: string, timezone?: string) {
        return pinnedNow(this, originals.fromMillis, picture, timezone);
      },
    },
    MILLIS,
    {
      name: 'toMillis',
      signature: '<s-s?:n>',
      implementation(this: jsonata.Focus, timestamp?: string, picture?: string) {
        return pinnedToMillis(this, originals.toMillis, timestamp, picture);
      },
    },
  ];
}

const REFERENCE_FUNCTIONS: readonly LibraryFunction[] = [
  {
    name: 'uom',
    signature: '<(ns)sss?:s>',
    implementation(this: jsonata.Focus, value: unknown, from: string, to: string, profile?: string) {
      return convertUom(value, from, to, runContextOf(this).reference, profile);
    },
  },
  {
    name: 'xref',
    signature: '<s(snb)s?:x>',
    implementation(this: jsonata.Focus, table: string, key: unknown, asOf?: string) {
      if (key === undefined) return undefined;
      const ctx = runContextOf(this);
      return lookupXref(ctx.reference, table, key, asOf ?? ctx.asOf);
    },
  },
];

export const FUNCTION_LIBRARY: readonly LibraryFunction[] = [...DECIMAL_FUNCTIONS, ...CLOCK_FUNCTIONS, ...REFERENCE_FUNCTIONS];

/** FUNCTION_LIBRARY with every function synchronous (the compiled evaluator cannot await). */
export function synchronousFunctionLibrary(originals: DateTimeOriginals): readonly LibraryFunction[] {
  return [...DECIMAL_FUNCTIONS, ...synchronousClockFunctions(originals), ...REFERENCE_FUNCTIONS];
}

/** Registers the library on one compiled expression; done once per prepared spec. */
export function registerFunctionLibrary(expression: jsonata.Expression): void {
  for (const fn of FUNCTION_LIBRARY) expression.registerFunction(fn.name, fn.implementation, fn.signature);
}
