import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import pino from 'pino';
import type { XeroSandbox } from '@mapwright/xero-sandbox';
import { NatsTransport } from '../../../apps/runtime/src/messaging/nats.transport';
import { Harness, POSTGRES_AVAILABLE } from '../runtime/runtime-harness';
import { NATS_AVAILABLE, REPO_ROOT, enqueueAll, erpDocumentsByKey, invoiceEvent, outboxCounts, startOrchestrated, startSandbox, waitFor, xeroEnv } from './orchestration-harness';

const DOCS = 500;
const available = NATS_AVAILABLE && POSTGRES_AVAILABLE;
if (!available) console.warn('SKIPPED: "worker killed mid-run": NATS at 127.0.0.1:4222 or PostgreSQL at 127.0.0.1:5432 is not reachable (CI=true makes this a failure)');

/** Compiles the runtime and the CLI the way `npm run build` does, so the child runs `mapwright worker` from dist. */
function buildRuntimeAndCli(): void {
  for (const app of ['runtime', 'cli']) {
    const r = spawnSync('npx', ['swc', 'src', '-d', 'dist', '--strip-leading-paths', '--config-file', '../../.swcrc', '--ignore', '**/*.spec.ts', '-q'],
      { cwd: path.join(REPO_ROOT, 'apps', app), encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`building apps/${app} failed: ${r.stderr}`);
  }
}

(available ? describe : describe.skip)('worker process killed with SIGKILL mid-run [postgres, NATS]', () => {
  const prefix = `mwt${randomBytes(4).toString('hex')}`;
  let sandbox: XeroSandbox;
  let h: Harness;
  let child: ChildProcess | undefined;
  const stderr: string[] = [];

  const startWorker = (env: Record<string, string>) => {
    const proc = spawn(process.execPath, [path.join(REPO_ROOT, 'apps/cli/dist/main.js'), 'worker', '--roles', 'posting'], {
      cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    proc.stderr!.on('data', (d) => stderr.push(String(d)));
    return proc;
  };

  beforeAll(async () => {
    buildRuntimeAndCli();
    sandbox = await startSandbox();
    h = await startOrchestrated('postgres', { ...xeroEnv(sandbox), WORKER_ROLES: '' });
  }, 180_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    const nats = new NatsTransport({ url: 'nats://127.0.0.1:4222', prefix, logger: pino({ level: 'silent' }) });
    await nats.connect();
    await nats.deleteStreams();
    await nats.close();
    await h?.close();
    await sandbox?.close();
  }, 60_000);

  it(`loses and duplicates nothing when the worker dies mid-run and a new one takes over (${DOCS} documents)`, async () => {
    const env = {
      ...xeroEnv(sandbox), DATABASE_URL: String((h.runtime.dataSource.options as { url?: string }).url), NATS_URL: 'nats://127.0.0.1:4222', NATS_PREFIX: prefix,
      DATA_DIR: h.dataDir, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'warn', MAPPING_WORKERS: '0', OUTBOX_SWEEP_AFTER_MS: '10000', MESSAGE_BACKOFF_MS: '100',
    };
    await enqueueAll(h, Array.from({ length: DOCS }, (_, i) => invoiceEvent(i)));
    child = startWorker(env);
    await waitFor('the first worker to post some documents', async () => ((await outboxCounts(h)).PROCESSED ?? 0) >= DOCS / 4, 45_000, 100)
      .catch((err: Error) => { throw new Error(`${err.message}; worker stderr: ${stderr.join('').slice(-2000)}`); });
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    expect(await exited).toBe(null);
    const atKill = (await outboxCounts(h)).PROCESSED ?? 0;
    expect(atKill).toBeLessThan(DOCS);

    child = startWorker(env);
    await waitFor('every document processed by the second worker', async () => (await outboxCounts(h)).PROCESSED === DOCS, 90_000, 250)
      .catch(async (err: Error) => { throw new Error(`${err.message}: ${JSON.stringify(await outboxCounts(h))}; stderr: ${stderr.join('').slice(-2000)}`); });

    const byKey = erpDocumentsByKey(sandbox);
    expect(byKey.size).toBe(DOCS);
    expect([...byKey.values()].filter((n) => n !== 1)).toEqual([]);
    const states = await h.sql<{ state: string; n: string }>('SELECT state, count(*) AS n FROM erp_documents GROUP BY state');
    expect(states.map((s) => [s.state, Number(s.n)])).toEqual([['CONFIRMED', DOCS]]);
    expect(await h.sql('SELECT type FROM dead_letters')).toEqual([]);
    process.stdout.write(`worker crash: killed after ${atKill} of ${DOCS}; recovered with ${byKey.size} documents, none duplicated\n`);
  }, 150_000);
});
