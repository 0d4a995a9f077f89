import jsonata from 'jsonata';
import { MappingError, toMappingError } from '../errors/mapping-error';
import { registerFunctionLibrary } from '../function-library/function-library';
import { resolveGuardrails } from '../guardrails/guardrail-defaults';
import { contentHash } from '../spec/content-hash';
import type { EngineKind, ExecutableSpec, ResolvedGuardrails } from '../types';
import { validateAgainstSchema } from '../validation/schema-validator';

/** Runs one compiled expression; the interpreter today, generated JavaScript once the compiler is wired in. */
export interface SpecEvaluator {
  readonly kind: EngineKind;
  evaluate(input: unknown, bindings: Record<string, unknown>): Promise<unknown>;
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
    // 'compiled' and 'auto' fall back to the interpreter until the compiler is wired in here.
    const evaluator = interpreter(spec, guardrails);
    return {
      specId: spec.id,
      version: spec.version,
      contentHash: hash ?? contentHash(spec),
      engine: evaluator.kind,
      guardrails,
      inputSchema: spec.inputSchema,
      outputSchema: spec.outputSchema,
      evaluator,
    };
  } catch (err) {
    throw toMappingError(err, { id: spec.id, version: spec.version });
  }
}
