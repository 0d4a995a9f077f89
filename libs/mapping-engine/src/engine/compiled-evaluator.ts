import { compileJsonata, type HostFunction } from '../compiler';
import { referenceLibrary } from '../compiler/reference-library';
import { synchronousFunctionLibrary } from '../function-library/function-library';
import type { ResolvedGuardrails } from '../types';
import type { SpecEvaluator } from './prepared-spec';

let hostFunctions: Record<string, HostFunction> | string | undefined;

/**
 * The engine's function library as the compiler takes it: the same implementations
 * and signatures the interpreter registers, with the clock functions in their
 * synchronous form (jsonata's date/time originals come from the compiler's copy
 * of the jsonata bundle).
 */
function compiledLibrary(): Record<string, HostFunction> | string {
  if (hostFunctions !== undefined) return hostFunctions;
  const lib = referenceLibrary();
  if (typeof lib === 'string') return (hostFunctions = lib);
  const functions: Record<string, HostFunction> = {};
  for (const fn of synchronousFunctionLibrary({ fromMillis: lib.datetime.fromMillis, toMillis: lib.datetime.toMillis })) {
    functions[fn.name] = { implementation: fn.implementation, signature: fn.signature };
  }
  return (hostFunctions = functions);
}

const TIMEOUT_MESSAGE = /timeout/i;

/**
 * The compiler reports both the time and the depth guardrail as U1001; the
 * interpreter raises them as D1012 and D1011 with the limit as value. Re-coding
 * them here lets toMappingErrorData give both paths the same error data.
 */
function asInterpreterGuardrailError(err: unknown, guardrails: ResolvedGuardrails): unknown {
  if (err === null || typeof err !== 'object') return err;
  const e = err as { code?: unknown; message?: unknown; value?: unknown };
  if (e.code !== 'U1001') return err;
  const timedOut = typeof e.message === 'string' && TIMEOUT_MESSAGE.test(e.message);
  e.code = timedOut ? 'D1012' : 'D1011';
  e.value = timedOut ? guardrails.timeoutMs : guardrails.maxDepth;
  return e;
}

/** A compiled evaluator, or the reason the compiler declined the expression. */
export function compiledEvaluator(expression: string, guardrails: ResolvedGuardrails): SpecEvaluator | string {
  const functions = compiledLibrary();
  if (typeof functions === 'string') return functions;
  const compiled = compileJsonata(expression, { functions });
  if (!compiled.ok) return compiled.reason;
  const fn = compiled.fn;
  const { timeoutMs, maxDepth, maxSequence } = guardrails;
  return {
    kind: 'compiled',
    evaluate(input, bindings) {
      try {
        return fn(input, bindings, { deadline: Date.now() + timeoutMs, maxDepth, maxSequence });
      } catch (err) {
        throw asInterpreterGuardrailError(err, guardrails);
      }
    },
  };
}
