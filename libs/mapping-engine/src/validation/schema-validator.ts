import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { canonicalJson } from '../spec/canonical-json';
import type { SchemaViolation } from '../types';
import { DATE_TIME_FORMATS } from './date-time-formats';

// addUsedSchema:false lets two spec versions carry schemas with the same $id without clashing.
const ajv = new Ajv2020({ allErrors: true, strict: false, addUsedSchema: false });
addFormats(ajv);
for (const [name, format] of Object.entries(DATE_TIME_FORMATS)) ajv.addFormat(name, format);

const byIdentity = new WeakMap<object, ValidateFunction>();
const byContent = new Map<string, ValidateFunction>();
// Schemas arriving from worker messages are fresh copies each time, so identity alone would recompile.
const MAX_CONTENT_CACHE = 256;

function compiled(schema: object): ValidateFunction {
  const hit = byIdentity.get(schema);
  if (hit) return hit;
  const key = canonicalJson(schema, { allowLoneSurrogates: true }) ?? '';
  let validate = byContent.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    if (byContent.size >= MAX_CONTENT_CACHE) {
      const oldest = byContent.keys().next().value as string;
      byContent.delete(oldest);
    }
    byContent.set(key, validate);
  }
  byIdentity.set(schema, validate);
  return validate;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function toViolation(err: ErrorObject): SchemaViolation {
  const params = err.params as Record<string, unknown>;
  let pointer = err.instancePath;
  // Point at the property that is missing or unexpected, not at its parent object.
  if (err.keyword === 'required' && typeof params.missingProperty === 'string') {
    pointer += '/' + escapeToken(params.missingProperty);
  } else if (err.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    pointer += '/' + escapeToken(params.additionalProperty);
  } else if (err.keyword === 'unevaluatedProperties' && typeof params.unevaluatedProperty === 'string') {
    pointer += '/' + escapeToken(params.unevaluatedProperty);
  }
  return { pointer, message: err.message ?? err.keyword, keyword: err.keyword };
}

/** JSON Schema 2020-12 validation (ajv + formats); an empty list means valid. */
export function validateAgainstSchema(schema: object, value: unknown): SchemaViolation[] {
  const validate = compiled(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(toViolation);
}
