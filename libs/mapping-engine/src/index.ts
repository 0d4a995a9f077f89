export type {
  EngineKind,
  ExecutableSpec,
  GuardrailKind,
  Guardrails,
  MappingErrorData,
  MappingResult,
  ReferenceData,
  ResolvedGuardrails,
  ResultMeta,
  RiskClass,
  RunOptions,
  SchemaViolation,
  SpecKind,
  UomProfile,
  ValueMapRow,
  ValueMapTable,
} from './types';
export { ENGINE_ERROR_CODES, JSONATA_GUARDRAIL_CODE, MappingError, toMappingErrorData, type EngineErrorCode } from './errors/mapping-error';
export { contentHash } from './spec/content-hash';
export { canonicalJson } from './spec/canonical-json';
export { DEFAULT_GUARDRAILS, resolveGuardrails } from './guardrails/guardrail-defaults';
export { checkValueHygiene, parseJsonInput } from './guardrails/input-hygiene';
export { validateAgainstSchema } from './validation/schema-validator';
export { MappingEngine, type BatchHooks, type MappingEngineOptions } from './engine/mapping-engine';
export type { PreparedSpec, SpecEvaluator } from './engine/prepared-spec';
export { compiledEvaluator } from './engine/compiled-evaluator';
export { FUNCTION_LIBRARY, registerFunctionLibrary } from './function-library/function-library';
export type { LibraryFunction } from './function-library/library-function';
export { RUN_CONTEXT_BINDING, type RunContext } from './function-library/run-context';
export { CURRENCY_MINOR_UNITS } from './function-library/currency-minor-units';
export { UOM_CODES } from './function-library/uom.functions';
export { MappingWorkerPool, type MappingWorkerPoolOptions } from './worker/mapping-worker-pool';

export const ENGINE_NAME = 'mapwright-mapping-engine';
