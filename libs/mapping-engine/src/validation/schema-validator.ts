import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { canonicalJson } from '../spec/canonical-json';
import type { SchemaViolation } from '../types';
import { DATE_TIME_FORMATS } from './date-time-formats';

/*
 * Two compilations per schema: one that stops at the first error decides whether a value
 * is valid (faster on the valid values nearly every record is), and one with allErrors
 * lists every violation, compiled and run only for a value that failed.
 * addUsedSchema:false lets two spec versions carry schemas with the same $id without clashing.
 */
function newAjv(allErrors: boolean): Ajv2020 {
  const instance = new Ajv2020({ allErrors, strict: false, addUsedSchema: false });
  addFormats(instance);
  for (const [name, format] of Object.entries(DATE_TIME_FORMATS)) instance.addFormat(name, format);
  return instance;
}
const firstError = newAjv(false);
const allErrors = newAjv(true);

interface SchemaValidators {
  check: ValidateFunction;
  schema: object;
  explain?: ValidateFunction;
}

const byIdentity = new WeakMap<object, SchemaValidators>();
const byContent = new Map<string, SchemaValidators>();
// Schemas arriving from worker messages are fresh copies each time, so identity alone would recompile.
const MAX_CONTENT_CACHE = 256;

function compiled(schema: object): SchemaValidators {
  const hit = byIdentity.get(schema);
  if (hit) return hit;
  const key = canonicalJson(schema, { allowLoneSurrogates: true }) ?? '';
  let validators = byContent.get(key);
  if (!validators) {
    validators = { check: firstError.compile(schema), schema };
    if (byContent.size >= MAX_CONTENT_CACHE) {
      const oldest = byContent.keys().next().value as string;
      byContent.delete(oldest);
    }
    byContent.set(key, validators);
  }
  byIdentity.set(schema, validators);
  return validators;
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
  const validators = compiled(schema);
  if (validators.check(value)) return [];
  validators.explain ??= allErrors.compile(validators.schema);
  if (validators.explain(value)) return [];
  return (validators.explain.errors ?? []).map(toViolation);
}
