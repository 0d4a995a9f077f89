import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { MappingError, toMappingErrorData } from '../errors/mapping-error';
import { resolveGuardrails } from '../guardrails/guardrail-defaults';
import { checkValueHygiene } from '../guardrails/input-hygiene';
import { contentHash } from '../spec/content-hash';
import type { ExecutableSpec, MappingResult, ReferenceData, RunOptions } from '../types';
import { launchMappingWorker } from './worker-launcher';
import { HEARTBEAT_BUSY, HEARTBEAT_INDEX, HEARTBEAT_SEQ, HEARTBEAT_SLOTS, type FromWorker, type ToWorker } from './worker-protocol';

export interface MappingWorkerPoolOptions {
  size?: number;
  reference?: ReferenceData;
  /** Extra time past a spec's timeoutMs before the watchdog terminates the worker (default 250 ms). */
  watchdogGraceMs?: number;
  /** Heap ceiling per worker; a memory bomb kills only its worker (default 512 MiB). */
  maxWorkerMemoryMb?: number;
  /** Most records sent to a worker in one message (default 500). */
  maxChunk?: number;
  /** Young-generation size per worker (default 192 MiB); see YOUNG_GENERATION_MB. */
  youngGenerationMb?: number;
}

interface Batch {
  results: MappingResult[];
  remaining: number;
  resolve: (results: MappingResult[]) => void;
  spec: ExecutableSpec;
  hash: string;
  budgetMs: number;
}

interface Chunk {
  batch: Batch;
  opts: RunOptions;
  inputs: unknown[];
  positions: number[];
  blameless: number;
}

interface Slot {
  worker: Worker;
  heartbeat: Int32Array;
  ready: boolean;
  retired: boolean;
  chunk?: Chunk;
  taskId: number;
  lastSeq: number;
  seqSeenAt: number;
  lastError?: string;
}

const MAX_STARTUP_FAILURES = 3;
/*
 * V8 sizes a worker's young generation from its old-generation cap, far below the main thread's. The
 * interpreter allocates short-lived promises and closures per step, so a small nursery means constant
 * scavenges. CPU profiles of a worker over 10,000 Harvest entries on the interpreter: about 26% of its
 * time in GC at V8's default, 12–18% at 96 MiB, 7–8% at 192 MiB, and no further gain at 384 MiB.
 */
const YOUNG_GENERATION_MB = 192;
const MAX_BLAMELESS_RETRIES = 2;

/**
 * Evaluates mappings on worker threads. A watchdog terminates a worker whose
 * current record overruns its budget (a catastrophic regex never yields to
 * JSONata's own timeout), answers that record with MW_TIMEOUT, starts a
 * replacement and re-runs the rest of the chunk there.
 */
export class MappingWorkerPool {
  private readonly size: number;
  private readonly graceMs: number;
  private readonly memoryMb: number;
  private readonly maxChunk: number;
  private readonly youngMb: number;
  private reference: ReferenceData | undefined;
  private readonly slots = new Set<Slot>();
  private readonly queue: Chunk[] = [];
  private watchdog: NodeJS.Timeout | undefined;
  private nextTaskId = 1;
  private startupFailures = 0;
  private closed = false;
  private brokenReason: string | undefined;

  constructor(opts: MappingWorkerPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(opts.size ?? Math.max(1, availableParallelism())));
    this.graceMs = opts.watchdogGraceMs ?? 250;
    this.memoryMb = opts.maxWorkerMemoryMb ?? 512;
    this.maxChunk = Math.max(1, opts.maxChunk ?? 500);
    this.youngMb = Math.max(8, opts.youngGenerationMb ?? YOUNG_GENERATION_MB);
    this.reference = opts.reference;
    for (let i = 0; i < this.size; i++) this.spawn();
  }

  setReferenceData(ref: ReferenceData): void {
    this.reference = ref;
    for (const slot of this.slots) this.post(slot, { type: 'reference', reference: ref });
  }

  async run(spec: ExecutableSpec, input: unknown, opts?: RunOptions): Promise<MappingResult> {
    const [result] = await this.runBatch(spec, [input], opts);
    return result;
  }

  /** Splits the batch into chunks across workers; results come back in input order. */
  runBatch(spec: ExecutableSpec, inputs: unknown[], opts?: RunOptions): Promise<MappingResult[]> {
    const started = Date.now();
    let hash = '';
    let budgetMs = 0;
    let pinned: RunOptions;
    try {
      hash = contentHash(spec);
      budgetMs = resolveGuardrails(spec.guardrails).timeoutMs + this.graceMs;
      // One "now" for the whole batch, however it is split, so outputs do not depend on scheduling.
      pinned = { ...opts, now: new Date(opts?.now === undefined ? started : Date.parse(opts.now)).toISOString() };
    } catch (err) {
      return Promise.resolve(inputs.map(() => this.failed(spec, hash, err)));
    }
    if (this.closed || this.brokenReason) {
      const reason = this.closed ? 'The worker pool is closed' : `The worker pool cannot start workers: ${this.brokenReason}`;
      return Promise.resolve(inputs.map(() => this.failed(spec, hash, MappingError.of('MW_WORKER_CRASHED', reason))));
    }
    if (inputs.length === 0) return Promise.resolve([]);
    return new Promise((resolve) => {
      const batch: Batch = { results: new Array(inputs.length), remaining: inputs.length, resolve, spec, hash, budgetMs };
      const per = Math.min(this.maxChunk, Math.ceil(inputs.length / this.size));
      for (let start = 0; start < inputs.length; start += per) {
        const end = Math.min(inputs.length, start + per);
        const positions: number[] = [];
        for (let i = start; i < end; i++) positions.push(i);
        this.queue.push({ batch, opts: pinned, inputs: inputs.slice(start, end), positions, blameless: 0 });
      }
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopWatchdog();
    const pending = this.queue.splice(0);
    for (const slot of this.slots) if (slot.chunk) pending.push(slot.chunk);
    for (const chunk of pending) this.failChunk(chunk, MappingError.of('MW_WORKER_CRASHED', 'The worker pool was closed'));
    const workers = [...this.slots].map((s) => {
      s.retired = true;
      return s.worker.terminate();
    });
    this.slots.clear();
    await Promise.all(workers);
  }

  private spawn(): void {
    const heartbeatBuffer = new SharedArrayBuffer(HEARTBEAT_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    const worker = launchMappingWorker(
      { reference: this.reference, heartbeat: heartbeatBuffer },
      { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: this.youngMb },
    );
    const slot: Slot = { worker, heartbeat: new Int32Array(heartbeatBuffer), ready: false, retired: false, taskId: 0, lastSeq: 0, seqSeenAt: 0 };
    this.slots.add(slot);
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on('error', (err: Error) => {
      slot.lastError = err.message;
    });
    worker.on('exit', () => this.onExit(slot));
    // The pool should not keep a process alive on its own.
    worker.unref();
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (slot.retired) return;
    if (message.type === 'ready') {
      slot.ready = true;
      this.startupFailures = 0;
      this.dispatch();
      return;
    }
    const chunk = slot.chunk;
    if (!chunk || message.taskId !== slot.taskId) return;
    slot.chunk = undefined;
    for (let k = 0; k < chunk.positions.length; k++) this.settle(chunk.batch, chunk.positions[k], message.results[k]);
    this.dispatch();
  }

  private onExit(slot: Slot): void {
    if (!this.slots.has(slot)) return;
    this.slots.delete(slot);
    if (slot.retired || this.closed) return;
    // An unplanned exit: out of memory, a native fault, or a failed start.
    if (!slot.ready) {
      this.startupFailures++;
      if (this.startupFailures >= MAX_STARTUP_FAILURES) {
        this.brokenReason = slot.lastError ?? 'worker exited during start-up';
        const pending = this.queue.splice(0);
        if (slot.chunk) pending.push(slot.chunk);
        for (const chunk of pending) this.failChunk(chunk, MappingError.of('MW_WORKER_CRASHED', `Worker could not start: ${this.brokenReason}`));
        return;
      }
    }
    const reason = slot.lastError ? `Worker stopped: ${slot.lastError}` : 'Worker stopped unexpectedly';
    this.recover(slot, MappingError.of('MW_WORKER_CRASHED', reason));
    this.spawn();
    this.dispatch();
  }

  /** Blames the record the heartbeat names, re-queues the rest of the chunk on another worker. */
  private recover(slot: Slot, blame: MappingError): void {
    const chunk = slot.chunk;
    slot.chunk = undefined;
    if (!chunk) return;
    const busy = Atomics.load(slot.heartbeat, HEARTBEAT_BUSY) === 1;
    const index = Atomics.load(slot.heartbeat, HEARTBEAT_INDEX);
    if (!busy || index < 0 || index >= chunk.inputs.length) {
      if (chunk.blameless >= MAX_BLAMELESS_RETRIES) {
        this.failChunk(chunk, blame);
        return;
      }
      this.queue.unshift({ ...chunk, blameless: chunk.blameless + 1 });
      return;
    }
    this.settle(chunk.batch, chunk.positions[index], this.failed(chunk.batch.spec, chunk.batch.hash, blame, Date.now() - slot.seqSeenAt));
    const inputs = chunk.inputs.filter((_, i) => i !== index);
    const positions = chunk.positions.filter((_, i) => i !== index);
    if (inputs.length > 0) this.queue.unshift({ ...chunk, inputs, positions });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (!slot.ready || slot.retired || slot.chunk) continue;
      const chunk = this.queue.shift() as Chunk;
      this.assign(slot, chunk);
    }
    const busy = this.hasWork();
    if (busy) this.startWatchdog();
    else this.stopWatchdog();
    // Workers keep the process alive only while answers are owed.
    for (const slot of this.slots) {
      if (busy) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  private assign(slot: Slot, chunk: Chunk): void {
    slot.taskId = this.nextTaskId++;
    slot.chunk = chunk;
    slot.lastSeq = Atomics.load(slot.heartbeat, HEARTBEAT_SEQ);
    slot.seqSeenAt = Date.now();
    const message: ToWorker = { type: 'run', taskId: slot.taskId, spec: chunk.batch.spec, inputs: chunk.inputs, opts: chunk.opts };
    if (this.post(slot, message)) return;
    // Cloning failed (hostile nesting, functions in input): answer per record without the worker.
    slot.chunk = undefined;
    this.rescueUnsendable(chunk);
    this.dispatch();
  }

  private rescueUnsendable(chunk: Chunk): void {
    try {
      structuredClone({ spec: chunk.batch.spec, opts: chunk.opts });
    } catch {
      // Nothing of this chunk can ever reach a worker; retrying would loop.
      this.failChunk(chunk, MappingError.of('MW_EVALUATION_FAILED', 'The spec or run options cannot be sent to a worker (functions in bindings?); run it in-process'));
      return;
    }
    const guardrails = resolveGuardrails(chunk.batch.spec.guardrails);
    const inputs: unknown[] = [];
    const positions: number[] = [];
    chunk.inputs.forEach((input, i) => {
      try {
        checkValueHygiene(input, guardrails);
        structuredClone(input);
        inputs.push(input);
        positions.push(chunk.positions[i]);
      } catch (err) {
        const error = err instanceof MappingError ? err : MappingError.of('MW_INVALID_JSON', 'Input is not plain JSON data');
        this.settle(chunk.batch, chunk.positions[i], this.failed(chunk.batch.spec, chunk.batch.hash, error));
      }
    });
    if (inputs.length > 0) this.queue.unshift({ ...chunk, inputs, positions });
  }

  private post(slot: Slot, message: ToWorker): boolean {
    try {
      slot.worker.postMessage(message);
      return true;
    } catch {
      return false;
    }
  }

  private hasWork(): boolean {
    if (this.queue.length > 0) return true;
    for (const slot of this.slots) if (slot.chunk) return true;
    return false;
  }

  private startWatchdog(): void {
    if (this.watchdog) return;
    const tick = Math.max(5, Math.min(50, Math.floor(this.graceMs / 2)));
    this.watchdog = setInterval(() => this.inspect(), tick);
    this.watchdog.unref();
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
  }

  private inspect(): void {
    const now = Date.now();
    for (const slot of [...this.slots]) {
      const chunk = slot.chunk;
      if (!chunk || slot.retired) continue;
      const seq = Atomics.load(slot.heartbeat, HEARTBEAT_SEQ);
      if (seq !== slot.lastSeq) {
        slot.lastSeq = seq;
        slot.seqSeenAt = now;
        continue;
      }
      if (Atomics.load(slot.heartbeat, HEARTBEAT_BUSY) !== 1 || now - slot.seqSeenAt <= chunk.batch.budgetMs) continue;
      slot.retired = true;
      this.slots.delete(slot);
      void slot.worker.terminate();
      const blame = MappingError.of('MW_TIMEOUT', `Record ran over its ${chunk.batch.budgetMs - this.graceMs} ms budget; the worker was stopped and replaced`, {
        guardrail: 'timeout',
      });
      this.recover(slot, blame);
      this.spawn();
    }
    this.dispatch();
  }

  private settle(batch: Batch, position: number, result: MappingResult): void {
    if (batch.results[position] !== undefined) return;
    batch.results[position] = result;
    if (--batch.remaining === 0) batch.resolve(batch.results);
  }

  private failChunk(chunk: Chunk, error: MappingError): void {
    for (const position of chunk.positions) this.settle(chunk.batch, position, this.failed(chunk.batch.spec, chunk.batch.hash, error));
  }

  private failed(spec: ExecutableSpec, hash: string, err: unknown, durationMs = 0): MappingResult {
    return {
      ok: false,
      error: toMappingErrorData(err, { id: spec?.id, version: spec?.version }),
      specId: String(spec?.id),
      version: String(spec?.version),
      contentHash: hash,
      durationMs,
      engine: 'interpreter',
    };
  }
}
