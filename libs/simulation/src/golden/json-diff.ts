/** One difference between an expected and an actual JSON value, at a JSON pointer. */
export interface JsonDifference {
  pointer: string;
  expected: unknown;
  actual: unknown;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function kind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Every leaf where two JSON values differ (missing members show as `undefined`), in document order. */
export function diffJson(expected: unknown, actual: unknown, pointer = '', out: JsonDifference[] = []): JsonDifference[] {
  if (kind(expected) !== kind(actual)) {
    out.push({ pointer, expected, actual });
  } else if (Array.isArray(expected)) {
    const a = actual as unknown[];
    for (let i = 0; i < Math.max(expected.length, a.length); i += 1) diffJson(expected[i], a[i], `${pointer}/${i}`, out);
  } else if (kind(expected) === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])];
    for (const k of keys) diffJson(e[k], a[k], `${pointer}/${escape(k)}`, out);
  } else if (expected !== actual) {
    out.push({ pointer, expected, actual });
  }
  return out;
}

/** `/invoices/0/total/amount: expected "120.00" but got "121.00"`, one line per difference. */
export function formatDifferences(diffs: readonly JsonDifference[], limit = 20): string {
  const show = (v: unknown) => (v === undefined ? '(missing)' : JSON.stringify(v));
  const lines = diffs.slice(0, limit).map((d) => `${d.pointer || '/'}: expected ${show(d.expected)} but got ${show(d.actual)}`);
  if (diffs.length > limit) lines.push(`… and ${diffs.length - limit} more differences`);
  return lines.join('\n');
}
