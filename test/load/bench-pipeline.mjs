/**
 * Posting pipeline throughput: finalised invoices written to the outbox, relayed, consumed, mapped with
 * the published xero-invoice spec, routed and delivered to a local Xero sandbox. Reported per transport
 * and store; every run checks exactly one ERP document per invoice or fails.
 *
 *   npm run bench:pipeline                       (builds first; runs the runtime from dist)
 *   BENCH_DOCS=2000 node test/load/bench-pipeline.mjs
 *
 * The SQLite + in-process run always happens; PostgreSQL + NATS JetStream when both answer at their
 * default addresses.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect as tcp } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dist = (p) => join(ROOT, 'apps/runtime/dist', p);
const { createRuntimeApp } = require(dist('bootstrap.js'));
const { loadAppConfig } = require(dist('config/app-config.js'));
const { OutboxService } = require(dist('messaging/outbox.service.js'));
const { TransactionService } = require(dist('database/transaction.service.js'));
const { CatalogImportService } = require(dist('mapping/catalog-import.service.js'));
const { ROUTED_TENANTS } = require(dist('erp-delivery/xero-client.provider.js'));
const { WorkerService } = require(dist('workers/worker.service.js'));
const { startXeroSandbox, DEFAULT_SANDBOX_CLIENT } = require('@mapwright/xero-sandbox');
const { Client } = require('pg');
const { parse } = require('yaml');

const DOCS = Number(process.env.BENCH_DOCS ?? 1000);
const base = parse(readFileSync(join(ROOT, 'mapping-specs/xero-invoice/1.0.0/tests/01-gbp-standard-rated.yaml'), 'utf8')).input;

const reachable = (port) => new Promise((done) => {
  const s = tcp(port, '127.0.0.1');
  s.on('connect', () => { s.destroy(); done(true); });
  s.on('error', () => done(false));
  setTimeout(() => { s.destroy(); done(false); }, 1500);
});

async function admin(sql) {
  const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

async function run(label, extraEnv) {
  const sandbox = await startXeroSandbox({ port: 0, host: '127.0.0.1', tenants: ROUTED_TENANTS });
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-bench-'));
  const runtime = await createRuntimeApp(loadAppConfig({
    DATA_DIR: dataDir, LOG_LEVEL: 'error', SEED_DEMO_DATA: 'false', MAPPING_WORKERS: '0', WORKER_ROLES: 'posting', DESIGNER_DIR: join(dataDir, 'none'),
    XERO_API_URL: sandbox.apiUrl, XERO_TOKEN_URL: sandbox.tokenUrl, XERO_CLIENT_ID: DEFAULT_SANDBOX_CLIENT.clientId,
    XERO_CLIENT_SECRET: DEFAULT_SANDBOX_CLIENT.clientSecret, XERO_CALLS_PER_MINUTE: '1000000', OUTBOX_SWEEP_AFTER_MS: '60000', ...extraEnv,
  }, ROOT));
  try {
    await runtime.app.get(CatalogImportService).importShippedSpecs();
    const outbox = runtime.app.get(OutboxService);
    const tx = runtime.app.get(TransactionService);
    const started = performance.now();
    for (let i = 0; i < DOCS; i += 100) {
      await tx.write(async (m) => {
        for (let n = i; n < Math.min(DOCS, i + 100); n++) {
          const document = { ...JSON.parse(JSON.stringify(base)), id: `inv-${n}`, invoiceNumber: `UK-INV-${String(n).padStart(7, '0')}` };
          await outbox.enqueue(m, { type: 'invoice.finalised', partitionKey: `le-uk:invoice:inv-${n}`, payload: { legalEntityId: 'le-uk', docType: 'invoice', docId: `inv-${n}`, revision: 1, document } });
        }
      });
    }
    const enqueuedMs = performance.now() - started;
    for (;;) {
      const [row] = await runtime.dataSource.query(`SELECT count(*) AS n FROM outbox_messages WHERE status = 'PROCESSED'`);
      if (Number(row.n) === DOCS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const totalMs = performance.now() - started;
    const keys = new Set(sandbox.documents().map((d) => d.idempotencyKey));
    if (keys.size !== DOCS || sandbox.documents().length !== DOCS) throw new Error(`${label}: ${sandbox.documents().length} documents for ${keys.size} keys, expected ${DOCS}`);
    return { label, documents: DOCS, enqueueMs: Math.round(enqueuedMs), totalMs: Math.round(totalMs), perSecond: Math.round((DOCS / totalMs) * 1000) };
  } finally {
    // Streams are created per run on the shared server; leave nothing behind.
    await runtime.app.get(WorkerService).activeTransport?.deleteStreams?.();
    await runtime.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = [await run('sqlite + in-process', {})];
if ((await reachable(5432)) && (await reachable(4222))) {
  const db = `mapwright_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${db}`);
  try {
    results.push(await run('postgres + NATS JetStream', { DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${db}`, NATS_URL: 'nats://127.0.0.1:4222', NATS_PREFIX: `mwbench${randomBytes(3).toString('hex')}` }));
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  }
} else {
  console.log('SKIPPED: postgres + NATS JetStream (127.0.0.1:5432 or :4222 not reachable)');
}
console.log(`cores ${availableParallelism()}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.table(results);
