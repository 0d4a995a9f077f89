import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { CanonicalObjectName } from './canonical-object.types';
import type { CanonicalModel } from './generated/canonical.generated';
import { canonicalSchemaNames, getCanonicalSchema } from './schema-registry';

/** One schema violation; `pointer` is an RFC 6901 JSON Pointer into the validated value. */
export interface CanonicalValidationIssue {
  pointer: string;
  message: string;
  keyword: string;
}

/** Marks fields that must be masked in logs and exports; carries no validation rule. */
export const SENSITIVE_KEYWORD = 'x-sensitive';

/**
 * A fresh strict ajv (draft 2020-12) instance with ajv-formats and every
 * canonical schema added, so other schemas can `$ref` canonical ids.
 */
export function createCanonicalValidator(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: SENSITIVE_KEYWORD, schemaType: 'boolean' });
  for (const name of canonicalSchemaNames()) {
    // ajv keeps compiled functions and annotations on its own copies, never on the frozen originals.
    ajv.addSchema(structuredClone(getCanonicalSchema(name)));
  }
  return ajv;
}

let shared: Ajv2020 | undefined;

function sharedValidator(): Ajv2020 {
  shared ??= createCanonicalValidator();
  return shared;
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Errors for a missing or unexpected property point at that property, not at its parent. */
function toIssue(error: ErrorObject): CanonicalValidationIssue {
  let pointer = error.instancePath;
  if (error.keyword === 'required') pointer += `/${escapePointerToken(String(error.params.missingProperty))}`;
  if (error.keyword === 'additionalProperties') {
    pointer += `/${escapePointerToken(String(error.params.additionalProperty))}`;
  }
  return { pointer, message: error.message ?? error.keyword, keyword: error.keyword };
}

/** Conditional wrappers only restate the branch error that is already reported. */
const WRAPPER_KEYWORDS = new Set(['if']);

/**
 * Validates `value` against a canonical schema (by title, file stem or $id).
 * Returns an empty array when it is valid.
 */
export function validateCanonical(name: string, value: unknown): CanonicalValidationIssue[] {
  const validate = sharedValidator().getSchema(getCanonicalSchema(name).$id);
  if (!validate) throw new Error(`Canonical schema "${name}" was not compiled`);
  if (validate(value)) return [];
  return (validate.errors ?? []).filter((e) => !WRAPPER_KEYWORDS.has(e.keyword)).map(toIssue);
}

/** Type guard over validateCanonical: true when `value` is a valid canonical object of that type. */
export function isCanonical<K extends CanonicalObjectName>(name: K, value: unknown): value is CanonicalModel[K] {
  return validateCanonical(name, value).length === 0;
}
