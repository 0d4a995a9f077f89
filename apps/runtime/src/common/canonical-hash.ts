import { createHash } from 'node:crypto';

/**
 * RFC 8785 canonical JSON, so equal values always hash equally. Written here because the
 * `canonicalize` package is published as import-only ESM, which this CommonJS build cannot require.
 * JSON.stringify already emits ECMAScript number and string forms, which is what RFC 8785 prescribes;
 * the only extra step is sorting object keys by UTF-16 code units.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('Non-finite number cannot be canonicalised');
    const text = JSON.stringify(value);
    if (text === undefined) throw new Error(`Value of type ${typeof value} cannot be canonicalised`);
    return text;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
