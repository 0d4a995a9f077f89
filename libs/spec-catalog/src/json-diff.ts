import type { CaseDiffEntry, JsonChange } from './types';

function escape(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Leaf-level differences from `before` to `after`, keyed by JSON pointer (RFC 6901). Arrays compare by index. */
export function diffJson(before: unknown, after: unknown, pointer = ''): JsonChange[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: JsonChange[] = [];
    const len = Math.max(before.length, after.length);
    for (let i = 0; i < len; i++) {
      const p = `${pointer}/${i}`;
      if (i >= after.length) out.push({ pointer: p, kind: 'removed', before: before[i] });
      else if (i >= before.length) out.push({ pointer: p, kind: 'added', after: after[i] });
      else out.push(...diffJson(before[i], after[i], p));
    }
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const out: JsonChange[] = [];
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) {
      const p = `${pointer}/${escape(key)}`;
      if (!(key in after) || after[key] === undefined) {
        if (before[key] !== undefined) out.push({ pointer: p, kind: 'removed', before: before[key] });
      } else if (!(key in before) || before[key] === undefined) out.push({ pointer: p, kind: 'added', after: after[key] });
      else out.push(...diffJson(before[key], after[key], p));
    }
    return out;
  }
  if (typeof before === 'number' && typeof after === 'number' && before === after) return [];
  return [{ pointer: pointer || '/', kind: 'changed', before, after }];
}

/** Test-case view of a diff: what the case expected against what the mapping produced. */
export function diffExpected(expected: unknown, actual: unknown): CaseDiffEntry[] {
  return diffJson(expected, actual).map((c) =>
    c.kind === 'removed'
      ? { pointer: c.pointer, kind: 'missing', expected: c.before }
      : c.kind === 'added'
        ? { pointer: c.pointer, kind: 'unexpected', actual: c.after }
        : { pointer: c.pointer, kind: 'mismatch', expected: c.before, actual: c.after },
  );
}

function show(v: unknown): string {
  const text = JSON.stringify(v);
  return text === undefined ? 'undefined' : text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** One line per difference, e.g. `/LineItems/0/UnitAmount: expected 150 but got 150.5`. */
export function formatCaseDiff(diff: CaseDiffEntry[]): string[] {
  return diff.map((d) =>
    d.kind === 'missing'
      ? `${d.pointer}: expected ${show(d.expected)} but it is missing`
      : d.kind === 'unexpected'
        ? `${d.pointer}: not expected, got ${show(d.actual)}`
        : `${d.pointer}: expected ${show(d.expected)} but got ${show(d.actual)}`,
  );
}

export function formatChange(c: JsonChange): string {
  return c.kind === 'added' ? `+ ${c.pointer}: ${show(c.after)}` : c.kind === 'removed' ? `- ${c.pointer}: ${show(c.before)}` : `~ ${c.pointer}: ${show(c.before)} -> ${show(c.after)}`;
}

/** Replaces array indices with `*`, so one field counts once however many lines it touches. */
export function generalisePointer(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}
