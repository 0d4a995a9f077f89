/**
 * RFC 8785 (JCS) canonical JSON, matching the `canonicalize` package byte for byte.
 * That package ships as ESM with an import-only export map, which CommonJS code
 * (this library's build, jest) cannot require; canonical-json.spec.ts checks parity against it.
 */
function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return true;
    }
  }
  return false;
}

export interface CanonicalJsonOptions {
  /**
   * Content hashing must accept any expression text. JSON.stringify escapes a
   * lone surrogate as \udxxx, which no well-formed string produces, so the
   * text stays unambiguous even though RFC 8785 itself refuses it.
   */
  allowLoneSurrogates?: boolean;
}

export function canonicalJson(value: unknown, options: CanonicalJsonOptions = {}, seen: Set<object> = new Set()): string | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`${String(value)} is not allowed in canonical JSON`);
  }
  if (typeof value === 'string' && !options.allowLoneSurrogates && hasLoneSurrogate(value)) {
    throw new TypeError('Lone surrogate is not allowed in canonical JSON');
  }
  if (value === null || typeof value !== 'object') {
    // ECMAScript number and string serialisation is exactly what RFC 8785 prescribes.
    return JSON.stringify(value);
  }
  if (seen.has(value)) throw new TypeError('Circular reference in canonical JSON');
  seen.add(value);
  let result: string;
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') {
    result = canonicalJson(withToJson.toJSON(), options, seen) ?? 'null';
  } else if (Array.isArray(value)) {
    const items = value.map((item) => canonicalJson(item === undefined || typeof item === 'symbol' ? null : item, options, seen));
    result = `[${items.join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    // Default sort compares UTF-16 code units, which is the order RFC 8785 requires.
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined || typeof item === 'symbol' || typeof item === 'function') continue;
      parts.push(`${canonicalJson(key, options)}:${canonicalJson(item, options, seen)}`);
    }
    result = `{${parts.join(',')}}`;
  }
  seen.delete(value);
  return result;
}
