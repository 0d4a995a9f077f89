import jsonata from 'jsonata';
import { MappingError, toMappingError } from '../errors/mapping-error';
import { registerFunctionLibrary } from '../function-library/function-library';
import { resolveGuardrails } from '../guardrails/guardrail-defaults';
import { contentHash } from '../spec/content-hash';
import type { EngineKind, ExecutableSpec, ResolvedGuardrails } from '../types';
import { validateAgainstSchema } from '../validation/schema-validator';
import { compiledEvaluator } from './compiled-evaluator';

/** Runs one prepared expression: jsonata's interpreter (async) or compiled JavaScript (synchronous). */
export interface SpecEvaluator {
  readonly kind: EngineKind;
  evaluate(input: unknown, bindings: Record<string, unknown>): unknown;
}

export interface PreparedSpec {
  readonly specId: string;
  readonly version: string;
  readonly contentHash: string;
  readonly engine: EngineKind;
  readonly guardrails: ResolvedGuardrails;
  readonly inputSchema?: object;
  readonly outputSchema?: object;
  readonly evaluator: SpecEvaluator;
  /** Why the compiler declined the expression when `auto` fell back to the interpreter. */
  readonly compilerDeclined?: string;
}

/**
 * Compiles with JSONata's own guardrail options: `stack` (D1011) and
 * `timeout` (D1012) are checked on every evaluation step without an extra
 * await per step, and `sequence` (D2015) caps ranges and sequences before
 * they are filled. toMappingErrorData translates those codes.
 */
function interpreter(spec: ExecutableSpec, guardrails: ResolvedGuardrails): SpecEvaluator {
  const expression = jsonata(spec.expression, {
    timeout: guardrails.timeoutMs,
    stack: guardrails.maxDepth,
    sequence: guardrails.maxSequence,
  });
  registerFunctionLibrary(expression);
  return {
    kind: 'interpreter',
    evaluate: (input, bindings) => expression.evaluate(input, bindings),
  };
}

/**
 * `auto` (the default) compiles and falls back to the interpreter when the compiler
 * declines; `compiled` insists (a decline fails prepare); `interpreter` never compiles.
 * The interpreter also checks the syntax, so a syntax error reads the same either way.
 */
function chooseEvaluator(spec: ExecutableSpec, guardrails: ResolvedGuardrails): { evaluator: SpecEvaluator; declined?: string } {
  const choice = spec.engine ?? 'auto';
  if (choice !== 'auto' && choice !== 'compiled' && choice !== 'interpreter') {
    throw MappingError.of('MW_EVALUATION_FAILED', `Spec engine must be auto, compiled or interpreter, got ${String(choice)}`);
  }
  const fallback = interpreter(spec, guardrails);
  if (choice === 'interpreter') return { evaluator: fallback };
  const compiled = compiledEvaluator(spec.expression, guardrails);
  if (typeof compiled !== 'string') return { evaluator: compiled };
  if (choice === 'compiled') throw MappingError.of('MW_EVALUATION_FAILED', `The compiler declined this expression (${compiled}); use engine auto or interpreter`);
  return { evaluator: fallback, declined: compiled };
}

function checkSchema(schema: object | undefined, code: 'MW_INPUT_SCHEMA' | 'MW_OUTPUT_SCHEMA'): void {
  if (schema === undefined) return;
  try {
    validateAgainstSchema(schema, null);
  } catch (err) {
    const which = code === 'MW_INPUT_SCHEMA' ? 'input' : 'output';
    throw MappingError.of(code, `The spec's ${which} schema is not a valid JSON Schema: ${err instanceof Error ? err.message : 'compile failed'}`);
  }
}

function checkIdentity(spec: ExecutableSpec): void {
  if (!spec || typeof spec !== 'object') throw MappingError.of('MW_EVALUATION_FAILED', 'Spec must be an object');
  for (const field of ['id', 'version', 'expression'] as const) {
    if (typeof spec[field] !== 'string') throw MappingError.of('MW_EVALUATION_FAILED', `Spec ${field} must be a string`);
  }
}

/** Builds a PreparedSpec; every failure is a MappingError carrying the spec id and version. */
export function compileSpec(spec: ExecutableSpec, hash?: string): PreparedSpec {
  checkIdentity(spec);
  try {
    const guardrails = resolveGuardrails(spec.guardrails);
    checkSchema(spec.inputSchema, 'MW_INPUT_SCHEMA');
    checkSchema(spec.outputSchema, 'MW_OUTPUT_SCHEMA');
    const { evaluator, declined } = chooseEvaluator(spec, guardrails);
    return {
      specId: spec.id,
      version: spec.version,
      contentHash: hash ?? contentHash(spec),
      engine: evaluator.kind,
      guardrails,
      inputSchema: spec.inputSchema,
      outputSchema: spec.outputSchema,
      evaluator,
      ...(declined !== undefined ? { compilerDeclined: declined } : {}),
    };
  } catch (err) {
    throw toMappingError(err, { id: spec.id, version: spec.version });
  }
}
