/**
 * The pipeline benchmark, per store and transport:
 *
 *   intake      entries/s from intake to journals: Harvest entries POSTed in batches as a PSA sync sends
 *               them, then their approval events in batches; each approval rates the employee's week
 *               and writes the journal in the same transaction, so the last answer means the last journal.
 *   latency     approval-to-journal p50/p99 at a fixed offered load (BENCH_RATE approval events/s for
 *               BENCH_SECONDS s, one event per request, sent on schedule whatever the answers do, and
 *               timed from the scheduled send so a stall counts against the percentiles).
 *   erp         finalised invoices through outbox, relay, transport, the published xero-invoice mapping,
 *               routing and delivery to a local Xero sandbox; exactly one ERP document per invoice.
 *   nats        raw JetStream publish-consume of the same number of messages on the same host: the ceiling.
 *
 *   npm run bench:pipeline                       (builds first; runs the runtime from dist)
 *   BENCH_ENTRIES=4000 BENCH_RATE=200 BENCH_SECONDS=30 BENCH_DOCS=1000 node test/load/bench-pipeline.mjs
 *   BENCH_ONLY=sqlite node test/load/bench-pipeline.mjs      (sqlite | scaled | nats)
 *
 * Embedded: SQLite and the in-process bus in this process. Scaled: PostgreSQL and NATS JetStream, the API
 * in this process (WORKER_ROLES empty) and two `mapwright worker --roles posting` processes; it runs
 * when both servers answer at their default addresses.
 */
/* global fetch, structuredClone */
import { spawn } from 'node:child_process';
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
const { MasterDataService } = require(dist('master-data/master-data.service.js'));
const { WorkerService } = require(dist('workers/worker.service.js'));
const { startXeroSandbox, DEFAULT_SANDBOX_CLIENT } = require('@mapwright/xero-sandbox');
const { Client } = require('pg');
const { parse } = require('yaml');
const { connect: natsConnect } = require('@nats-io/transport-node');
const { jetstream, jetstreamManager, AckPolicy, StorageType } = require('@nats-io/jetstream');

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 4000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const DOCS = Number(process.env.BENCH_DOCS ?? 1000);
const ONLY = process.env.BENCH_ONLY;
const BATCH = 250;
const ENTRIES_PER_WEEK = 10;
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

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Mondays from 2026-03-02 (open periods); each employee books ENTRIES_PER_WEEK half-hour entries a week. */
function harvestEntries(count, { firstUser, users, firstId, firstWeek = 0 }) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const user = firstUser + (i % users);
    const slot = Math.floor(i / users);
    const week = firstWeek + Math.floor(slot / ENTRIES_PER_WEEK);
    const day = slot % 5;
    const date = new Date(Date.parse('2026-03-02T00:00:00Z') + (week * 7 + day) * 86_400_000).toISOString().slice(0, 10);
    out.push({
      id: firstId + i, spent_date: date, user: { id: user, name: 'Bench Person' }, client: { id: 501, name: 'Globex' }, project: { id: 2001, name: 'Globex platform build' },
      task: { id: 3001, name: 'Development' }, user_assignment: null, task_assignment: null, external_reference: null, invoice: null,
      hours: 0.5, hours_without_timer: 0.5, rounded_hours: 0.5, notes: 'bench', is_locked: false, locked_reason: null, is_closed: false, is_billed: false,
      timer_started_at: null, started_time: null, ended_time: null, is_running: false, billable: true, budgeted: true, billable_rate: null, cost_rate: null,
      created_at: `${date}T17:00:00Z`, updated_at: `${date}T17:05:00Z`,
    });
  }
  return out;
}

/** Employees the Harvest mapping names harvest-user-<n>, in le-us, so rating and journals have real master data. */
async function seedEmployees(runtime, first, count) {
  const md = runtime.app.get(MasterDataService);
  for (let i = 0; i < count; i++) {
    const n = first + i;
    await md.upsert('bench', 'employee', {
      sourceSystem: 'hris', object: {
        id: `harvest-user-${n}`, externalRefs: [{ system: 'hris', id: `WB${n}` }, { system: 'harvest', id: String(n) }], sourceSystem: 'hris', employeeNumber: `B${n}`,
        givenName: 'Bench', familyName: `Person ${n}`, legalEntityId: 'le-us', costCenterId: 'cc-us-engineering', roleCode: 'ENGINEER', employmentType: 'employee',
        status: 'active', hireDate: '2023-06-01', costRate: { amount: '65.00', currency: 'USD' }, payRate: { amount: { amount: '65.00', currency: 'USD' }, basis: 'hourly' }, standardHoursPerWeek: '40',
      },
    });
  }
}

function client(url, token) {
  return async (path, body) => {
    const res = await fetch(`${url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const json = await res.json();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(json).slice(0, 400)}`);
    return json;
  };
}

async function journalCount(runtime) {
  const [row] = await runtime.dataSource.query(`SELECT count(*) AS n FROM journals`);
  return Number(row.n);
}

/** (a) Entries/s from the first intake POST to the last approval answer (the last journal is committed by then). */
async function intakeThroughput(runtime, post) {
  const users = Math.max(1, Math.ceil(ENTRIES / (ENTRIES_PER_WEEK * 2)));
  await seedEmployees(runtime, 20_000, users);
  const entries = harvestEntries(ENTRIES, { firstUser: 20_000, users, firstId: 50_000_000 });
  const before = await journalCount(runtime);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < entries.length; i += BATCH) {
    const out = await post('/inbound/harvest/time-entries?currency=USD', entries.slice(i, i + BATCH));
    if (out.summary.accepted !== Math.min(BATCH, entries.length - i)) throw new Error(`intake refused entries: ${JSON.stringify(out.summary)}`);
  }
  const intakeMs = performance.now() - started;
  for (let i = 0; i < entries.length; i += BATCH) {
    const out = await post('/inbound/harvest/approvals', entries.slice(i, i + BATCH).map((e) => ({ externalId: String(e.id), action: 'approve' })));
    if (out.results.some((r) => r.status !== 'applied')) throw new Error('an approval was not applied');
  }
  const totalMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const journals = (await journalCount(runtime)) - before;
  if (journals !== ENTRIES) throw new Error(`expected ${ENTRIES} journals, found ${journals}`);
  // CPU per entry says what the code costs whatever else loads the machine; entries/s says what this run got.
  const cpuMsPerEntry = (used.user + used.system) / 1000 / ENTRIES;
  return {
    entries: ENTRIES, intakeMs: Math.round(intakeMs), approveMs: Math.round(totalMs - intakeMs), entriesPerSecond: Math.round((ENTRIES / totalMs) * 1000),
    cpuMsPerEntry: Number(cpuMsPerEntry.toFixed(2)), entriesPerCpuSecond: Math.round(1000 / cpuMsPerEntry),
  };
}

/** (b) One approval event per request at RATE/s for SECONDS s; latency from the scheduled send to the answer. */
async function approvalLatency(runtime, post) {
  const count = RATE * SECONDS;
  const users = Math.max(1, Math.ceil(count / (ENTRIES_PER_WEEK * 2)));
  await seedEmployees(runtime, 40_000, users);
  const entries = harvestEntries(count, { firstUser: 40_000, users, firstId: 60_000_000 });
  for (let i = 0; i < entries.length; i += BATCH) await post('/inbound/harvest/time-entries?currency=USD', entries.slice(i, i + BATCH));
  const before = await journalCount(runtime);
  const latencies = [];
  let failed = 0;
  const pending = [];
  const start = performance.now() + 20;
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(post('/inbound/harvest/approvals', { externalId: String(entries[i].id), action: 'approve' })
      .then((out) => { if (out.results[0].status !== 'applied') failed += 1; latencies.push(performance.now() - due); }, (err) => {
        failed += 1;
        if (failed === 1) console.error(`first failed approval: ${err.cause?.code ?? err.message}`);
      }));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  const journals = (await journalCount(runtime)) - before;
  latencies.sort((a, b) => a - b);
  return {
    offeredPerSecond: RATE, seconds: SECONDS, events: count, achievedPerSecond: Math.round(count / elapsed), journals, failed,
    p50ms: Math.round(percentile(latencies, 50)), p99ms: Math.round(percentile(latencies, 99)), maxMs: Math.round(latencies[latencies.length - 1]),
  };
}

/** (d) Finalised invoices posted end to end; counts ERP documents in the sandbox. */
async function erpThroughput(runtime, sandbox) {
  const outbox = runtime.app.get(OutboxService);
  const tx = runtime.app.get(TransactionService);
  const confirmed = async () => Number((await runtime.dataSource.query(`SELECT count(*) AS n FROM erp_documents WHERE state = 'CONFIRMED'`))[0].n);
  // One document first, untimed: worker processes finish booting and the spec is compiled before the clock starts.
  await tx.write((m) => outbox.enqueue(m, { type: 'invoice.finalised', partitionKey: 'le-uk:invoice:warm-up', payload: { legalEntityId: 'le-uk', docType: 'invoice', docId: 'warm-up', revision: 1, document: { ...structuredClone(base), id: 'warm-up', invoiceNumber: 'UK-WARM-UP' } } }));
  runtime.app.get(WorkerService).relay.nudge();
  while ((await confirmed()) === 0) await sleep(100);
  const done0 = await confirmed();
  const started = performance.now();
  for (let i = 0; i < DOCS; i += 100) {
    await tx.write(async (m) => {
      for (let n = i; n < Math.min(DOCS, i + 100); n++) {
        const document = { ...structuredClone(base), id: `inv-${n}`, invoiceNumber: `UK-INV-${String(n).padStart(7, '0')}` };
        await outbox.enqueue(m, { type: 'invoice.finalised', partitionKey: `le-uk:invoice:inv-${n}`, payload: { legalEntityId: 'le-uk', docType: 'invoice', docId: `inv-${n}`, revision: 1, document } });
      }
    });
  }
  runtime.app.get(WorkerService).relay.nudge();
  for (;;) {
    if ((await confirmed()) - done0 === DOCS) break;
    await sleep(100);
  }
  const totalMs = performance.now() - started;
  const docs = sandbox.documents().filter((d) => d.idempotencyKey?.includes(':invoice:inv-'));
  const keys = new Set(docs.map((d) => d.idempotencyKey));
  if (keys.size !== DOCS || docs.length !== DOCS) throw new Error(`${docs.length} documents for ${keys.size} keys, expected ${DOCS}`);
  return { documents: DOCS, totalMs: Math.round(totalMs), documentsPerSecond: Math.round((DOCS / totalMs) * 1000) };
}

function startWorker(env) {
  const child = spawn(process.execPath, [join(ROOT, 'apps/cli/dist/main.js'), 'worker', '--roles', 'posting'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (d) => process.stderr.write(`[worker ${child.pid}] ${d}`));
  return child;
}

async function run(label, { scaled }) {
  const sandbox = await startXeroSandbox({ port: 0, host: '127.0.0.1', tenants: require(dist('erp-delivery/xero-client.provider.js')).ROUTED_TENANTS });
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-bench-'));
  const db = scaled ? `mapwright_bench_${randomBytes(4).toString('hex')}` : undefined;
  if (db) await admin(`CREATE DATABASE ${db}`);
  const env = {
    DATA_DIR: dataDir, LOG_LEVEL: 'error', SEED_DEMO_DATA: 'true', MAPPING_WORKERS: '0', DESIGNER_DIR: join(dataDir, 'none'), SPECS_DIR: join(ROOT, 'mapping-specs'),
    XERO_API_URL: sandbox.apiUrl, XERO_TOKEN_URL: sandbox.tokenUrl, XERO_CLIENT_ID: DEFAULT_SANDBOX_CLIENT.clientId,
    XERO_CLIENT_SECRET: DEFAULT_SANDBOX_CLIENT.clientSecret, XERO_CALLS_PER_MINUTE: '1000000', OUTBOX_SWEEP_AFTER_MS: '60000',
    ...(scaled ? { DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${db}`, NATS_URL: 'nats://127.0.0.1:4222', NATS_PREFIX: `mwbench${randomBytes(3).toString('hex')}`, WORKER_ROLES: '' } : { WORKER_ROLES: 'posting' }),
  };
  const runtime = await createRuntimeApp(loadAppConfig(env, ROOT));
  const workers = [];
  try {
    await runtime.app.listen(0, '127.0.0.1');
    // Longer than any queueing the fixed-load phase causes, so idle keep-alive sockets are not reset under the client.
    runtime.app.getHttpServer().keepAliveTimeout = 120_000;
    const url = `http://127.0.0.1:${runtime.app.getHttpServer().address().port}`;
    const token = (await (await fetch(`${url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user":"psa-bot"}' })).json()).accessToken;
    const post = client(url, token);
    const intake = ENTRIES > 0 ? await intakeThroughput(runtime, post) : {};
    const latency = RATE * SECONDS > 0 ? await approvalLatency(runtime, post) : {};
    if (scaled) for (let i = 0; i < 2; i++) workers.push(startWorker({ ...env, WORKER_ROLES: 'posting', MAPPING_WORKERS: '0' }));
    const erp = DOCS > 0 ? await erpThroughput(runtime, sandbox) : {};
    return { label, intake, latency, erp };
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r() : w.once('exit', r)))));
    if (scaled) {
      const { NatsTransport } = require(dist('messaging/nats.transport.js'));
      const nats = new NatsTransport({ url: env.NATS_URL, prefix: env.NATS_PREFIX, logger: require('pino')({ level: 'silent' }) });
      await nats.connect();
      await nats.deleteStreams();
      await nats.close();
    }
    await runtime.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (db) await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  }
}

/** (c) The ceiling: JetStream publish (256 in flight) and a pull consumer acking each message, concurrently, on a file stream. */
async function natsCeiling(count, size) {
  const nc = await natsConnect({ servers: 'nats://127.0.0.1:4222' });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const name = `MWBENCH_${randomBytes(3).toString('hex').toUpperCase()}`;
  const subject = `${name.toLowerCase()}.x`;
  await jsm.streams.add({ name, subjects: [`${name.toLowerCase()}.>`], storage: StorageType.File });
  await jsm.consumers.add(name, { durable_name: 'bench', ack_policy: AckPolicy.Explicit, max_ack_pending: 2000 });
  try {
    const payload = new Uint8Array(size).fill(120);
    const consumer = await js.consumers.get(name, 'bench');
    const started = performance.now();
    let consumed = 0;
    const consuming = (async () => {
      const messages = await consumer.consume({ max_messages: 256 });
      for await (const m of messages) {
        m.ack();
        if (++consumed === count) { messages.stop(); break; }
      }
    })();
    const inFlight = new Set();
    for (let i = 0; i < count; i++) {
      const p = js.publish(subject, payload, { msgID: `${name}-${i}` }).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 256) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const publishedMs = performance.now() - started;
    await consuming;
    const totalMs = performance.now() - started;
    return { messages: count, bytes: size, publishPerSecond: Math.round((count / publishedMs) * 1000), publishConsumePerSecond: Math.round((count / totalMs) * 1000) };
  } finally {
    await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
  }
}

const pgUp = await reachable(5432);
const natsUp = await reachable(4222);
const results = [];
if (!ONLY || ONLY === 'sqlite') results.push(await run('sqlite + in-process (embedded)', { scaled: false }));
if ((!ONLY || ONLY === 'scaled') && pgUp && natsUp) results.push(await run('postgres + NATS, 2 posting workers (scaled)', { scaled: true }));
else if (!ONLY || ONLY === 'scaled') console.log('SKIPPED: postgres + NATS JetStream (127.0.0.1:5432 or :4222 not reachable)');
const ceiling = (!ONLY || ONLY === 'nats') && natsUp ? await natsCeiling(20_000, 3000) : undefined;

console.log(`cores ${availableParallelism()}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('(a) intake -> approval -> rating -> journals');
console.table(results.map((r) => ({ run: r.label, ...r.intake })));
console.log(`(b) approval-to-journal latency at a fixed offered load (${RATE}/s for ${SECONDS} s)`);
console.table(results.map((r) => ({ run: r.label, ...r.latency })));
console.log('(d) finalised invoices -> confirmed ERP documents in the sandbox');
console.table(results.map((r) => ({ run: r.label, ...r.erp })));
if (ceiling) {
  console.log('(c) raw NATS JetStream publish-consume on this host (3 KB messages, file storage): the ceiling');
  console.table([ceiling]);
}
console.log(JSON.stringify({ cores: availableParallelism(), load: loadavg(), results, ceiling }));
