import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** Names of the metadata format's own schemas (files in libs/spec-catalog/schemas). */
export type MetaSchemaName = 'spec-manifest' | 'spec-test-case' | 'reference-table' | 'uom-profiles' | 'routing-rule';

// schemas/ sits beside both src/ and dist/, so the same relative path works before and after the build.
export const META_SCHEMAS_DIR = join(__dirname, '..', 'schemas');

export interface MetaViolation {
  pointer: string;
  message: string;
}

const cache = new Map<MetaSchemaName, ValidateFunction>();
let ajv: Ajv2020 | undefined;

export function loadMetaSchema(name: MetaSchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(META_SCHEMAS_DIR, `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}

function validatorFor(name: MetaSchemaName): ValidateFunction {
  let validate = cache.get(name);
  if (!validate) {
    ajv ??= addFormats(new Ajv2020({ allErrors: true, strict: true, strictRequired: false }));
    validate = ajv.compile(loadMetaSchema(name));
    cache.set(name, validate);
  }
  return validate;
}

export function validateMeta(name: MetaSchemaName, value: unknown): MetaViolation[] {
  const validate = validatorFor(name);
  if (validate(value)) return [];
  return dedupe((validate.errors ?? []).map(describe));
}

function describe(e: ErrorObject): MetaViolation {
  const pointer = e.instancePath;
  if (e.keyword === 'additionalProperties') {
    return { pointer, message: `unknown property "${String((e.params as { additionalProperty: string }).additionalProperty)}"` };
  }
  if (e.keyword === 'required') {
    return { pointer, message: `missing required property "${String((e.params as { missingProperty: string }).missingProperty)}"` };
  }
  if (e.keyword === 'enum') {
    return { pointer, message: `${e.message}: ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}` };
  }
  return { pointer, message: e.message ?? e.keyword };
}

function dedupe(list: MetaViolation[]): MetaViolation[] {
  const seen = new Set<string>();
  return list.filter((v) => {
    const key = `${v.pointer}|${v.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
