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
  /** Whether date/time picture analysis is kept per picture (the bundle's text was the one expected). */
  picturesCached: boolean;
}

const ENTRY_CALL = '},{},[3])(3)';

/*
 * jsonata analyses a date/time picture (and, to parse, builds a RegExp from it) on every
 * $toMillis/$fromMillis call. The analysis depends on the picture alone and is only read
 * afterwards, so the loaded copy keeps it per picture string; a bad picture still throws
 * on every call, since only results are kept.
 */
const MAX_PICTURES = 256;

class PictureCache {
  private readonly entries = new Map<string, unknown>();

  get(kind: string, picture: string, build: () => unknown): unknown {
    const key = `${kind}\u0000${picture}`;
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const built = build();
    if (this.entries.size >= MAX_PICTURES) this.entries.clear();
    this.entries.set(key, built);
    return built;
  }
}

const PARSE_START = 'function parseDateTime(timestamp, picture) {';
const PARSE_END = 'var info = matcher.exec(timestamp);';
const PARSE_CACHED =
  "const cachedMatch = __pictures.get('parse', picture, () => { const analysed = analyseDateTimePicture(picture); const matchSpec = generateRegex(analysed); " +
  "return { matchSpec, matcher: new RegExp('^' + matchSpec.parts.map(part => '(' + part.regex + ')').join('') + '$', 'i') }; });\n" +
  'const matchSpec = cachedMatch.matchSpec; const matcher = cachedMatch.matcher;\n';
const FORMAT_ANALYSIS = 'formatSpec = analyseDateTimePicture(picture);';
const FORMAT_CACHED = "formatSpec = __pictures.get('format', picture, () => analyseDateTimePicture(picture));";

/** The bundle with picture analysis cached, or unchanged when its text is not the one expected. */
function withPictureCache(source: string): string {
  const start = source.indexOf(PARSE_START);
  const end = start < 0 ? -1 : source.indexOf(PARSE_END, start);
  if (start < 0 || end < 0) return source;
  const body = source.slice(start + PARSE_START.length, end).replace(/\/\/[^\n]*/g, '').replace(/\s+/g, ' ').trim();
  const expected =
    "const formatSpec = analyseDateTimePicture(picture); const matchSpec = generateRegex(formatSpec); " +
    "const fullRegex = '^' + matchSpec.parts.map(part => '(' + part.regex + ')').join('') + '$'; const matcher = new RegExp(fullRegex, 'i');";
  if (body !== expected) return source;
  const patched = source.slice(0, start + PARSE_START.length) + '\n' + PARSE_CACHED + source.slice(end);
  // formatDateTime's analysis is then the only one left
  const format = patched.indexOf(FORMAT_ANALYSIS);
  if (format < 0 || patched.indexOf(FORMAT_ANALYSIS, format + 1) >= 0) return source;
  return patched.slice(0, format) + FORMAT_CACHED + patched.slice(format + FORMAT_ANALYSIS.length);
}

function load(): ReferenceLibrary | string {
  try {
    const file = require.resolve('jsonata/jsonata.js');
    const source = readFileSync(file, 'utf8');
    const at = source.lastIndexOf(ENTRY_CALL);
    if (at < 0) return 'unrecognised jsonata bundle layout';
    // Return the browserify loader (`o`) instead of running the entry module.
    const unpatched = source.slice(0, at) + '},{},[])' + source.slice(at + ENTRY_CALL.length);
    const patched = withPictureCache(unpatched);
    const holder: { exports: unknown } = { exports: {} };
    new Function('module', 'exports', 'require', '__pictures', patched)(holder, holder.exports, undefined, new PictureCache());
    const loadModule = holder.exports as (id: number) => any;
    const lib: ReferenceLibrary = {
      datetime: loadModule(1),
      fn: loadModule(2),
      parseSignature: loadModule(5),
      utils: loadModule(6),
      picturesCached: patched !== unpatched,
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
