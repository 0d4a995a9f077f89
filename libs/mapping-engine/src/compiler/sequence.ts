/**
 * Result sequences. The interpreter marks arrays it builds while navigating with
 * flags (`sequence`, `keepSingleton`, `cons`, `outerWrapper`, `tupleStream`) that
 * decide flattening and singleton unwrapping; compiled code keeps the same flags
 * on the same arrays so results are indistinguishable.
 */
import { jsonataError } from './errors';
export type Seq = unknown[] & {
  sequence?: boolean;
  keepSingleton?: boolean;
  cons?: boolean;
  outerWrapper?: boolean;
  tupleStream?: boolean;
};

export type Tuple = Record<string, unknown> & { '@'?: unknown };

/*
 * The host's maxSequence guardrail for the evaluation running now. Evaluation is
 * synchronous and saves and restores the value around itself, so a module-level
 * value cannot leak into another evaluation.
 */
let sequenceLimit = Infinity;

export function currentSequenceLimit(): number {
  return sequenceLimit;
}

export function setSequenceLimit(limit: number): number {
  const previous = sequenceLimit;
  sequenceLimit = limit;
  return previous;
}

/** The interpreter's guarded push: a sequence may not grow past the limit (D2015, value = limit). */
function limitedPush(this: unknown[], ...items: unknown[]): number {
  if (this.length + items.length > sequenceLimit) throw jsonataError('D2015', { value: sequenceLimit });
  return Array.prototype.push.apply(this, items);
}

export function createSequence(): Seq {
  const seq: Seq = [];
  if (sequenceLimit !== Infinity) seq.push = limitedPush;
  seq.sequence = true;
  return seq;
}

/** A sequence holding exactly `item` (even when `item` is undefined, as the interpreter does). */
export function sequenceOf(item: unknown): Seq {
  const seq: Seq = [item];
  if (sequenceLimit !== Infinity) seq.push = limitedPush;
  seq.sequence = true;
  return seq;
}

/** Variadic form used as `this.createSequence` by library functions. */
export function createSequenceVariadic(...items: unknown[]): Seq {
  const seq = createSequence();
  if (items.length === 1) seq.push(items[0]);
  return seq;
}

export function isSequence(value: unknown): value is Seq {
  return Array.isArray(value) && (value as Seq).sequence === true;
}

/** The interpreter's end-of-evaluate step: collapse empty and singleton sequences. */
export function finish(result: unknown, keepArray: boolean): unknown {
  if (Array.isArray(result) && (result as Seq).sequence === true && !(result as Seq).tupleStream) {
    const seq = result as Seq;
    if (keepArray) seq.keepSingleton = true;
    if (seq.length === 0) return undefined;
    if (seq.length === 1) return seq.keepSingleton ? seq : seq[0];
  }
  return result;
}

export function markCons(arr: unknown[]): void {
  Object.defineProperty(arr, 'cons', { enumerable: false, configurable: false, value: true });
}

/** fn.append with the interpreter's sequence semantics. */
export function append(arg1: unknown, arg2: unknown): unknown {
  if (arg1 === undefined) return arg2;
  if (arg2 === undefined) return arg1;
  const a1 = Array.isArray(arg1) ? arg1 : sequenceOf(arg1);
  const a2 = Array.isArray(arg2) ? arg2 : [arg2];
  return a1.concat(a2);
}

export function flattenDeep(arg: unknown, into: unknown[] = []): unknown[] {
  if (Array.isArray(arg)) {
    for (const item of arg) flattenDeep(item, into);
  } else {
    into.push(arg);
  }
  return into;
}

export function isJsonataFunction(arg: unknown): boolean {
  if (typeof arg === 'function') return true;
  if (arg === null || typeof arg !== 'object') return false;
  const rec = arg as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return rec._jsonata_function === true || rec._jsonata_lambda === true;
}

export function objectKeys(arg: unknown): string[] {
  return typeof arg === 'object' && arg !== null ? Object.keys(arg) : [];
}

/** fn.lookup: field access that maps over arrays and flattens one level. */
export function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const result = createSequence();
    for (let i = 0; i < input.length; i++) {
      const res = lookup(input[i], key);
      if (res !== undefined) {
        if (Array.isArray(res)) {
          for (const v of res) result.push(v);
        } else {
          result.push(res);
        }
      }
    }
    return result;
  }
  if (input !== null && typeof input === 'object' && Object.prototype.hasOwnProperty.call(input, key) && !isJsonataFunction(input)) {
    return (input as Record<string, unknown>)[key];
  }
  return undefined;
}
