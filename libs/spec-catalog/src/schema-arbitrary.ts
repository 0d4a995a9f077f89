import fc from 'fast-check';

type Json = Record<string, unknown>;

const MAX_DEPTH = 4;

/**
 * A fast-check arbitrary producing values that satisfy (the common subset of) a JSON Schema 2020-12:
 * types, enum/const, formats date/date-time/uuid/email, string lengths, numeric bounds, required
 * properties, arrays, anyOf/oneOf and local `$ref`s. Nesting is cut off below a fixed depth.
 */
export function arbitraryFromSchema(schema: unknown, root: unknown = schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema === true || schema === undefined) return fc.constant(null);
  if (schema === false || schema === null || typeof schema !== 'object') return fc.constant(null);
  const s = schema as Json;
  if (typeof s.$ref === 'string') return arbitraryFromSchema(resolveLocal(root, s.$ref), root, depth);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  const alternatives = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((a) => arbitraryFromSchema(a, root, depth)));
  if (Array.isArray(s.allOf) && s.allOf.length > 0 && !s.type) {
    return arbitraryFromSchema(Object.assign({}, ...(s.allOf as Json[]).map((a) => (a.$ref ? resolveLocal(root, a.$ref as string) : a))), root, depth);
  }
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [s.properties ? 'object' : 'string'];
  const arbs = types.map((t) => forType(t, s, root, depth));
  return arbs.length === 1 ? (arbs[0] as fc.Arbitrary<unknown>) : fc.oneof(...arbs);
}

function forType(type: string, s: Json, root: unknown, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: num(s.minimum, -1_000_000), max: num(s.maximum, 1_000_000) });
    case 'number':
      // Bounded and finite: the interesting cases are fractions and rounding edges, not 1e308.
      return fc.double({ min: num(s.minimum, -1_000_000), max: num(s.maximum, 1_000_000), noNaN: true, noDefaultInfinity: true });
    case 'string':
      return stringArbitrary(s);
    case 'array': {
      if (depth >= MAX_DEPTH) return fc.constant([]);
      return fc.array(arbitraryFromSchema(s.items ?? {}, root, depth + 1), { minLength: num(s.minItems, 0), maxLength: Math.min(num(s.maxItems, 3), 3) });
    }
    case 'object': {
      const props = (s.properties ?? {}) as Json;
      const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
      const keys = Object.keys(props).filter((k) => depth < MAX_DEPTH || required.has(k));
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of keys) model[key] = arbitraryFromSchema(props[key], root, depth + 1);
      return fc.record(model, { requiredKeys: keys.filter((k) => required.has(k)) });
    }
    default:
      return fc.constant(null);
  }
}

function stringArbitrary(s: Json): fc.Arbitrary<unknown> {
  switch (s.format) {
    case 'date':
      return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    default:
      break;
  }
  if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern)).filter((x) => within(x, s));
  return fc.string({ minLength: num(s.minLength, 0), maxLength: Math.min(num(s.maxLength, 20), 20) });
}

function within(x: string, s: Json): boolean {
  return x.length >= num(s.minLength, 0) && x.length <= num(s.maxLength, Number.MAX_SAFE_INTEGER);
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function resolveLocal(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return {};
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Json)[seg] : undefined;
  }
  return node ?? {};
}
