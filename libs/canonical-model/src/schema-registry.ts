import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Absolute path of the JSON Schema files; the same relative layout holds for src (tests) and dist (built). */
export const SCHEMA_DIR = path.join(__dirname, '..', 'schemas');

export const CANONICAL_SCHEMA_BASE = 'https://mapwright.dev/schemas/canonical/';

export interface CanonicalSchema {
  readonly $id: string;
  readonly title: string;
  readonly description?: string;
  readonly [keyword: string]: unknown;
}

interface Registry {
  byTitle: Map<string, CanonicalSchema>;
  byId: Map<string, CanonicalSchema>;
  byFileStem: Map<string, CanonicalSchema>;
}

let registry: Registry | undefined;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function loadRegistry(): Registry {
  if (registry) return registry;
  const byTitle = new Map<string, CanonicalSchema>();
  const byId = new Map<string, CanonicalSchema>();
  const byFileStem = new Map<string, CanonicalSchema>();
  const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json')).sort();
  for (const file of files) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as CanonicalSchema;
    if (typeof schema.$id !== 'string' || typeof schema.title !== 'string') {
      throw new Error(`Canonical schema ${file} needs both $id and title`);
    }
    if (byTitle.has(schema.title)) throw new Error(`Canonical schema title ${schema.title} is used twice`);
    deepFreeze(schema);
    byTitle.set(schema.title, schema);
    byId.set(schema.$id, schema);
    byFileStem.set(file.slice(0, -'.schema.json'.length), schema);
  }
  registry = { byTitle, byId, byFileStem };
  return registry;
}

/**
 * All canonical schemas, keyed by title ("TimeEntry") and by $id. The objects
 * are frozen and shared: clone before changing them.
 */
export function loadCanonicalSchemas(): Record<string, CanonicalSchema> {
  const { byTitle, byId } = loadRegistry();
  return Object.fromEntries([...byTitle.entries(), ...byId.entries()]);
}

/** Titles of every canonical schema, sorted; includes "Common". */
export function canonicalSchemaNames(): string[] {
  return [...loadRegistry().byTitle.keys()].sort();
}

/** Finds a schema by title ("TimeEntry"), file stem ("time-entry") or $id (an empty "#" fragment is allowed); throws for unknown names. */
export function getCanonicalSchema(name: string): CanonicalSchema {
  const { byTitle, byId, byFileStem } = loadRegistry();
  const key = name.endsWith('#') ? name.slice(0, -1) : name;
  const schema = byTitle.get(key) ?? byId.get(key) ?? byFileStem.get(key);
  if (!schema) {
    throw new Error(`Unknown canonical schema "${name}"; expected one of ${[...byTitle.keys()].sort().join(', ')}`);
  }
  return schema;
}

/** The $id of a canonical schema, e.g. canonicalSchemaId('TimeEntry'). */
export function canonicalSchemaId(name: string): string {
  return getCanonicalSchema(name).$id;
}

/** Resolves an absolute `$ref` ("<$id>#/json/pointer") to the schema it points at. */
export function resolveCanonicalRef(ref: string, from?: CanonicalSchema): unknown {
  const hash = ref.indexOf('#');
  const base = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? '' : ref.slice(hash + 1);
  let target: unknown;
  if (base === '') {
    if (!from) throw new Error(`Local $ref ${ref} needs the schema it appears in`);
    target = from;
  } else {
    target = loadRegistry().byId.get(new URL(base, from?.$id ?? CANONICAL_SCHEMA_BASE).href);
  }
  if (target === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  for (const raw of pointer.split('/').slice(1)) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    target = (target as Record<string, unknown> | undefined)?.[token];
    if (target === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  }
  return target;
}

/** The top-level schema document a `$ref` lands in, so local refs inside it resolve. */
export function refDocument(ref: string, from?: CanonicalSchema): CanonicalSchema | undefined {
  const base = ref.split('#')[0];
  if (base === '') return from;
  return loadRegistry().byId.get(new URL(base, from?.$id ?? CANONICAL_SCHEMA_BASE).href);
}
