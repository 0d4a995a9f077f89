import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCanonicalSchemas } from '@mapwright/canonical-model';
import { loadOpenApiDocument, openApiComponentToJsonSchema } from './openapi-schema';
import { SpecCatalogError } from './spec-catalog.error';

type Json = Record<string, unknown>;

/** Contract names usable in `contract:<name>#/components/schemas/<X>` refs, and their files. */
export const CONTRACT_FILES: Readonly<Record<string, string>> = {
  harvest: 'harvest/harvest-openapi.yaml',
  xero: 'xero/xero_accounting.yaml',
  'xero-projects': 'xero/xero-projects.yaml',
};

const CONTRACT_REF = /^contract:([a-z0-9-]+)#\/components\/schemas\/([A-Za-z0-9_.-]+)$/;

// One object per ref: validators cache compiled schemas by identity, so the same ref must yield the same object.
const resolved = new Map<string, Json>();

/**
 * Turns a spec's schema ref into a JSON Schema object: a canonical `$id`, `contract:<name>#/components/schemas/<X>`,
 * or `./<file>.json` relative to `specDir` (the spec version's folder).
 */
export function resolveSchemaRef(ref: string, contractsDir: string, specDir?: string): Json {
  if (ref.startsWith('./')) {
    if (!specDir) throw new SpecCatalogError('MW_SPEC_SCHEMA_REF_UNKNOWN', `local schema ref "${ref}" needs the spec folder to resolve against`);
    return readLocalSchema(join(specDir, ref));
  }
  const cacheKey = ref.startsWith('contract:') ? `${contractsDir}|${ref}` : ref;
  let schema = resolved.get(cacheKey);
  if (!schema) {
    schema = ref.startsWith('contract:') ? resolveContractRef(ref, contractsDir) : resolveCanonicalRef(ref);
    resolved.set(cacheKey, schema);
  }
  return schema;
}

function readLocalSchema(file: string): Json {
  let schema = resolved.get(file);
  if (!schema) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new SpecCatalogError('MW_SPEC_SCHEMA_REF_UNKNOWN', `schema file ${file} not found`);
    }
    try {
      schema = JSON.parse(text) as Json;
    } catch (err) {
      throw new SpecCatalogError('MW_SPEC_SCHEMA_REF_UNKNOWN', `schema file ${file} is not valid JSON: ${(err as Error).message}`);
    }
    resolved.set(file, schema);
  }
  return schema;
}

function resolveContractRef(ref: string, contractsDir: string): Json {
  const match = CONTRACT_REF.exec(ref);
  if (!match) throw new SpecCatalogError('MW_SPEC_SCHEMA_REF_UNKNOWN', `malformed contract ref "${ref}"`);
  const [, name, component] = match as unknown as [string, string, string];
  const file = CONTRACT_FILES[name];
  if (!file) {
    throw new SpecCatalogError('MW_SPEC_SCHEMA_REF_UNKNOWN', `unknown contract "${name}" (known: ${Object.keys(CONTRACT_FILES).join(', ')})`);
  }
  return openApiComponentToJsonSchema(loadOpenApiDocument(join(contractsDir, file)), component);
}

/** Every canonical schema by `$id`, whatever collection shape the model package hands out. */
export function canonicalSchemasById(): Map<string, Json> {
  const raw = loadCanonicalSchemas() as unknown;
  const list: unknown[] =
    raw instanceof Map ? [...raw.values()] : Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw) : [];
  const byId = new Map<string, Json>();
  for (const entry of list) {
    const schema = (entry && typeof entry === 'object' && 'schema' in entry ? (entry as { schema: unknown }).schema : entry) as Json;
    if (schema && typeof schema.$id === 'string') byId.set(stripFragment(schema.$id), schema);
  }
  return byId;
}

function resolveCanonicalRef(ref: string): Json {
  const byId = canonicalSchemasById();
  const rootId = stripFragment(ref);
  if (!byId.has(rootId)) throw new SpecCatalogError('MW_SPEC_SCHEMA_REF_UNKNOWN', `no canonical schema with $id "${ref}"`);
  return bundle(rootId, byId);
}

/**
 * Bundles a canonical schema with every canonical schema it reaches into one document without `$id`s:
 * external refs become `#/$defs/<key>…` pointers, so any number of bundles can share one validator.
 */
function bundle(rootId: string, byId: Map<string, Json>): Json {
  const keys = new Map<string, string>([[rootId, '']]);
  const order: string[] = [];
  const keyFor = (id: string): string => {
    let key = keys.get(id);
    if (key === undefined) {
      if (!byId.has(id)) throw new SpecCatalogError('MW_SPEC_SCHEMA_REF_UNKNOWN', `canonical schema references unknown "${id}"`);
      key = `#/$defs/${id.replace(/^.*\//, '').replace(/\.schema\.json$|\.json$/, '').replace(/[^A-Za-z0-9_-]/g, '_')}`;
      keys.set(id, key);
      order.push(id);
    }
    return key;
  };
  const rewrite = (node: unknown, docId: string, prefix: string): unknown => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, docId, prefix));
    if (node === null || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node as Json)) {
      if (k === '$id' || k === '$schema') continue;
      if (k === '$ref' && typeof v === 'string') {
        const abs = new URL(v, docId).toString();
        const target = stripFragment(abs);
        const fragment = abs.includes('#') ? abs.slice(abs.indexOf('#') + 1) : '';
        const base = target === docId ? prefix : target === rootId ? '' : keyFor(target).slice(1);
        out.$ref = `#${base}${fragment}`;
      } else out[k] = rewrite(v, docId, prefix);
    }
    return out;
  };
  const root = rewrite(byId.get(rootId), rootId, '') as Json;
  const defs: Json = { ...((root.$defs as Json | undefined) ?? {}) };
  for (let i = 0; i < order.length; i++) {
    const id = order[i] as string;
    const key = (keys.get(id) as string).slice('#/$defs/'.length);
    defs[key] = rewrite(byId.get(id), id, `/$defs/${key}`);
  }
  const result: Json = { $schema: 'https://json-schema.org/draft/2020-12/schema', ...root };
  if (Object.keys(defs).length > 0) result.$defs = defs;
  return result;
}

function stripFragment(uri: string): string {
  const i = uri.indexOf('#');
  return i === -1 ? uri : uri.slice(0, i);
}
