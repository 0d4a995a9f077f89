export interface DiffRow {
  pointer: string;
  kind: 'missing' | 'unexpected' | 'mismatch';
  expected?: unknown;
  actual?: unknown;
}

const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Differences between an expected and an actual JSON value, keyed by JSON pointer (same kinds as the runtime's test report). */
export function diffJson(expected: unknown, actual: unknown, pointer = ''): DiffRow[] {
  if (expected === undefined && actual === undefined) return [];
  if (expected === undefined) return [{ pointer: pointer || '/', kind: 'unexpected', actual }];
  if (actual === undefined) return [{ pointer: pointer || '/', kind: 'missing', expected }];
  const bothObjects = expected !== null && actual !== null && typeof expected === 'object' && typeof actual === 'object' && Array.isArray(expected) === Array.isArray(actual);
  if (!bothObjects) return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [{ pointer: pointer || '/', kind: 'mismatch', expected, actual }];
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])];
  return keys.flatMap((k) => diffJson(e[k], a[k], `${pointer}/${escape(k)}`));
}
