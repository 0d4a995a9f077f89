import type { ExecutableSpec, MappingResult, ReferenceData, RunOptions } from '../types';

/** Messages between MappingWorkerPool and mapping-worker.entry. */

export interface WorkerBootData {
  reference?: ReferenceData;
  /** Int32Array view: [BUSY, SEQ, INDEX]; read by the pool's watchdog while the worker is stuck. */
  heartbeat: SharedArrayBuffer;
}

export const HEARTBEAT_BUSY = 0;
export const HEARTBEAT_SEQ = 1;
export const HEARTBEAT_INDEX = 2;
export const HEARTBEAT_SLOTS = 3;

export type ToWorker =
  | { type: 'run'; taskId: number; spec: ExecutableSpec; inputs: unknown[]; opts: RunOptions }
  | { type: 'reference'; reference: ReferenceData };

export type FromWorker = { type: 'ready' } | { type: 'done'; taskId: number; results: MappingResult[] };
