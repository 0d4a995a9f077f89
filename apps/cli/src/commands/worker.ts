import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';

type RunWorkerProcess = (env: Record<string, string | undefined>, write: (text: string) => void) => Promise<number>;

/** Loaded from the built runtime at call time, because apps may not import each other's sources. */
function loadRunner(io: CliIo): RunWorkerProcess | undefined {
  const req = createRequire(resolve(io.cwd, 'package.json'));
  let file: string;
  try {
    file = req.resolve('@mapwright/runtime/dist/workers/worker-main.js');
  } catch {
    return undefined;
  }
  return existsSync(file) ? (req(file) as { runWorkerProcess: RunWorkerProcess }).runWorkerProcess : undefined;
}

export interface WorkerOptions {
  roles: string;
}

/** `worker --roles intake,billing,posting`: relays the outbox and runs those consumers, without the HTTP API. */
export async function worker(opts: WorkerOptions, io: CliIo, env: Record<string, string | undefined>, runner: RunWorkerProcess | undefined = loadRunner(io)): Promise<number> {
  if (!runner) {
    io.stderr('mapwright worker: the runtime is not built; run `npm run build` first\n');
    return 1;
  }
  try {
    return await runner({ ...env, WORKER_ROLES: opts.roles }, (text) => io.stderr(text));
  } catch (err) {
    io.stderr(`mapwright worker: ${(err as Error).message}\n`);
    return 1;
  }
}

export function registerWorker(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('worker')
    .description('run event workers (outbox relay and consumers) without the HTTP API; configured like the runtime (DATABASE_URL, NATS_URL, XERO_*)')
    .option('--roles <roles>', 'comma-separated worker roles: intake, billing, posting', 'intake,billing,posting')
    .action(async (local: WorkerOptions) => {
      // The CLI is the process boundary: it hands the environment to the runtime's validated config loader.
      done(await worker(local, io, process.env));
    });
}
