import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { WorkerBootData } from './worker-protocol';

/**
 * Starts a mapping worker from the entry file beside this one. Built code
 * (dist/*.js) loads it directly; TypeScript sources (jest, ts tooling) get a
 * tiny bootstrap that registers @swc-node/register first.
 */
export function launchMappingWorker(boot: WorkerBootData, resourceLimits: ResourceLimits): Worker {
  const ext = path.extname(__filename);
  const entry = path.join(__dirname, `mapping-worker.entry${ext}`);
  if (ext === '.ts') {
    const register = require.resolve('@swc-node/register');
    const bootstrap = `require(${JSON.stringify(register)});\nrequire(${JSON.stringify(entry)});\n`;
    return new Worker(bootstrap, { eval: true, workerData: boot, resourceLimits });
  }
  return new Worker(entry, { workerData: boot, resourceLimits });
}
