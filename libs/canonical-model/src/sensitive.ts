import { getCanonicalSchema, refDocument, resolveCanonicalRef, type CanonicalSchema } from './schema-registry';
import { SENSITIVE_KEYWORD } from './validator';

/** What a masked value is replaced with. */
export const MASK = '***';

type SchemaNode = Record<string, unknown>;

/** Subschemas that describe the same instance as their parent; a tag inside any of them applies. */
const IN_PLACE_KEYWORDS = ['allOf', 'anyOf', 'oneOf'] as const;
const CONDITIONAL_KEYWORDS = ['then', 'else'] as const;

interface Located {
  node: SchemaNode;
  doc: CanonicalSchema;
}

function asNode(value: unknown): SchemaNode | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as SchemaNode) : undefined;
}

/** The schema itself plus everything it pulls in for the same instance ($ref targets, combinators). */
function expand(start: Located, seen = new Set<SchemaNode>()): Located[] {
  if (seen.has(start.node)) return [];
  seen.add(start.node);
  const out: Located[] = [start];
  const ref = start.node.$ref;
  if (typeof ref === 'string') {
    const target = asNode(resolveCanonicalRef(ref, start.doc));
    const doc = refDocument(ref, start.doc) ?? start.doc;
    if (target) out.push(...expand({ node: target, doc }, seen));
  }
  for (const keyword of [...IN_PLACE_KEYWORDS, ...CONDITIONAL_KEYWORDS]) {
    const value = start.node[keyword];
    const branches = Array.isArray(value) ? value : value === undefined ? [] : [value];
    for (const branch of branches) {
      const node = asNode(branch);
      if (node) out.push(...expand({ node, doc: start.doc }, seen));
    }
  }
  return out;
}

function isSensitive(parts: Located[]): boolean {
  return parts.some((p) => p.node[SENSITIVE_KEYWORD] === true);
}

function propertySchemas(parts: Located[]): Map<string, Located[]> {
  const byKey = new Map<string, Located[]>();
  for (const part of parts) {
    const properties = asNode(part.node.properties);
    if (!properties) continue;
    for (const [key, value] of Object.entries(properties)) {
      const node = asNode(value);
      if (!node) continue;
      byKey.set(key, [...(byKey.get(key) ?? []), ...expand({ node, doc: part.doc })]);
    }
  }
  return byKey;
}

function itemSchemas(parts: Located[]): Located[] {
  return parts.flatMap((part) => {
    const node = asNode(part.node.items);
    return node ? expand({ node, doc: part.doc }) : [];
  });
}

function additionalSchemas(parts: Located[]): Located[] {
  return parts.flatMap((part) => {
    const node = asNode(part.node.additionalProperties);
    return node ? expand({ node, doc: part.doc }) : [];
  });
}

/** A schema name, or an absolute ref with a pointer such as "<common $id>#/$defs/BankAccount". */
function rootParts(name: string): Located[] {
  const hash = name.indexOf('#');
  if (hash !== -1 && hash < name.length - 1) {
    const doc = getCanonicalSchema(name.slice(0, hash));
    const node = asNode(resolveCanonicalRef(name.slice(hash), doc));
    if (!node) throw new Error(`Canonical ref ${name} does not point at a schema`);
    return expand({ node, doc });
  }
  const doc = getCanonicalSchema(name);
  return expand({ node: doc as SchemaNode, doc });
}

function propertyPath(base: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/**
 * `name` is a schema title, file stem or $id, or a $id with a JSON pointer fragment.
 * JSONPath-style locations of every field tagged `"x-sensitive": true` in a
 * canonical schema, following `$ref`s into common definitions, e.g.
 * `$.costRate`, `$.bankAccount.iban`, `$.bankAccounts[*].iban`. Sorted.
 */
export function listSensitivePaths(name: string): string[] {
  const found = new Set<string>();
  // Guards against recursive schemas: a schema node is walked once per path.
  const walk = (parts: Located[], at: string, onPath: Set<SchemaNode>): void => {
    if (isSensitive(parts)) {
      found.add(at);
      return;
    }
    const fresh = parts.filter((p) => !onPath.has(p.node));
    if (fresh.length === 0) return;
    const next = new Set([...onPath, ...fresh.map((p) => p.node)]);
    for (const [key, child] of propertySchemas(fresh)) walk(child, propertyPath(at, key), next);
    const items = itemSchemas(fresh);
    if (items.length > 0) walk(items, `${at}[*]`, next);
    const extra = additionalSchemas(fresh);
    if (extra.length > 0) walk(extra, `${at}.*`, next);
  };
  walk(rootParts(name), '$', new Set());
  return [...found].sort();
}

function maskWith(parts: Located[], value: unknown): unknown {
  if (value === undefined) return value;
  if (isSensitive(parts)) return MASK;
  if (Array.isArray(value)) {
    const items = itemSchemas(parts);
    return value.map((item) => maskWith(items, item));
  }
  if (value !== null && typeof value === 'object') {
    const properties = propertySchemas(parts);
    const extra = additionalSchemas(parts);
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      // Own data keys only: a "__proto__" key from JSON.parse is copied as data, never as a prototype.
      const schemas = properties.get(key) ?? extra;
      Object.defineProperty(out, key, { value: maskWith(schemas, child), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/**
 * A deep copy of `value` in which every field tagged sensitive in the named
 * schema is replaced by "***"; all other fields are copied unchanged. The
 * value does not have to be valid: unknown keys are copied as they are.
 */
export function maskSensitive<T>(name: string, value: T): T {
  return maskWith(rootParts(name), value) as T;
}
