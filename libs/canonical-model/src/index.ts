export const CANONICAL_MODEL_VERSION = '0.1.0';

export * from './generated/canonical.generated';
export type { CanonicalObject, CanonicalObjectName } from './canonical-object.types';
export { UNIT_CODES, UNIT_CODE_NAMES, CURRENCY_MINOR_UNITS, isUnitCode, type UnitCodeValue } from './constants';
export {
  SCHEMA_DIR,
  CANONICAL_SCHEMA_BASE,
  loadCanonicalSchemas,
  canonicalSchemaNames,
  canonicalSchemaId,
  getCanonicalSchema,
  type CanonicalSchema,
} from './schema-registry';
export {
  createCanonicalValidator,
  validateCanonical,
  isCanonical,
  SENSITIVE_KEYWORD,
  type CanonicalValidationIssue,
} from './validator';
export { listSensitivePaths, maskSensitive, MASK } from './sensitive';
