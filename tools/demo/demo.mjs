#!/usr/bin/env node
/* global fetch, AbortSignal */
/**
 * npm run demo — a month of Harvest time for the demo firm, through the whole flow: intake, approval,
 * rating and journals, a billing run, invoices finalised and posted to the Xero sandbox.
 *
 *   npm run demo                                  against http://localhost:3000, or starts the runtime
 *   npm run demo -- --days 3 --url http://127.0.0.1:4000 --json
 *
 * Exits 0 with a summary when every step did what it should; otherwise exits 1 and says what failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoPlan } from './demo-data.mjs';

const require = createRequire(import.meta.url);
const { Command, InvalidArgumentError } = require('commander');
const cliProgress = require('cli-progress');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const LEGAL_ENTITY = 'le-us';

class DemoError extends Error {}

const positive = (v) => {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 260) throw new InvalidArgumentError('a whole number of working days, 1 to 260');
  return Number(v);
};

const program = new Command('demo')
  .description('Stream a month of Harvest time entries for the demo firm through intake, rating, billing and posting to the Xero sandbox.')
  .option('--url <url>', 'runtime to use; started here when nothing answers and --url is not given', `http://localhost:${process.env.PORT ?? 3000}`)
  .option('--days <n>', 'working days of time to send, from --start', positive, 22)
  .option('--start <date>', 'first working day (YYYY-MM-DD)', '2026-03-02')
  .option('--timeout <seconds>', 'how long to wait for the ERP postings', (v) => Number(v), 120)
  .option('--json', 'print the summary as JSON on stdout (no progress bar)')
  .option('--stop', 'when this script started the runtime, stop it at the end instead of leaving it running')
  .parse();
const opts = program.opts();
const urlGiven = program.getOptionValueSource('url') === 'cli';

/** JSON over HTTP; a problem+json answer becomes a DemoError naming the step. */
function api(base, token) {
  return async (method, path, body, step, { accept = [200, 201] } = {}) => {
    let res;
    // A kept-alive connection the server has just closed fails with ECONNRESET; reads are safe to send again.
    for (let attempt = 1; !res; attempt++) {
      try {
        res = await fetch(`${base}/api/v1${path}`, {
          method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (err) {
        if (method === 'GET' && attempt < 3) continue;
        throw new DemoError(`${step}: the runtime at ${base} did not answer (${err.cause?.code ?? err.message}).`);
      }
    }
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    if (!accept.includes(res.status)) throw new DemoError(`${step}: HTTP ${res.status} ${json?.code ?? ''} ${json?.detail ?? text.slice(0, 300)}`.trim());
    return { status: res.status, body: json };
  };
}

async function healthy(base) {
  try {
    const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Starts `node apps/runtime/dist/main.js` (building first if needed) and waits for /health. */
async function startRuntime(base, log) {
  const main = join(ROOT, 'apps/runtime/dist/main.js');
  if (!existsSync(main)) {
    log('Building the runtime (npm run build) …');
    const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) throw new DemoError('npm run build failed; fix the build, then run the demo again.');
  }
  const port = new URL(base).port || '80';
  log(`No runtime answered at ${base}; starting one (embedded SQLite under DATA_DIR, default ./data; in-process Xero sandbox) …`);
  const child = spawn(process.execPath, [main], { cwd: ROOT, env: { ...process.env, PORT: port, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(String(d)));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new DemoError(`the runtime exited with code ${child.exitCode}: ${stderr.join('').slice(-800)}`);
    if (await healthy(base)) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new DemoError(`the runtime did not answer /health at ${base} within 120 s.`);
}

async function tokenFor(base, user) {
  const { body } = await api(base)('POST', '/auth/dev-token', { user }, `signing in as ${user}`, { accept: [200] }).catch((err) => {
    throw new DemoError(`${err.message}\nThe demo signs in with dev tokens (AUTH_MODE=dev, the default); it cannot run against AUTH_MODE=oidc.`);
  });
  return body.accessToken;
}

function tally(into, summary) {
  for (const k of ['accepted', 'corrected', 'duplicate', 'stale', 'rejected']) into[k] += summary[k] ?? 0;
}

async function run() {
  const quiet = Boolean(opts.json);
  const log = (text) => { if (!quiet) process.stderr.write(`${text}\n`); };
  const base = opts.url.replace(/\/+$/, '');
  let child;
  if (!(await healthy(base))) {
    if (urlGiven) throw new DemoError(`nothing answers at ${base}/health; start the runtime (npm start) or leave out --url to let the demo start one.`);
    child = await startRuntime(base, log);
  }
  try {
    const psa = api(base, await tokenFor(base, 'psa-bot'));
    const finance = api(base, await tokenFor(base, 'dave'));
    const { plan, periodEnd } = buildDemoPlan({ start: opts.start, days: opts.days });
    const intake = { accepted: 0, corrected: 0, duplicate: 0, stale: 0, rejected: 0 };
    const approvals = { applied: 0, rejected: 0 };
    const rejectedCodes = {};
    const badSent = [];

    log(`Sending ${plan.length} working days of Harvest time for ${LEGAL_ENTITY} (${plan[0].date} … ${periodEnd}) to ${base}`);
    const bar = quiet ? undefined : new cliProgress.SingleBar({
      format: ' {bar} {percentage}% | day {value}/{total} {date} | accepted {accepted} corrected {corrected} rejected {rejected} approved {approved}',
      hideCursor: true, stream: process.stderr,
    }, cliProgress.Presets.shades_classic);
    bar?.start(plan.length, 0, { date: '', accepted: 0, corrected: 0, rejected: 0, approved: 0 });
    const approve = async (events, step) => {
      if (events.length === 0) return;
      const { body } = await psa('POST', '/inbound/harvest/approvals', events, step);
      for (const r of body.results) {
        if (r.status === 'applied') approvals.applied += 1;
        else approvals.rejected += 1;
      }
    };
    for (const day of plan) {
      const { body } = await psa('POST', '/inbound/harvest/time-entries?currency=USD', day.entries, `time entries of ${day.date}`);
      tally(intake, body.summary);
      for (const r of body.results) if (r.status === 'rejected') for (const e of r.errors) rejectedCodes[e.code] = (rejectedCodes[e.code] ?? 0) + 1;
      badSent.push(day.bad);
      await approve(day.approvals, `approvals sent on ${day.date}`);
      if (day.corrections.length > 0) tally(intake, (await psa('POST', '/inbound/harvest/time-entries?currency=USD', day.corrections, `corrections of ${day.date}`)).body.summary);
      if (day.closing) await approve(day.closing, 'month-end approvals');
      bar?.increment(1, { date: day.date, ...intake, approved: approvals.applied });
    }
    bar?.stop();

    log(`Billing run for ${LEGAL_ENTITY} up to ${periodEnd} …`);
    const runRes = (await finance('POST', '/billing-runs', { legalEntityId: LEGAL_ENTITY, periodEnd }, 'billing run')).body;
    const candidates = runRes.candidateIds ?? runRes.invoiceCandidates.map((c) => c.id);
    const finalised = [];
    for (const id of candidates) {
      const enc = encodeURIComponent(id);
      const candidate = (await finance('GET', `/invoice-candidates/${enc}`, undefined, `reading candidate ${id}`)).body;
      if (candidate.status === 'pendingReview') await finance('POST', `/invoice-candidates/${enc}/approve`, { reason: 'demo: reviewed' }, `approving candidate ${id}`);
      else if (candidate.status !== 'approved') continue;
      const invoice = (await finance('POST', `/invoice-candidates/${enc}/finalise`, { issueDate: periodEnd }, `finalising candidate ${id}`)).body;
      finalised.push({ id: invoice.id, number: invoice.invoiceNumber, subtotal: invoice.subtotal });
    }

    log(`Waiting for ${finalised.length} invoice(s) to be confirmed by the Xero sandbox …`);
    const deadline = Date.now() + opts.timeout * 1000;
    let reconcile;
    for (;;) {
      const inFlight = (await finance('GET', '/operations/in-flight', undefined, 'reading the outbox')).body;
      const failed = (await finance('GET', '/exceptions?category=delivery&state=open&limit=1000', undefined, 'reading delivery exceptions')).body
        .filter((e) => e.legalEntityId === LEGAL_ENTITY);
      if (failed.length > 0) throw new DemoError(`ERP posting failed for ${failed.length} document(s): ${failed.slice(0, 3).map((e) => `${e.objectId} ${e.code}`).join('; ')}. See GET /api/v1/exceptions?category=delivery.`);
      const unfinished = (inFlight.outbox.PENDING ?? 0) + (inFlight.outbox.PUBLISHED ?? 0);
      reconcile = (await finance('GET', `/operations/reconcile?legalEntity=${LEGAL_ENTITY}&limit=1000`, undefined, 'reconciling with the ERP')).body;
      const ours = new Set(finalised.map((f) => f.id));
      const notMatched = reconcile.items.filter((i) => ours.has(i.docId)).length;
      if (unfinished === 0 && notMatched === 0 && reconcile.summary.matched >= finalised.length) break;
      if (Date.now() > deadline) throw new DemoError(`after ${opts.timeout} s, ${unfinished} events are unfinished and ${notMatched} of ${finalised.length} invoices are not confirmed by the ERP (GET /api/v1/operations/in-flight, /operations/reconcile).`);
      await new Promise((r) => setTimeout(r, 500));
    }

    const exceptions = (await finance('GET', '/exceptions?state=open&limit=1000', undefined, 'reading the exception queue')).body;
    const byCode = {};
    for (const e of exceptions) byCode[e.code] = (byCode[e.code] ?? 0) + 1;
    const months = [...new Set(plan.map((d) => d.date.slice(0, 7)))];
    let journals = 0;
    for (const period of months) journals += (await finance('GET', `/journals?legalEntity=${LEGAL_ENTITY}&period=${period}`, undefined, 'reading journals')).body.count;
    const kpis = (await finance('GET', '/kpis', undefined, 'reading KPIs')).body;
    const expectedBad = badSent.length;
    if (intake.rejected < expectedBad) throw new DemoError(`expected ${expectedBad} bad records to be refused, intake refused ${intake.rejected}.`);
    return {
      runtime: base, startedHere: Boolean(child), days: plan.length, from: plan[0].date, to: periodEnd,
      intake, approvals, badRecordsSent: expectedBad, rejectedCodes,
      journals, billingRun: { id: runRes.id, candidates: candidates.length }, invoicesFinalised: finalised,
      erp: { ...reconcile.summary }, openExceptions: { total: exceptions.length, byCode },
      kpis: { approvalLatencyHours: kpis.approvalLatencyHours ?? null, duplicateDeliveryRate: kpis.duplicateDeliveryRate ?? null },
      _child: child,
    };
  } catch (err) {
    child?.kill('SIGTERM');
    throw err;
  }
}

run().then((result) => {
  const child = result._child;
  delete result._child;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const out = (t) => process.stdout.write(`${t}\n`);
    out('');
    out(`Demo complete: ${result.days} working days (${result.from} … ${result.to}) for ${LEGAL_ENTITY}`);
    out(`  time entries   accepted ${result.intake.accepted}, corrected ${result.intake.corrected}, duplicate ${result.intake.duplicate}, rejected ${result.intake.rejected} (bad records sent: ${result.badRecordsSent})`);
    out(`  approvals      applied ${result.approvals.applied}, queued as exceptions ${result.approvals.rejected}`);
    out(`  journals       ${result.journals}`);
    out(`  invoices       ${result.invoicesFinalised.length} finalised: ${result.invoicesFinalised.map((i) => `${i.number} ${i.subtotal.amount} ${i.subtotal.currency}`).join(', ') || 'none'}`);
    out(`  ERP (sandbox)  ${result.erp.matched} confirmed and found, ${result.erp.missingInErp} missing, ${result.erp.notPosted} not posted`);
    out(`  exceptions     ${result.openExceptions.total} open: ${Object.entries(result.openExceptions.byCode).map(([c, n]) => `${c} ${n}`).join(', ')}`);
    out(`Dashboard: ${result.runtime}/   Exception queue: ${result.runtime}/api/v1/exceptions`);
  }
  if (child && !opts.stop) {
    process.stderr.write(`The runtime started by the demo keeps running at ${result.runtime} (Ctrl-C stops it).\n`);
    const stop = () => child.kill('SIGTERM');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.once('exit', () => process.exit(0));
  } else {
    child?.kill('SIGTERM');
    process.exitCode = 0;
  }
}, (err) => {
  process.stderr.write(`\ndemo failed: ${err instanceof DemoError ? err.message : err.stack ?? err}\n`);
  process.exit(1);
});
