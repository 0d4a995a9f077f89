import Ajv2020, { ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import jsonata from 'jsonata';
import { registerFunctionLibrary } from '@mapwright/mapping-engine/function-library';
import { RUN_CONTEXT_BINDING } from '@mapwright/mapping-engine/run-context';

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

export interface PreviewRequest {
  id: number;
  expression: string;
  samples: PreviewSample[];
  /** Reference data (value maps, UOM profiles) the library's $xref and $uom read. */
  reference?: unknown;
  outputSchema?: object;
}

export interface PreviewResponse {
  id: number;
  outcomes: SampleOutcome[];
  elapsedMs: number;
}

function violationsOf(errors: ErrorObject[] | null | undefined): Violation[] {
  return (errors ?? []).map((e) => ({
    pointer: e.keyword === 'required' ? `${e.instancePath}/${String((e.params as { missingProperty?: string }).missingProperty)}` : e.instancePath || '/',
    message: e.message ?? e.keyword,
  }));
}

/**
 * Instant in-browser evaluation with jsonata and the engine's own function library. It skips the engine's
 * guardrails, input validation and compiled fast path, so the runtime's preview stays the exact answer.
 */
export class PreviewEngine {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  // Keyed by content: every message to the worker carries a fresh structured clone of the same schema.
  private schemaKey?: string;
  private validate?: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

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

  async run(req: PreviewRequest): Promise<PreviewResponse> {
    const started = performance.now();
    let expr: jsonata.Expression;
    try {
      expr = jsonata(req.expression);
      registerFunctionLibrary(expr);
    } catch (err) {
      const e = err as { code?: string; message: string; position?: number };
      const error = { code: e.code ?? 'S0000', message: e.message, position: e.position };
      return { id: req.id, outcomes: req.samples.map((s) => ({ name: s.name, ok: false, error, violations: [] })), elapsedMs: performance.now() - started };
    }
    const validate = this.validatorFor(req.outputSchema);
    const outcomes: SampleOutcome[] = [];
    for (const sample of req.samples) {
      const nowMillis = sample.now ? Date.parse(sample.now) : Date.now();
      const context = { nowMillis, asOf: new Date(nowMillis).toISOString().slice(0, 10), reference: req.reference };
      try {
        const output: unknown = await expr.evaluate(sample.input, { ...(sample.bindings ?? {}), [RUN_CONTEXT_BINDING]: context });
        const valid = validate ? validate(output) : true;
        outcomes.push({ name: sample.name, ok: true, output, violations: valid ? [] : violationsOf(validate?.errors) });
      } catch (err) {
        const e = err as { code?: string; message?: string; position?: number };
        outcomes.push({ name: sample.name, ok: false, error: { code: e.code ?? 'D0000', message: e.message ?? String(err), position: e.position }, violations: [] });
      }
    }
    return { id: req.id, outcomes, elapsedMs: performance.now() - started };
  }
}
