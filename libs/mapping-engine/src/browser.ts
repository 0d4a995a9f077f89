/**
 * The part of the engine a browser bundle may import (the designer's instant preview): the compiled
 * evaluator, the function library, guardrail defaults and error translation. None of these touches
 * worker_threads, node:perf_hooks or the input-hygiene scanner. The compiler reads jsonata's own bundle
 * text once at load (compiler/reference-library.ts); a browser build supplies that text itself (see
 * apps/designer/vite.config.ts). Same implementations as the Node entry, so results are the engine's.
 */
export type { EngineKind, MappingErrorData, ReferenceData, ResolvedGuardrails } from './types';
export type { SpecEvaluator } from './engine/prepared-spec';
export { compiledEvaluator } from './engine/compiled-evaluator';
export { plainValue } from './engine/plain-output';
export { FUNCTION_LIBRARY, registerFunctionLibrary } from './function-library/function-library';
export { RUN_CONTEXT_BINDING, type RunContext } from './function-library/run-context';
export { DEFAULT_GUARDRAILS, resolveGuardrails } from './guardrails/guardrail-defaults';
export { toMappingErrorData } from './errors/mapping-error';
