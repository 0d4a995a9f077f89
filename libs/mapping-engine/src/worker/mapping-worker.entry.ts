import { parentPort, workerData } from 'node:worker_threads';
import { MappingEngine } from '../engine/mapping-engine';
import type { ExecutableSpec, MappingResult } from '../types';
import { validateAgainstSchema } from '../validation/schema-validator';
import {
  HEARTBEAT_BUSY,
  HEARTBEAT_INDEX,
  HEARTBEAT_SEQ,
  type FromWorker,
  type ToWorker,
  type WorkerBootData,
} from './worker-protocol';

/*
 * Worker thread body: evaluates chunks of records with its own engine and
 * beats a shared heartbeat before each record, so the pool can tell which
 * record is stuck when it has to terminate this thread.
 */

const boot = workerData as WorkerBootData;
const port = parentPort;
const heartbeat = new Int32Array(boot.heartbeat);
const engine = new MappingEngine({ reference: boot.reference });

/** Outputs holding functions cannot be cloned; JSON keeps what a caller can use. */
function cloneable(results: MappingResult[]): MappingResult[] {
  return results.map((r) => (r.ok ? { ...r, output: r.output === undefined ? undefined : JSON.parse(JSON.stringify(r.output) ?? 'null') } : r));
}

function send(message: FromWorker): void {
  if (!port) return;
  try {
    port.postMessage(message);
  } catch {
    if (message.type === 'done') port.postMessage({ ...message, results: cloneable(message.results) });
  }
}

/**
 * Compiles the spec and its schemas before the first heartbeat of a chunk, while the watchdog reads
 * the worker as idle: a freshly started worker (after a replacement) would otherwise spend a record's
 * budget compiling, and under load time out every retry of an innocent record. Failures are left for
 * runBatch to answer per record with their codes.
 */
function warm(spec: ExecutableSpec): void {
  try {
    const prepared = engine.prepare(spec);
    if (prepared.inputSchema) validateAgainstSchema(prepared.inputSchema, null);
    if (prepared.outputSchema) validateAgainstSchema(prepared.outputSchema, null);
  } catch {
    // answered per record below
  }
}

async function runChunk(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  warm(message.spec);
  const results = await engine.runBatch(message.spec, message.inputs, message.opts, {
    beforeRecord(index) {
      Atomics.store(heartbeat, HEARTBEAT_INDEX, index);
      Atomics.add(heartbeat, HEARTBEAT_SEQ, 1);
      Atomics.store(heartbeat, HEARTBEAT_BUSY, 1);
    },
  });
  Atomics.store(heartbeat, HEARTBEAT_BUSY, 0);
  send({ type: 'done', taskId: message.taskId, results });
}

let chain: Promise<void> = Promise.resolve();

port?.on('message', (message: ToWorker) => {
  // One message at a time keeps the heartbeat meaningful and reference changes in order.
  if (message.type === 'reference') chain = chain.then(() => engine.setReferenceData(message.reference));
  else chain = chain.then(() => runChunk(message));
});

send({ type: 'ready' });
