/*
 * Evaluators mark the arrays they build with flags (`sequence`, `keepSingleton`,
 * `outerWrapper`, a guarded `push` …). Outputs are handed on as plain JSON values,
 * so arrays carrying any own property beyond their items are copied without them.
 */

// Every flag either evaluator sets on an array (jsonata 2.2 and the compiler mirror each other).
const ARRAY_FLAGS = ['sequence', 'keepSingleton', 'outerWrapper', 'tupleStream', 'cons', 'push'];
const hasOwn = Object.prototype.hasOwnProperty;

function hasExtraKeys(arr: unknown[]): boolean {
  for (let i = 0; i < ARRAY_FLAGS.length; i++) if (hasOwn.call(arr, ARRAY_FLAGS[i])) return true;
  return false;
}

function plainArray(arr: unknown[]): unknown[] {
  const copy = hasExtraKeys(arr) ? Array.from(arr) : arr;
  for (let i = 0; i < copy.length; i++) {
    const item = copy[i];
    if (item !== null && typeof item === 'object') {
      const plain = plainValue(item);
      if (plain !== item) {
        if (copy === arr) return plainArrayCopy(arr, i, plain);
        copy[i] = plain;
      }
    }
  }
  return copy;
}

function plainArrayCopy(arr: unknown[], from: number, first: unknown): unknown[] {
  const copy = Array.from(arr);
  copy[from] = first;
  for (let i = from + 1; i < copy.length; i++) {
    const item = copy[i];
    if (item !== null && typeof item === 'object') copy[i] = plainValue(item);
  }
  return copy;
}

/** The value with evaluator flags removed from every array inside it; unchanged sub-trees are shared. */
export function plainValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return plainArray(value);
  const proto = Object.getPrototypeOf(value);
  // function values (jsonata lambdas, compiled closures) are not data: left as they are
  if (proto !== Object.prototype && proto !== null) return value;
  const obj = value as Record<string, unknown>;
  if (obj._jsonata_lambda === true || obj._jsonata_function === true) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key in obj) {
    const item = obj[key];
    if (item !== null && typeof item === 'object') {
      const plain = plainValue(item);
      if (plain !== item) {
        copy ??= { ...obj };
        copy[key] = plain;
      }
    }
  }
  return copy ?? obj;
}
