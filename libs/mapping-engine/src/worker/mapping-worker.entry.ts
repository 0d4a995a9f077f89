import { parentPort, workerData } from 'node:worker_threads';
import { MappingEngine } from '../engine/mapping-engine';
import type { MappingResult } from '../types';
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

async function runChunk(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
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
