/**
 * Mapping throughput over the same Harvest time entries, four ways:
 * hand-written JavaScript, raw jsonata (same function library, no engine),
 * the engine in-process, and the engine's worker pool in batches of 1,000.
 * Every path must produce byte-identical output (sha256 compared) or the run fails.
 *
 *   npm run bench:mapping                  (builds first; imports the engine from dist)
 *   BENCH_RECORDS=20000 BENCH_PASSES=5 BENCH_POOL_SIZE=2 BENCH_POOL_YOUNG_MB=96 node test/load/bench-mapping.mjs
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import Decimal from 'decimal.js';
import { generateTimeEntries, referenceData } from './fixtures/harvest-time-entries.mjs';
import { benchCorpus } from './bench-mapping-corpus.mjs';

const require = createRequire(import.meta.url);
const jsonata = require('jsonata');
const { MappingEngine, MappingWorkerPool, FUNCTION_LIBRARY, RUN_CONTEXT_BINDING, compiledEvaluator, resolveGuardrails } = require('@mapwright/mapping-engine');

const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
const PASSES = Number(process.env.BENCH_PASSES ?? 7);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? availableParallelism());
const BATCH = 1_000;
const NOW = '2025-01-15T09:00:00.000Z';
const CURRENCY = 'USD';

const fixture = (name) => new URL(`./fixtures/${name}`, import.meta.url);
const spec = {
  id: 'bench.harvest-time-entry',
  version: '1.0.0',
  expression: readFileSync(fixture('harvest-time-entry.jsonata'), 'utf8'),
  inputSchema: JSON.parse(readFileSync(fixture('harvest-time-entry.input.schema.json'), 'utf8')),
  outputSchema: JSON.parse(readFileSync(fixture('canonical-time-entry.schema.json'), 'utf8')),
};
const reference = referenceData();
const records = generateTimeEntries(RECORDS);
const runOptions = { now: NOW, bindings: { currency: CURRENCY } };

// ---- hand-written mapping: what a developer would write without the engine ----
const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });
const indexes = new Map();
function xref(tableId, key, day) {
  const table = reference.tables[tableId];
  let index = indexes.get(tableId);
  if (!index) {
    index = new Map();
    for (const row of table.rows) index.set(row.key, [...(index.get(row.key) ?? []), row]);
    indexes.set(tableId, index);
  }
  let best;
  for (const row of index.get(key) ?? []) {
    if ((row.validFrom === undefined || row.validFrom <= day) && (row.validTo === undefined || day < row.validTo)) {
      if (!best || (row.validFrom ?? '') > (best.validFrom ?? '')) best = row;
    }
  }
  if (best) return best.value;
  if (table.default !== undefined) return table.default;
  throw new Error(`xref miss ${tableId}/${key}`);
}
const money = (d) => {
  const r = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return (r.isZero() ? r.abs() : r).toFixed(2);
};
function isoDuration(hours) {
  let rest = new D(String(hours)).times(3600);
  if (rest.isZero()) return 'PT0S';
  const h = rest.dividedToIntegerBy(3600);
  rest = rest.minus(h.times(3600));
  const m = rest.dividedToIntegerBy(60);
  rest = rest.minus(m.times(60));
  return `PT${h.isZero() ? '' : `${h}H`}${m.isZero() ? '' : `${m}M`}${rest.isZero() ? '' : `${rest}S`}`;
}
function handWritten(e) {
  const hours = e.rounded_hours !== undefined ? e.rounded_hours : e.hours;
  const h = new D(String(hours));
  return {
    externalId: `harvest:${e.id}`,
    employeeRef: xref('harvest-user', String(e.user.id), e.spent_date),
    projectRef: xref('harvest-project', String(e.project.id), e.spent_date),
    taskCode: xref('harvest-task', String(e.task.id), e.spent_date),
    workDate: e.spent_date,
    quantity: money(h),
    unit: 'HUR',
    duration: isoDuration(hours),
    billable: e.billable && !(e.is_locked && e.is_billed),
    billAmount: e.billable ? money(h.times(new D(String(e.billable_rate)))) : money(new D(0)),
    costAmount: money(h.times(new D(String(e.cost_rate)))),
    description: e.notes ? e.notes.trim() : '',
  };
}

// ---- the paths ----
const outputsOf = (results) =>
  results.map((r) => {
    if (!r.ok) throw new Error(`mapping failed: ${r.error.code} ${r.error.message}`);
    return r.output;
  });

const rawExpression = jsonata(spec.expression);
for (const fn of FUNCTION_LIBRARY) rawExpression.registerFunction(fn.name, fn.implementation, fn.signature);
const rawBindings = { currency: CURRENCY, [RUN_CONTEXT_BINDING]: { nowMillis: Date.parse(NOW), asOf: NOW.slice(0, 10), reference } };

const compiled = compiledEvaluator(spec.expression, resolveGuardrails(spec.guardrails));
if (typeof compiled === 'string') throw new Error(`the compiler declined the benchmark mapping: ${compiled}`);

const engine = new MappingEngine({ reference });
const pool = new MappingWorkerPool({ size: POOL_SIZE, reference, ...(process.env.BENCH_POOL_YOUNG_MB ? { youngGenerationMb: Number(process.env.BENCH_POOL_YOUNG_MB) } : {}) });
const interpretedSpec = { ...spec, engine: 'interpreter' };

const batches = [];
for (let i = 0; i < records.length; i += BATCH) batches.push(records.slice(i, i + BATCH));

const paths = [
  { name: 'hand-written JS', run: async () => records.map(handWritten) },
  {
    name: 'raw jsonata',
    run: async () => {
      const out = new Array(records.length);
      for (let i = 0; i < records.length; i++) out[i] = await rawExpression.evaluate(records[i], rawBindings);
      return out;
    },
  },
  // the generated code alone, with guardrails, as the engine calls it (no hygiene, schemas or result objects)
  { name: 'compiled expression', run: async () => records.map((r) => compiled.evaluate(r, rawBindings)) },
  { name: 'engine interpreter (in-process)', run: async () => outputsOf(await engine.runBatch(interpretedSpec, records, runOptions)) },
  { name: 'engine compiled (in-process)', run: async () => outputsOf(await engine.runBatch(spec, records, runOptions)) },
  {
    name: `engine worker pool (${POOL_SIZE} workers, batches of ${BATCH})`,
    run: async () => outputsOf((await Promise.all(batches.map((b) => pool.runBatch(spec, b, runOptions)))).flat()),
  },
  {
    // the pool earns its keep where evaluation is expensive: the interpreter path it was built for
    name: `engine worker pool, interpreter (${POOL_SIZE} workers)`,
    run: async () => outputsOf((await Promise.all(batches.map((b) => pool.runBatch(interpretedSpec, b, runOptions)))).flat()),
  },
];

const probe = await engine.run(spec, records[0], runOptions);
if (probe.engine !== 'compiled') throw new Error(`the engine ran the benchmark mapping on '${probe.engine}', not compiled`);

/**
 * How much parallel speed-up this machine offers right now: the same CPU-bound loop on one
 * thread, then on POOL_SIZE threads at once. On a shared or SMT-backed VM this is well
 * under POOL_SIZE, and it caps what the worker pool can show.
 */
async function parallelCapacity(threads) {
  const spin = '(() => { let x = 0; for (let i = 0; i < 3e8; i++) x = (x + i * 7) % 1000003; return x; })()';
  const once = () =>
    new Promise((resolve, reject) => {
      const w = new Worker(`const { parentPort } = require('node:worker_threads'); parentPort.postMessage(${spin});`, { eval: true });
      w.once('message', () => w.terminate().then(resolve));
      w.once('error', reject);
    });
  let started = performance.now();
  await once();
  const single = performance.now() - started;
  started = performance.now();
  await Promise.all(Array.from({ length: threads }, once));
  const parallel = performance.now() - started;
  return (single * threads) / parallel;
}

const hashOf = (outputs) => createHash('sha256').update(JSON.stringify(outputs)).digest('hex');

// Warm every path first (JIT, caches, worker start-up), then time them round-robin so a
// burst of load from elsewhere on a shared machine does not land on one path only.
const rows = paths.map((path) => ({ name: path.name, ms: Infinity, cpuMs: Infinity, perSecond: 0, hash: '' }));
for (let i = 0; i < paths.length; i++) rows[i].hash = hashOf(await paths[i].run());
for (let pass = 0; pass < PASSES; pass++) {
  for (let i = 0; i < paths.length; i++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const outputs = await paths[i].run();
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    if (hashOf(outputs) !== rows[i].hash) rows[i].hash = 'unstable between passes';
    rows[i].ms = Math.min(rows[i].ms, ms);
    // CPU time of all threads in this process; steadier than wall time when others share the machine.
    rows[i].cpuMs = Math.min(rows[i].cpuMs, (cpu.user + cpu.system) / 1000);
  }
}
const capacity = await parallelCapacity(POOL_SIZE);
console.log(`${records.length} Harvest time entries, best of ${PASSES} round-robin passes, node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const row of rows) {
  row.perSecond = (records.length / row.ms) * 1000;
  console.log(`${row.name.padEnd(52)} ${row.perSecond.toFixed(0).padStart(9)} records/s  ${row.ms.toFixed(1).padStart(8)} ms wall  ${row.cpuMs.toFixed(0).padStart(6)} ms cpu  ${row.hash.slice(0, 16)}`);
}
await pool.close();

const hashes = new Set(rows.map((r) => r.hash));
if (hashes.size !== 1) {
  console.error('OUTPUT MISMATCH between paths:');
  for (const r of rows) console.error(`  ${r.hash}  ${r.name}`);
  process.exit(1);
}
console.log(`all ${rows.length} paths produced identical output (sha256 ${rows[0].hash})`);

const by = (prefix) => rows.find((r) => r.name.startsWith(prefix));
const ratio = (a, b) => a.perSecond / b.perSecond;
const line = (label, value, target) =>
  console.log(`${label.padEnd(40)} ${value.toFixed(2).padStart(8)}x${target === undefined ? '' : `  (target >= ${target}) ${value >= target ? 'met' : 'MISSED'}`}`);
const interpreterVsRaw = ratio(by('engine interpreter'), by('raw jsonata'));
const compiledVsRaw = ratio(by('engine compiled'), by('raw jsonata'));
const compiledVsHand = ratio(by('engine compiled'), by('hand-written JS'));
const poolVsInProcess = ratio(by('engine worker pool'), by('engine compiled'));
line('engine interpreter / raw jsonata', interpreterVsRaw, 0.8);
line('engine compiled / raw jsonata', compiledVsRaw, 50);
line('engine compiled / hand-written JS', compiledVsHand, 0.1);
line('compiled expression / raw jsonata', ratio(by('compiled expression'), by('raw jsonata')));
line('compiled expression / hand-written JS', ratio(by('compiled expression'), by('hand-written JS')));
line('worker pool / engine compiled', poolVsInProcess);
line('worker pool / in-process, interpreter', ratio(by('engine worker pool, interpreter'), by('engine interpreter')), 1.5);
console.log(`machine parallel capacity now            ${capacity.toFixed(2)}x  (${POOL_SIZE} threads vs 1 on a plain CPU loop; the pool cannot exceed this)`);
line('raw jsonata / hand-written JS', ratio(by('raw jsonata'), by('hand-written JS')));
console.log(`engine compiled / raw jsonata, by CPU time per record: ${(by('raw jsonata').cpuMs / by('engine compiled').cpuMs).toFixed(2)}x`);

const corpusOk = process.env.BENCH_CORPUS === 'false' ? true : await benchCorpus({ passes: PASSES, records: Number(process.env.BENCH_CORPUS_RECORDS ?? 2_000) });
if (!corpusOk) process.exit(1);
if (process.env.BENCH_ENFORCE === 'true' && (interpreterVsRaw < 0.8 || compiledVsRaw < 50 || compiledVsHand < 0.1)) process.exit(2);
