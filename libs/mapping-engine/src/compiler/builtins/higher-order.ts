/**
 * Higher-order library functions ($map, $filter, $single, $reduce, $sift, $each,
 * $sort) as synchronous versions of the interpreter's. Callbacks receive as many
 * of (value, index, array) as their arity accepts.
 */
import { jsonataError } from '../errors';
import { JsonataFocus, ref } from '../reference-library';
import { applyFunction, arityOf, EvalContext } from '../runtime';
import { createSequence, objectKeys } from '../sequence';
import { mergeSort } from '../sort';

type Focus = JsonataFocus;

function call(focus: Focus, func: any, args: unknown[]): unknown {
  if (typeof func === 'function') return func.apply(focus, args);
  return applyFunction(func, args, null, focus.ctx as EvalContext);
}

function hofArgs(func: unknown, a1: unknown, a2: unknown, a3: unknown): unknown[] {
  const args = [a1];
  const length = arityOf(func);
  if (length >= 2) args.push(a2);
  if (length >= 3) args.push(a3);
  return args;
}

function boolean(value: unknown): unknown {
  return ref().fn.boolean(value);
}

export function map(this: Focus, arr: any, func: any): unknown {
  if (arr === undefined) return undefined;
  const result = createSequence();
  for (let i = 0; i < arr.length; i++) {
    const res = call(this, func, hofArgs(func, arr[i], i, arr));
    if (res !== undefined) result.push(res);
  }
  return result;
}

export function filter(this: Focus, arr: any, func: any): unknown {
  if (arr === undefined) return undefined;
  const result = createSequence();
  for (let i = 0; i < arr.length; i++) {
    if (boolean(call(this, func, hofArgs(func, arr[i], i, arr)))) result.push(arr[i]);
  }
  return result;
}

export function single(this: Focus, arr: any, func: any): unknown {
  if (arr === undefined) return undefined;
  let found = false;
  let result: unknown;
  for (let i = 0; i < arr.length; i++) {
    const positive = func === undefined ? true : boolean(call(this, func, hofArgs(func, arr[i], i, arr)));
    if (!positive) continue;
    if (found) throw jsonataError('D3138', { index: i });
    result = arr[i];
    found = true;
  }
  if (!found) throw jsonataError('D3139');
  return result;
}

export function foldLeft(this: Focus, sequence: any, func: any, init: any): unknown {
  if (sequence === undefined) return undefined;
  const arity = arityOf(func);
  if (arity < 2) throw jsonataError('D3050', { index: 1 });
  let result: unknown;
  let index: number;
  if (init === undefined && sequence.length > 0) {
    result = sequence[0];
    index = 1;
  } else {
    result = init;
    index = 0;
  }
  while (index < sequence.length) {
    const args = [result, sequence[index]];
    if (arity >= 3) args.push(index);
    if (arity >= 4) args.push(sequence);
    result = call(this, func, args);
    index++;
  }
  return result;
}

export function sift(this: Focus, arg: any, func: any): unknown {
  let result: Record<string, unknown> | undefined = Object.create(null);
  for (const key of objectKeys(arg)) {
    const entry = arg[key];
    if (boolean(call(this, func, hofArgs(func, entry, key, arg)))) (result as Record<string, unknown>)[key] = entry;
  }
  if (objectKeys(result).length === 0) result = undefined;
  return result;
}

export function each(this: Focus, obj: any, func: any): unknown {
  const result = createSequence();
  for (const key of objectKeys(obj)) {
    const value = call(this, func, hofArgs(func, obj[key], key, obj));
    if (value !== undefined) result.push(value);
  }
  return result;
}

export function sort(this: Focus, arr: any, comparator: any): unknown {
  if (arr === undefined) return undefined;
  if (arr.length <= 1) return arr;
  let swap: (a: unknown, b: unknown) => boolean;
  if (comparator === undefined) {
    const { isArrayOfNumbers, isArrayOfStrings } = ref().utils;
    if (!isArrayOfNumbers(arr) && !isArrayOfStrings(arr)) throw jsonataError('D3070', { index: 1 });
    swap = (a: any, b: any) => a > b;
  } else {
    swap = (a, b) => call(this, comparator, [a, b]) as boolean;
  }
  return mergeSort(arr, swap);
}
