import { performance } from 'node:perf_hooks';
import { MappingError, toMappingErrorData } from '../errors/mapping-error';
import { RUN_CONTEXT_BINDING, type RunContext } from '../function-library/run-context';
import { isoDateOf } from '../function-library/xref.functions';
import { checkResolvedValueHygiene } from '../guardrails/input-hygiene';
import { contentHash } from '../spec/content-hash';
import type { ExecutableSpec, MappingErrorData, MappingResult, ReferenceData, ResultMeta, RunOptions } from '../types';
import { validateAgainstSchema } from '../validation/schema-validator';
import { plainValue } from './plain-output';
import { compileSpec, type PreparedSpec } from './prepared-spec';

/** Observes a batch record by record (the worker pool beats its heartbeat here). */
export interface BatchHooks {
  beforeRecord?(index: number): void;
}

export interface MappingEngineOptions {
  reference?: ReferenceData;
  /** Prepared specs kept by content hash (least recently used dropped first). */
  cacheSize?: number;
}

interface PinnedClock {
  nowMillis: number;
  asOf: string;
}

// Callers pass the same RunOptions.now/asOf record after record; the last answer is kept (clocks are read-only).
let lastPinned: { now: string; asOf: unknown; clock: PinnedClock } | undefined;

function pinClock(opts: RunOptions | undefined): PinnedClock {
  const now = opts?.now;
  if (typeof now !== 'string') return pinClockUncached(opts);
  const last = lastPinned;
  if (last !== undefined && last.now === now && last.asOf === opts?.asOf) return last.clock;
  const clock = pinClockUncached(opts);
  lastPinned = { now, asOf: opts?.asOf, clock };
  return clock;
}

function pinClockUncached(opts: RunOptions | undefined): PinnedClock {
  const nowMillis = opts?.now === undefined ? Date.now() : Date.parse(opts.now);
  if (!Number.isFinite(nowMillis)) throw MappingError.of('MW_EVALUATION_FAILED', `RunOptions.now "${String(opts?.now)}" is not an ISO instant`);
  let asOf = new Date(nowMillis).toISOString().slice(0, 10);
  if (opts?.asOf !== undefined) {
    const day = typeof opts.asOf === 'string' ? isoDateOf(opts.asOf) : undefined;
    if (day === undefined) throw MappingError.of('MW_EVALUATION_FAILED', `RunOptions.asOf "${String(opts.asOf)}" is not an ISO date`);
    asOf = day;
  }
  return { nowMillis, asOf };
}

function safeHash(spec: ExecutableSpec): string {
  try {
    return contentHash(spec);
  } catch {
    return '';
  }
}

/** Executes versioned JSONata mappings in-process, with the function library and guardrails. */
export class MappingEngine {
  private reference: ReferenceData | undefined;
  private readonly byHash = new Map<string, PreparedSpec>();
  // Specs are treated as immutable once prepared: identity skips re-hashing on every record.
  private readonly byObject = new WeakMap<ExecutableSpec, PreparedSpec>();
  private readonly cacheSize: number;

  constructor(opts: MappingEngineOptions = {}) {
    this.reference = opts.reference;
    this.cacheSize = opts.cacheSize ?? 500;
  }

  setReferenceData(ref: ReferenceData): void {
    this.reference = ref;
  }

  /** Compiles once per content hash; throws MappingError (syntax errors carry code and position). */
  prepare(spec: ExecutableSpec): PreparedSpec {
    const known = this.byObject.get(spec);
    if (known) return known;
    // the engine choice is not part of the content hash, but two choices are two prepared specs
    const hash = contentHash(spec);
    const key = `${hash}:${String(spec.engine ?? 'auto')}`;
    let prepared = this.byHash.get(key);
    if (prepared) {
      this.byHash.delete(key);
    } else {
      prepared = compileSpec(spec, hash);
      if (this.byHash.size >= this.cacheSize) this.byHash.delete(this.byHash.keys().next().value as string);
    }
    this.byHash.set(key, prepared);
    this.byObject.set(spec, prepared);
    return prepared;
  }

  /** Never throws for mapping failures: they come back as ok:false with a coded error. */
  async run(spec: ExecutableSpec, input: unknown, opts?: RunOptions): Promise<MappingResult> {
    const started = performance.now();
    let clock: PinnedClock;
    try {
      clock = pinClock(opts);
    } catch (err) {
      return this.failure(spec, undefined, err, started);
    }
    return this.runPinned(spec, input, opts, clock, started);
  }

  /** Runs records one after another with one pinned clock, so a batch sees a single "now". */
  async runBatch(spec: ExecutableSpec, inputs: unknown[], opts?: RunOptions, hooks?: BatchHooks): Promise<MappingResult[]> {
    const results: MappingResult[] = new Array(inputs.length);
    let clock: PinnedClock;
    try {
      clock = pinClock(opts);
    } catch (err) {
      const started = performance.now();
      for (let i = 0; i < inputs.length; i++) results[i] = this.failure(spec, undefined, err, started);
      return results;
    }
    for (let i = 0; i < inputs.length; i++) {
      hooks?.beforeRecord?.(i);
      results[i] = await this.runPinned(spec, inputs[i], opts, clock, performance.now());
    }
    return results;
  }

  private async runPinned(spec: ExecutableSpec, input: unknown, opts: RunOptions | undefined, clock: PinnedClock, started: number): Promise<MappingResult> {
    let prepared: PreparedSpec | undefined;
    try {
      prepared = this.prepare(spec);
      if (input !== undefined) checkResolvedValueHygiene(input, prepared.guardrails);
      if (prepared.inputSchema && opts?.validateInput !== false) {
        const violations = validateAgainstSchema(prepared.inputSchema, input);
        if (violations.length > 0) throw MappingError.schema('MW_INPUT_SCHEMA', violations);
      }
      const context: RunContext = { nowMillis: clock.nowMillis, asOf: clock.asOf, reference: this.reference };
      const bindings: Record<string, unknown> = opts?.bindings ? Object.assign({}, opts.bindings) : {};
      bindings[RUN_CONTEXT_BINDING] = context;
      const evaluated = prepared.evaluator.evaluate(input, bindings);
      // the compiled path answers synchronously: no extra turn of the event loop per record
      const output = plainValue(evaluated instanceof Promise ? await evaluated : evaluated);
      if (prepared.outputSchema && opts?.validateOutput !== false) {
        const violations = validateAgainstSchema(prepared.outputSchema, output);
        if (violations.length > 0) throw MappingError.schema('MW_OUTPUT_SCHEMA', violations);
      }
      // built field by field: this object is made once per record
      return { ok: true, output, specId: prepared.specId, version: prepared.version, contentHash: prepared.contentHash, durationMs: performance.now() - started, engine: prepared.engine };
    } catch (err) {
      return this.failure(spec, prepared, err, started);
    }
  }

  private meta(spec: ExecutableSpec, prepared: PreparedSpec | undefined, started: number): ResultMeta {
    return {
      specId: prepared?.specId ?? String(spec?.id),
      version: prepared?.version ?? String(spec?.version),
      contentHash: prepared?.contentHash ?? safeHash(spec),
      durationMs: performance.now() - started,
      engine: prepared?.engine ?? 'interpreter',
    };
  }

  private failure(spec: ExecutableSpec, prepared: PreparedSpec | undefined, err: unknown, started: number): MappingResult {
    const error: MappingErrorData = toMappingErrorData(err, { id: spec?.id, version: spec?.version });
    return { ok: false, error, ...this.meta(spec, prepared, started) };
  }
}
