/**
 * Month-end billing at scale: a month of approved, rated time for one legal entity, billed by one
 * billing run, every candidate finalised with its invoice journal. Reported per store: entries/s,
 * wall time and peak resident memory of the timed part.
 *
 *   npm run bench:billing                                     (builds first; 1,000,000 entries, SQLite and PostgreSQL)
 *   node test/load/bench-billing.mjs --entries 50000 --db sqlite
 *   node test/load/bench-billing.mjs --entries 200000 --contracts 1000 --db postgres
 *
 * Each store runs in its own process, so its peak RSS (process.resourceUsage().maxRSS) is its own.
 *
 * Seeded, not timed: the demo firm; customers, contracts of all five types (time and materials,
 * capped, retainer, fixed fee, milestone), one project each, and employees, all through the
 * master-data service; then, per employee class (role and cost centre), one template employee's
 * whole month goes through the real CSV intake (mapping, validation, rating, accrual journal); every
 * other employee's month is that template with the ids of entry, employee, project, contract and
 * customer replaced, bulk-inserted into time_entries and rating_snapshots. Rates resolve by role
 * on the legal entity's card, so the replaced snapshots are what rating gives those entries.
 * Intake receipts, revisions, transitions and accrual journals of the copied entries are not
 * written: billing reads none of them.
 *
 * Timed: BillingRunService.run for the legal entity and the month, then for every candidate an
 * approval when it waits for review and InvoiceCandidatesService.finalise (number, tax, invoice
 * journal, billed-once links, entries moved to invoiced, outbox). Checked afterwards, not timed:
 * one invoice and one balanced journal per candidate, consecutive numbers, no billable entry of
 * the month left approved.
 *
 * PostgreSQL at 127.0.0.1:5432 (user postgres, trust): a database mapwright_bench_billing_<hex> is
 * created and dropped.
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect as tcp } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SELF = fileURLToPath(import.meta.url);
const LE = 'le-uk';
const PERIOD = { from: '2026-03-01', to: '2026-03-31' };
/** One working day of an employee: eight entries, eight hours, so no overtime and no neighbour re-rating. */
const DAY = ['0.5', '1', '1', '1.5', '1', '1', '1', '1'];
const CLASSES = [{ template: 'emp-0001', role: 'SENIOR-CONSULTANT', costCenterId: 'cc-uk-consulting' }, { template: 'emp-0004', role: 'CONSULTANT', costCenterId: 'cc-uk-delivery' }];

function args(argv) {
  const out = { entries: 1_000_000, contracts: undefined, db: 'both', child: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--entries') out.entries = Number(value().replace(/_/g, ''));
    else if (a === '--contracts') out.contracts = Number(value().replace(/_/g, ''));
    else if (a === '--db') out.db = value();
    else if (a === '--child') out.child = true;
    else throw new Error(`unknown argument ${a}; use --entries N, --contracts N, --db sqlite|postgres|both`);
  }
  if (!Number.isInteger(out.entries) || out.entries < 400) throw new Error('--entries must be an integer of at least 400');
  if (!['sqlite', 'postgres', 'both'].includes(out.db)) throw new Error('--db is sqlite, postgres or both');
  out.contracts ??= Math.max(5, Math.round(out.entries / 200));
  return out;
}

const reachable = (port) => new Promise((done) => {
  const s = tcp(port, '127.0.0.1');
  s.on('connect', () => { s.destroy(); done(true); });
  s.on('error', () => done(false));
  setTimeout(() => { s.destroy(); done(false); }, 1500);
});

const pad = (n, width) => String(n).padStart(width, '0');
const mib = (bytes) => Math.round(bytes / 1048576);
const log = (...parts) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);

function workingDays() {
  const days = [];
  for (let d = new Date(`${PERIOD.from}T00:00:00Z`); d.toISOString().slice(0, 10) <= PERIOD.to; d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

/** Contract terms by position: 40 % time and materials, 20 % capped, 15 % retainer, 15 % fixed fee, 10 % milestone. */
function terms(i) {
  const gbp = (amount) => ({ amount, currency: 'GBP' });
  const slot = i % 20;
  if (slot < 8) return { type: 'timeAndMaterials' };
  if (slot < 12) return { type: 'capped', cap: { capAmount: gbp('20000.00'), tolerancePercent: '0', overCapPolicy: 'writeOff', warnAtPercent: '80' } };
  if (slot < 15) return { type: 'retainer', retainer: { variant: 'recurring', period: 'month', fee: gbp('15000.00'), includedHours: { value: '150', unit: 'HUR' }, overageRate: gbp('125.00'), rolloverCapHours: { value: '20', unit: 'HUR' } } };
  if (slot < 18) return { type: 'fixedFee', fixedFee: { totalAmount: gbp('60000.00'), schedule: [{ id: 'ff-1', dueDate: '2026-03-31', amount: gbp('20000.00') }, { id: 'ff-2', dueDate: '2026-04-30', amount: gbp('20000.00') }, { id: 'ff-3', dueDate: '2026-05-31', amount: gbp('20000.00') }] } };
  return { type: 'milestone', milestones: { totalAmount: gbp('48000.00'), items: [{ id: 'ms-1', name: 'Design', percentage: '30', status: 'achieved', achievedOn: '2026-03-13' }, { id: 'ms-2', name: 'Go-live', percentage: '70', status: 'pending' }] } };
}

const ids = {
  customer: (i) => `cus-bench-${pad(i, 5)}`,
  contract: (i) => `ctr-bench-${pad(i, 6)}`,
  project: (i) => `prj-bench-${pad(i, 6)}`,
  // The legacy CSV wants digits: employee numbers of eight, row ids of twelve (employee prefix and a four-digit sequence).
  employeeNo: (k) => `9${pad(k, 7)}`,
  row: (k) => `8${pad(k, 7)}`,
};

async function seedMasterData(dist, app, plan) {
  const { MasterDataService } = require(dist('master-data/master-data.service.js'));
  const { TransactionService } = require(dist('database/transaction.service.js'));
  const md = app.get(MasterDataService);
  const tx = app.get(TransactionService);
  const customer = (await md.find('customer', 'cus-acme')).object;
  const contract = (await md.find('contract', 'ctr-umbrella-tm')).object;
  const project = (await md.find('project', 'prj-acme-support')).object;
  const employees = await Promise.all(CLASSES.map(async (c) => (await md.find('employee', c.template)).object));
  const writes = [];
  for (let i = 0; i < plan.customers; i++) {
    writes.push(['customer', { sourceSystem: 'crm', object: { ...customer, id: ids.customer(i), code: `BENCH-${pad(i, 5)}`, name: `Bench customer ${i}`, externalRefs: [{ system: 'hubspot', id: `company-${ids.customer(i)}` }] } }]);
  }
  for (let i = 0; i < plan.contracts; i++) {
    const c = ids.contract(i);
    const { type, ...rest } = terms(i);
    writes.push(['contract', { sourceSystem: 'crm', object: { ...contract, id: c, number: c.toUpperCase(), externalRefs: [{ system: 'hubspot', id: `deal-${c}` }], customerId: ids.customer(i % plan.customers), projectIds: [ids.project(i)], type, invoiceApproval: 'auto', ...rest } }]);
    writes.push(['project', { sourceSystem: 'psa', object: { ...project, id: ids.project(i), code: ids.project(i).slice(4).toUpperCase(), name: `Bench project ${i}`, customerId: ids.customer(i % plan.customers), contractId: c, costCenterId: 'cc-uk-consulting', externalRefs: [{ system: 'csv:legacy-timesheets', id: ids.project(i).slice(4).toUpperCase() }] } }]);
  }
  for (let k = 0; k < plan.employees; k++) {
    const cls = CLASSES[k % CLASSES.length];
    const no = ids.employeeNo(k);
    writes.push(['employee', { sourceSystem: 'hris', object: { ...employees[k % CLASSES.length], id: `emp-${no}`, employeeNumber: no, givenName: 'Bench', familyName: no, roleCode: cls.role, costCenterId: cls.costCenterId, externalRefs: [{ system: 'hris', id: `W${no}` }, { system: 'csv:legacy-timesheets', id: no }] } }]);
  }
  for (let i = 0; i < writes.length; i += 250) {
    await tx.write(async (m) => {
      for (const [type, body] of writes.slice(i, i + 250)) await md.upsertIn(m, 'bench', type, body);
    });
  }
  return writes.length;
}

/** One template employee per class through the real CSV intake: mapping, validation, rating, accrual. */
async function rateTemplates(dist, app, plan) {
  const request = require('supertest');
  const { issueDevToken } = require(dist('auth/dev-token.js'));
  const token = await issueDevToken(plan.dataDir, 'psa-bot');
  const http = () => request(app.getHttpServer());
  const days = workingDays();
  for (let c = 0; c < CLASSES.length; c++) {
    const no = ids.employeeNo(c);
    const code = ids.project(plan.contractOf(c)).slice(4).toUpperCase();
    const rows = days.flatMap((date, d) => DAY.map((hours, s) => {
      const [y, m, dd] = date.split('-');
      return { RowId: `${ids.row(c)}${pad(d * DAY.length + s, 4)}`, EmployeeNo: no, ProjectCode: code, TaskCode: '', WorkDate: `${dd}/${m}/${y}`, Quantity: hours, Unit: 'H', Billable: 'Y', Narrative: 'client work', UomProfile: '' };
    }));
    const res = await http().post('/api/v1/inbound/csv/time-entries').set('Authorization', `Bearer ${token}`).send(rows);
    if (res.status !== 200 || res.body.summary?.accepted !== rows.length) throw new Error(`template intake for ${no} failed: ${res.status} ${JSON.stringify(res.body).slice(0, 600)}`);
  }
}

/** Ids that a template month holds and each copy replaces: row prefix, employee, project, contract, customer. */
function idsOf(k, plan) {
  const contract = plan.contractOf(k);
  return [ids.row(k), `emp-${ids.employeeNo(k)}`, ids.project(contract), ids.contract(contract), ids.customer(contract % plan.customers)];
}

const REPLACED = {
  time_entries: ['id', 'external_id', 'employee_id', 'project_id', 'content'],
  rating_snapshots: ['entry_id', 'snapshot', 'context_refs'],
};

/**
 * Every other employee's month: its class's template rows with the ids replaced, copied by the
 * database itself (INSERT … SELECT with replace()), so nothing of the month passes through Node.
 * `bench_copies` lists each copy's ids and how many of the template's entries it takes.
 */
async function copyMonths(dataSource, dialect, plan) {
  const perEmployee = workingDays().length * DAY.length;
  const columns = async (table) => Object.keys((await dataSource.query(`SELECT * FROM ${table} LIMIT 1`))[0]);
  const entryColumns = await columns('time_entries');
  const snapshotColumns = await columns('rating_snapshots');
  await dataSource.query('CREATE TABLE bench_copies (k integer PRIMARY KEY, cls integer NOT NULL, n integer NOT NULL, r text NOT NULL, emp text NOT NULL, prj text NOT NULL, ctr text NOT NULL, cus text NOT NULL)');
  const copies = [];
  let written = CLASSES.length * perEmployee;
  for (let k = CLASSES.length; k < plan.employees; k++) {
    const n = Math.min(perEmployee, plan.entries - written);
    written += n;
    copies.push([k, k % CLASSES.length, n, ...idsOf(k, plan)]);
  }
  const mark = (i) => (dialect === 'postgres' ? `$${i + 1}` : '?');
  for (let i = 0; i < copies.length; i += 500) {
    const part = copies.slice(i, i + 500);
    await dataSource.query(`INSERT INTO bench_copies (k, cls, n, r, emp, prj, ctr, cus) VALUES ${part.map((_, j) => `(${Array.from({ length: 8 }, (__, c) => mark(j * 8 + c)).join(', ')})`).join(', ')}`, part.flat());
  }
  const seq = 'CAST(substr(t.id, length(t.id) - 3) AS integer)';
  const entrySeq = 'CAST(substr(t.entry_id, length(t.entry_id) - 3) AS integer)';
  for (let c = 0; c < CLASSES.length; c++) {
    const template = idsOf(c, plan).map((v) => `'${v}'`);
    const swap = (col) => `replace(replace(replace(replace(replace(t.${col}, ${template[0]}, b.r), ${template[1]}, b.emp), ${template[2]}, b.prj), ${template[3]}, b.ctr), ${template[4]}, b.cus)`;
    const select = (table, cols) => cols.map((col) => (REPLACED[table].includes(col) ? swap(col) : `t.${col}`)).join(', ');
    for (let from = 0; from < plan.employees; from += 1000) {
      const range = `b.cls = ${c} AND b.k >= ${from} AND b.k < ${from + 1000}`;
      await dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO time_entries (${entryColumns.join(', ')}) SELECT ${select('time_entries', entryColumns)}
          FROM time_entries t JOIN bench_copies b ON ${range} AND ${seq} < b.n WHERE t.employee_id = ${template[1]}`);
        await m.query(`INSERT INTO rating_snapshots (${snapshotColumns.join(', ')}) SELECT ${select('rating_snapshots', snapshotColumns)}
          FROM rating_snapshots t JOIN time_entries e ON e.id = t.entry_id AND e.rating_seq = t.rating_seq JOIN bench_copies b ON ${range} AND ${entrySeq} < b.n WHERE e.employee_id = ${template[1]}`);
      });
    }
    log(`  copied class ${c + 1} of ${CLASSES.length}`);
  }
  await dataSource.query('DROP TABLE bench_copies');
  const [{ n }] = await dataSource.query(`SELECT COUNT(*) AS n FROM time_entries WHERE legal_entity_id = '${LE}' AND employee_id LIKE 'emp-9%'`);
  const [{ s }] = await dataSource.query(`SELECT COUNT(*) AS s FROM rating_snapshots r JOIN time_entries e ON e.id = r.entry_id AND e.rating_seq = r.rating_seq WHERE e.employee_id LIKE 'emp-9%'`);
  if (Number(n) !== plan.entries || Number(s) !== plan.entries) throw new Error(`copied ${n} entries and ${s} snapshots, expected ${plan.entries}`);
  await dataSource.query('ANALYZE');
  return Number(n);
}

async function verify(dataSource, run, finalised) {
  const count = async (sql) => Number((await dataSource.query(sql))[0].n);
  const invoices = await count(`SELECT COUNT(*) AS n FROM invoices WHERE legal_entity_id = '${LE}'`);
  const journals = await count(`SELECT COUNT(*) AS n FROM journals WHERE kind = 'invoice' AND legal_entity_id = '${LE}'`);
  const left = await count(`SELECT COUNT(*) AS n FROM time_entries WHERE legal_entity_id = '${LE}' AND status = 'approved' AND billable = 1 AND work_date <= '${PERIOD.to}'`);
  const micros = (s) => {
    const neg = s.startsWith('-');
    const [i, f = ''] = s.replace('-', '').split('.');
    const v = BigInt(i + f.padEnd(6, '0').slice(0, 6));
    return neg ? -v : v;
  };
  let unbalanced = 0;
  for (let offset = 0; ; offset += 500) {
    const rows = await dataSource.query(`SELECT content FROM journals WHERE kind = 'invoice' AND legal_entity_id = '${LE}' ORDER BY id LIMIT 500 OFFSET ${offset}`);
    if (rows.length === 0) break;
    for (const r of rows) {
      const j = JSON.parse(r.content);
      let doc = 0n;
      let fn = 0n;
      for (const l of j.lines) {
        doc += micros(l.debit) - micros(l.credit);
        fn += micros(l.functionalDebit) - micros(l.functionalCredit);
      }
      if (doc !== 0n || fn !== 0n) unbalanced++;
    }
  }
  const numbers = (await dataSource.query(`SELECT number FROM invoices WHERE legal_entity_id = '${LE}' ORDER BY number`)).map((r) => Number(r.number.slice(-6)));
  const gapless = numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1);
  const problems = [];
  if (invoices !== finalised || journals !== finalised) problems.push(`${finalised} finalised, ${invoices} invoices, ${journals} invoice journals`);
  if (unbalanced > 0) problems.push(`${unbalanced} unbalanced journals`);
  if (!gapless) problems.push('invoice numbers are not consecutive');
  if (left > 0) problems.push(`${left} billable entries of the month still approved`);
  if (finalised !== run.candidates) problems.push(`${run.candidates} candidates, ${finalised} finalised`);
  return { invoices, journals, unbalanced, gapless, left, problems };
}

async function child(opts) {
  require('reflect-metadata');
  const dist = (p) => join(ROOT, 'apps/runtime/dist', p);
  const { createRuntimeApp } = require(dist('bootstrap.js'));
  const { loadAppConfig } = require(dist('config/app-config.js'));
  const { BillingRunService } = require(dist('billing/billing-run.service.js'));
  const { InvoiceCandidatesService } = require(dist('billing/invoice-candidates.service.js'));
  const { Client } = require('pg');
  const dialect = opts.db;
  const perEmployee = workingDays().length * DAY.length;
  const plan = {
    entries: opts.entries, contracts: opts.contracts, customers: Math.max(1, Math.round(opts.contracts / 5)),
    employees: Math.ceil(opts.entries / perEmployee), dataDir: mkdtempSync(join(tmpdir(), 'mw-bench-billing-')),
  };
  // Employees spread evenly over contracts, so each contract carries entries / contracts on average.
  plan.contractOf = (k) => k % plan.contracts;
  const admin = async (sql) => {
    const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await c.connect();
    try { await c.query(sql); } finally { await c.end(); }
  };
  const db = `mapwright_bench_billing_${randomBytes(4).toString('hex')}`;
  const env = { DATA_DIR: plan.dataDir, LOG_LEVEL: 'error', MAPPING_WORKERS: '0', WORKER_ROLES: '', DESIGNER_DIR: join(plan.dataDir, 'none') };
  if (dialect === 'postgres') {
    await admin(`CREATE DATABASE ${db}`);
    env.DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${db}`;
  }
  let runtime;
  try {
    runtime = await createRuntimeApp(loadAppConfig(env, ROOT));
    const { app, dataSource } = runtime;
    const seedStarted = performance.now();
    log(`${dialect}: seeding master data: ${plan.customers} customers, ${plan.contracts} contracts and projects, ${plan.employees} employees`);
    const objects = await seedMasterData(dist, app, plan);
    log(`${dialect}: rating ${CLASSES.length} template months through the CSV intake`);
    await rateTemplates(dist, app, plan);
    log(`${dialect}: copying months up to ${plan.entries.toLocaleString('en')} entries`);
    const entries = await copyMonths(dataSource, dialect, plan);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    log(`${dialect}: seeded ${entries.toLocaleString('en')} approved, rated entries and ${objects} master-data objects in ${seedSeconds.toFixed(0)} s`);
    globalThis.gc?.();

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 100);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const run = await app.get(BillingRunService).run('dave', { legalEntityId: LE, periodStart: PERIOD.from, periodEnd: PERIOD.to });
    const runSeconds = (performance.now() - started) / 1000;
    log(`${dialect}: billing run ${run.id}: ${run.transactions.toLocaleString('en')} transactions, ${run.candidates} candidates, ${run.exceptions.length} findings in ${runSeconds.toFixed(1)} s`);
    const candidates = app.get(InvoiceCandidatesService);
    // Bench contracts approve automatically; the demo firm's own contracts wait for review.
    const waiting = (await dataSource.query(`SELECT id FROM invoice_candidates WHERE run_id = '${run.id}' AND status = 'pendingReview'`)).map((r) => r.id);
    for (const id of waiting) await candidates.edit('dave', id, 'approve', { reason: 'month-end review' });
    const reviewed = waiting.length;
    let finalised = 0;
    for (const id of run.candidateIds) {
      await candidates.finalise('dave', id, { issueDate: '2026-04-01' });
      finalised++;
      if (finalised % 1000 === 0) log(`  finalised ${finalised}`);
    }
    const totalSeconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    log(`${dialect}: finalised ${finalised} invoices (${reviewed} approved first) in ${(totalSeconds - runSeconds).toFixed(1)} s`);
    const check = await verify(dataSource, run, finalised);
    const result = {
      db: dialect, entries, contracts: plan.contracts, transactions: run.transactions, candidates: run.candidates, invoices: check.invoices,
      runSeconds: Number(runSeconds.toFixed(1)), finaliseSeconds: Number((totalSeconds - runSeconds).toFixed(1)), wallSeconds: Number(totalSeconds.toFixed(1)),
      entriesPerSecond: Math.round(entries / totalSeconds), cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(1)), peakRssMiB: mib(peak), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      seedSeconds: Number(seedSeconds.toFixed(0)), checks: check.problems.length === 0 ? 'ok' : check.problems.join('; '),
    };
    console.log(`RESULT ${JSON.stringify(result)}`);
    if (check.problems.length > 0) process.exitCode = 1;
  } finally {
    await runtime?.close();
    if (dialect === 'postgres') await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    rmSync(plan.dataDir, { recursive: true, force: true });
  }
}

async function parent(opts) {
  const dbs = opts.db === 'both' ? ['sqlite', 'postgres'] : [opts.db];
  const results = [];
  console.log(`bench:billing: ${opts.entries.toLocaleString('en')} entries over ${opts.contracts.toLocaleString('en')} contracts of legal entity ${LE}, March 2026`);
  for (const db of dbs) {
    if (db === 'postgres' && !(await reachable(5432))) {
      console.log('SKIPPED: postgres (127.0.0.1:5432 not reachable)');
      continue;
    }
    const proc = spawn(process.execPath, ['--expose-gc', SELF, '--child', '--db', db, '--entries', String(opts.entries), '--contracts', String(opts.contracts)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    proc.stdout.on('data', (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('RESULT ')) results.push(JSON.parse(line.slice(7)));
        else console.log(line);
      }
    });
    const code = await new Promise((done) => proc.on('exit', done));
    if (code !== 0) {
      console.log(`${db}: the bench process exited with ${code}`);
      process.exitCode = 1;
    }
  }
  console.log(`cores ${availableParallelism()}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')} (figures are indicative while other work shares the machine)`);
  console.log('seeded, not timed: master data, two template months through intake, copied months; timed: billing run, approvals, finalisation with invoice journals');
  console.table(results);
  const over = results.filter((r) => r.wallSeconds > 300 || r.maxRssMiB > 2048);
  if (opts.entries >= 1_000_000 && over.length > 0) console.log(`over target (5 min, 2 GiB): ${over.map((r) => r.db).join(', ')}`);
}

const opts = args(process.argv.slice(2));
if (opts.child) await child(opts);
else await parent(opts);
