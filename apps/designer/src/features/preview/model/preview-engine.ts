import Ajv2020, { ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import jsonata from 'jsonata';
import {
  compiledEvaluator,
  plainValue,
  registerFunctionLibrary,
  resolveGuardrails,
  RUN_CONTEXT_BINDING,
  toMappingErrorData,
  type SpecEvaluator,
} from '@mapwright/mapping-engine/browser';

export interface PreviewSample {
  name: string;
  input: unknown;
  bindings?: Record<string, unknown>;
  now?: string;
}

export interface Violation {
  pointer: string;
  message: string;
}

export interface SampleOutcome {
  name: string;
  ok: boolean;
  output?: unknown;
  error?: { code: string; message: string; position?: number };
  violations: Violation[];
}

/** `auto` runs the engine's compiled code and falls back to jsonata when the compiler declines the expression. */
export type PreviewEngineChoice = 'auto' | 'compiled' | 'interpreter';

export interface PreviewRequest {
  id: number;
  expression: string;
  samples: PreviewSample[];
  /** Reference data (value maps, UOM profiles) the library's $xref and $uom read. */
  reference?: unknown;
  outputSchema?: object;
  engine?: PreviewEngineChoice;
}

export interface PreviewResponse {
  id: number;
  outcomes: SampleOutcome[];
  elapsedMs: number;
  /** Which evaluator ran; absent when the expression did not parse. */
  engine?: 'compiled' | 'interpreter';
  /** Why the compiler declined the expression, when `auto` fell back to jsonata. */
  compilerDeclined?: string;
}

function violationsOf(errors: ErrorObject[] | null | undefined): Violation[] {
  return (errors ?? []).map((e) => ({
    pointer: e.keyword === 'required' ? `${e.instancePath}/${String((e.params as { missingProperty?: string }).missingProperty)}` : e.instancePath || '/',
    message: e.message ?? e.keyword,
  }));
}

function errorOf(err: unknown): SampleOutcome['error'] {
  const data = toMappingErrorData(err);
  return { code: data.code, message: data.message, ...(data.position !== undefined ? { position: data.position } : {}) };
}

interface Prepared {
  key: string;
  evaluator: SpecEvaluator;
  compilerDeclined?: string;
}

// The engine's defaults: a runaway expression typed into the editor stops after a second instead of hanging the worker.
const GUARDRAILS = resolveGuardrails();

/**
 * Instant in-browser evaluation with the engine's compiled evaluator and function library (jsonata's
 * interpreter when the compiler declines). It skips the engine's input hygiene and input validation, so
 * the runtime's preview stays the exact answer.
 */
export class PreviewEngine {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  // Keyed by content: every message to the worker carries a fresh structured clone of the same schema.
  private schemaKey?: string;
  private validate?: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
  private prepared?: Prepared;

  constructor() {
    addFormats(this.ajv);
  }

  private validatorFor(schema: object | undefined) {
    const key = schema ? JSON.stringify(schema) : '';
    if (key !== this.schemaKey) {
      this.schemaKey = key;
      this.ajv.removeSchema();
      this.validate = schema ? this.ajv.compile(schema) : undefined;
    }
    return this.validate;
  }

  /** Parses with jsonata first, so a syntax error reads the same on both paths; compiles once per text. */
  private prepare(expression: string, choice: PreviewEngineChoice): Prepared {
    const key = `${choice}\u0000${expression}`;
    if (this.prepared?.key === key) return this.prepared;
    const interpreted = jsonata(expression, { timeout: GUARDRAILS.timeoutMs, stack: GUARDRAILS.maxDepth, sequence: GUARDRAILS.maxSequence });
    registerFunctionLibrary(interpreted);
    const interpreter: SpecEvaluator = { kind: 'interpreter', evaluate: (input, bindings) => interpreted.evaluate(input, bindings) };
    let prepared: Prepared = { key, evaluator: interpreter };
    if (choice !== 'interpreter') {
      const compiled = compiledEvaluator(expression, GUARDRAILS);
      prepared = typeof compiled === 'string' ? { key, evaluator: interpreter, compilerDeclined: compiled } : { key, evaluator: compiled };
    }
    this.prepared = prepared;
    return prepared;
  }

  async run(req: PreviewRequest): Promise<PreviewResponse> {
    const started = performance.now();
    let prepared: Prepared;
    try {
      prepared = this.prepare(req.expression, req.engine ?? 'auto');
    } catch (err) {
      const error = errorOf(err);
      return { id: req.id, outcomes: req.samples.map((s) => ({ name: s.name, ok: false, error, violations: [] })), elapsedMs: performance.now() - started };
    }
    const validate = this.validatorFor(req.outputSchema);
    const { evaluator } = prepared;
    const outcomes: SampleOutcome[] = new Array(req.samples.length);
    for (let i = 0; i < req.samples.length; i++) {
      const sample = req.samples[i];
      try {
        const nowMillis = sample.now ? Date.parse(sample.now) : Date.now();
        const context = { nowMillis, asOf: new Date(nowMillis).toISOString().slice(0, 10), reference: req.reference };
        const evaluated = evaluator.evaluate(sample.input, { ...(sample.bindings ?? {}), [RUN_CONTEXT_BINDING]: context });
        // the compiled path answers synchronously: no turn of the event loop per record
        const output = plainValue(evaluated instanceof Promise ? await evaluated : evaluated);
        const valid = validate ? validate(output) : true;
        outcomes[i] = { name: sample.name, ok: true, output, violations: valid ? [] : violationsOf(validate?.errors) };
      } catch (err) {
        outcomes[i] = { name: sample.name, ok: false, error: errorOf(err), violations: [] };
      }
    }
    return {
      id: req.id,
      outcomes,
      elapsedMs: performance.now() - started,
      engine: evaluator.kind,
      ...(prepared.compilerDeclined ? { compilerDeclined: prepared.compilerDeclined } : {}),
    };
  }
}
