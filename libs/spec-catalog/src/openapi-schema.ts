import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SpecCatalogError } from './spec-catalog.error';

type Json = Record<string, unknown>;

const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)$/;
// Formats every 2020-12 validator with ajv-formats knows; OpenAPI-only ones (double, int64, hours…) are dropped.
const KEPT_FORMATS = new Set(['date', 'date-time', 'time', 'email', 'uuid', 'uri']);
// OpenAPI 3.0 annotations with no JSON Schema 2020-12 meaning (or a different one).
const DROPPED_KEYS = new Set(['example', 'examples', 'externalDocs', 'xml', 'discriminator', 'nullable', 'default']);
const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);
const SCHEMA_LIST_KEYS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_KEYS = new Set(['items', 'additionalProperties', 'not', 'contains', 'if', 'then', 'else', 'propertyNames']);
const NUMERIC_KEYS = ['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'multipleOf'];

const documents = new Map<string, Json>();

/** Parses (once per process) an OpenAPI YAML document. */
export function loadOpenApiDocument(file: string): Json {
  let doc = documents.get(file);
  if (!doc) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new SpecCatalogError('MW_SPEC_CONTRACT_MISSING', `cannot read contract ${file}: ${(err as Error).message}`);
    }
    doc = parse(text, { maxAliasCount: -1 }) as Json;
    documents.set(file, doc);
  }
  return doc;
}

/**
 * Turns one OpenAPI 3.0 component into a standalone JSON Schema 2020-12 document: every component it
 * reaches is copied under `$defs`, `nullable` becomes a `null` type, and `x-*` extensions are removed.
 */
export function openApiComponentToJsonSchema(doc: Json, component: string): Json {
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, unknown>;
  if (!(component in schemas)) {
    throw new SpecCatalogError('MW_SPEC_SCHEMA_REF_UNKNOWN', `the contract has no component schema "${component}"`);
  }
  const needed = new Set<string>();
  const queue = [component];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (needed.has(name)) continue;
    if (!(name in schemas)) throw new SpecCatalogError('MW_SPEC_SCHEMA_REF_UNKNOWN', `component "${name}" is referenced but missing`);
    needed.add(name);
    collectRefs(schemas[name], queue);
  }
  const defs: Json = {};
  for (const name of [...needed].sort()) defs[name] = convert(schemas[name]);
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', $ref: `#/$defs/${component}`, $defs: defs };
}

function collectRefs(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((n) => collectRefs(n, out));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const match = COMPONENT_REF.exec(value);
      if (!match) throw new SpecCatalogError('MW_SPEC_SCHEMA_REF_UNKNOWN', `unsupported $ref "${value}" in contract`);
      out.push(match[1] as string);
    } else collectRefs(value, out);
  }
}

function convert(node: unknown): unknown {
  if (typeof node === 'boolean') return node;
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return {};
  const src = node as Json;
  if (typeof src.$ref === 'string') {
    // OpenAPI 3.0 ignores every sibling of $ref, so we must too (e.g. `type: number` next to an object ref).
    const ref = { $ref: (src.$ref as string).replace('#/components/schemas/', '#/$defs/') };
    return src.nullable === true ? { anyOf: [ref, { type: 'null' }] } : ref;
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(src)) {
    if (key.startsWith('x-') || DROPPED_KEYS.has(key)) continue;
    if (key === 'format') {
      if (typeof value === 'string' && KEPT_FORMATS.has(value)) out.format = value;
    } else if (SCHEMA_MAP_KEYS.has(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, convert(v)]));
    } else if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) {
      out[key] = value.map(convert);
    } else if (SCHEMA_KEYS.has(key)) {
      out[key] = convert(value);
    } else {
      out[key] = value;
    }
  }
  if (out.type === 'string') for (const k of NUMERIC_KEYS) delete out[k];
  // Xero declares many objects by their properties alone; the explicit type keeps strict validators quiet.
  if (out.type === undefined && (out.properties || out.required) && !out.anyOf && !out.oneOf && !out.allOf) out.type = 'object';
  if (out.type === undefined && out.items) out.type = 'array';
  if (src.nullable === true) return makeNullable(out);
  return out;
}

function makeNullable(schema: Json): Json {
  if (typeof schema.type === 'string') {
    const next: Json = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) next.enum = [...schema.enum, null];
    return next;
  }
  if (Array.isArray(schema.type)) return schema.type.includes('null') ? schema : { ...schema, type: [...schema.type, 'null'] };
  return { anyOf: [schema, { type: 'null' }] };
}
