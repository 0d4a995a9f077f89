/**
 * Times the designer's preview worker, as built in apps/designer/dist, in headless Chromium: the latest
 * shipped harvest-time-entry version over its own test samples repeated to BENCH_RECORDS records (default
 * 1,000), with the published reference data and the resolved target schema, on the compiled path and on
 * jsonata's interpreter. Every run sends a slightly different expression (a trailing comment), as typing
 * does, so each timing includes parsing and compiling the text (a third row re-sends one text, which the
 * worker keeps compiled). Prints p50/p95 of the worker's own time
 * (evaluation + schema validation) and of the round trip from the page (adds structured clone both ways).
 *
 * Run: npm run bench:preview   (builds the designer first; BENCH_RUNS, BENCH_WARMUP, BENCH_RECORDS tune it;
 * BENCH_SAMPLES=passing uses only the samples that map without an error)
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { compareSemver, loadSpecCatalog } from '@mapwright/spec-catalog';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'apps/designer/dist');
const CHROMIUM = '/usr/bin/chromium';
const SPEC_ID = 'harvest-time-entry';
const RECORDS = Number(process.env.BENCH_RECORDS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);

const out = (line: string) => process.stdout.write(`${line}\n`);

function workerFile(): string {
  const assets = path.join(DIST, 'assets');
  const name = fs.existsSync(assets) ? fs.readdirSync(assets).find((f) => /^preview\.worker-.*\.js$/.test(f)) : undefined;
  if (!name) throw new Error('apps/designer/dist has no preview worker; run `npm run build -w @mapwright/designer` first.');
  return `/assets/${name}`;
}

function fixture() {
  const catalog = loadSpecCatalog(path.join(ROOT, 'mapping-specs'));
  const versions = catalog.specs.filter((s) => s.id === SPEC_ID).sort((a, b) => compareSemver(a.version, b.version));
  const spec = versions[versions.length - 1];
  if (!spec) throw new Error(`mapping-specs has no ${SPEC_ID}`);
  // BENCH_SAMPLES=passing leaves out the samples that end in an error, to see what the errors cost
  const tests = process.env.BENCH_SAMPLES === 'passing' ? spec.tests.filter((t) => t.expect.output !== undefined) : spec.tests;
  const samples = Array.from({ length: RECORDS }, (_, i) => {
    const t = tests[i % tests.length];
    const input = structuredClone(t.input) as Record<string, unknown>;
    // distinct records, as a real extract would have: the Harvest id moves on per copy
    if (typeof input.id === 'number') input.id = input.id + i;
    return { name: `${t.name} #${i + 1}`, input, ...(t.bindings ? { bindings: t.bindings } : {}), ...(t.now ? { now: t.now } : {}) };
  });
  return { version: spec.version, expression: spec.expression, outputSchema: spec.executable.outputSchema, reference: catalog.reference, samples, tests: tests.length };
}

function serve(workerPath: string): Promise<http.Server> {
  const page = `<!doctype html><meta charset="utf-8"><title>preview bench</title><script type="module">
const worker = new Worker(${JSON.stringify(workerPath)}, { type: 'module' });
let next = 1;
window.previewOnce = (expression, engine, keepOutcomes) => new Promise((resolve) => {
  const id = next++;
  const started = performance.now();
  worker.onmessage = (e) => {
    const roundTripMs = performance.now() - started;
    const r = e.data;
    const errors = {};
    for (const o of r.outcomes) if (!o.ok) errors[o.error.code] = (errors[o.error.code] ?? 0) + 1;
    resolve({ id: r.id, workerMs: r.elapsedMs, roundTripMs, engine: r.engine, compilerDeclined: r.compilerDeclined, records: r.outcomes.length,
      ok: r.outcomes.filter((o) => o.ok).length, violations: r.outcomes.reduce((n, o) => n + o.violations.length, 0), errors,
      outcomes: keepOutcomes ? JSON.stringify(r.outcomes) : undefined });
  };
  worker.postMessage({ ...window.benchRequest, id, expression, engine });
});
window.benchReady = true;
</script>`;
  const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.ttf': 'font/ttf', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/bench.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    const file = path.join(DIST, path.normalize(url.pathname));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function percentile(sorted: number[], p: number): number {
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at];
}

interface RunSummary {
  workerMs: number;
  roundTripMs: number;
  engine?: string;
  compilerDeclined?: string;
  records: number;
  ok: number;
  violations: number;
  errors: Record<string, number>;
  outcomes?: string;
}

async function main() {
  const data = fixture();
  const server = await serve(workerFile());
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
    await page.evaluate((req) => {
      (window as unknown as { benchRequest: unknown }).benchRequest = req;
    }, { samples: data.samples, reference: data.reference, outputSchema: data.outputSchema });
    const run = (expression: string, engine: string, keep: boolean) =>
      page.evaluate(([e, g, k]) => (window as unknown as { previewOnce(e: string, g: string, k: boolean): Promise<RunSummary> }).previewOnce(e, g, k), [expression, engine, keep] as const);

    out(`preview worker bench: ${SPEC_ID}@${data.version}, ${RECORDS} records (its ${data.tests} test samples repeated), reference data and target schema; ${WARMUP} warm-up + ${RUNS} timed runs per engine, a new expression text each run`);
    const first: Record<string, RunSummary> = {};
    const results: Record<string, { worker: number[]; trip: number[] }> = {};
    // "unchanged text" re-sends one expression: the worker keeps it compiled, as when only the samples change
    const rows = [
      { label: 'compiled', engine: 'compiled', fresh: true },
      { label: 'interpreter', engine: 'interpreter', fresh: true },
      { label: 'compiled, unchanged text', engine: 'compiled', fresh: false },
    ];
    for (const { label, engine, fresh } of rows) {
      first[label] = await run(data.expression, engine, label === engine);
      results[label] = { worker: [], trip: [] };
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const r = await run(fresh ? `${data.expression}\n/* ${engine} run ${i} */` : data.expression, engine, false);
        if (r.engine !== engine) throw new Error(`asked for ${engine}, the worker ran ${String(r.engine)} (${r.compilerDeclined ?? ''})`);
        if (i >= WARMUP) {
          results[label].worker.push(r.workerMs);
          results[label].trip.push(r.roundTripMs);
        }
      }
    }
    const same = first.compiled.outcomes === first.interpreter.outcomes;
    const c = first.compiled;
    out(`outcomes per run: ${c.ok} ok, errors ${JSON.stringify(c.errors)}, ${c.violations} schema violations; compiled and interpreter outcomes identical: ${same ? 'yes' : 'NO'}`);
    out('');
    out(`| engine | worker p50 ms | worker p95 ms | round trip p50 ms | round trip p95 ms |`);
    out(`|---|---|---|---|---|`);
    const p50: Record<string, number> = {};
    for (const label of Object.keys(results)) {
      const w = [...results[label].worker].sort((a, b) => a - b);
      const t = [...results[label].trip].sort((a, b) => a - b);
      p50[label] = percentile(w, 50);
      out(`| ${label} | ${percentile(w, 50).toFixed(1)} | ${percentile(w, 95).toFixed(1)} | ${percentile(t, 50).toFixed(1)} | ${percentile(t, 95).toFixed(1)} |`);
    }
    out('');
    out(`compiled / interpreter (worker p50): ${(p50.interpreter / p50.compiled).toFixed(1)}x faster; goal ≤ 100 ms per ${RECORDS} records: ${p50.compiled <= 100 ? 'met' : 'not met'} at p50`);
    const [load1] = fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ') : ['?'];
    out(`load average (1 min) at the end: ${load1}`);
    if (!same) process.exitCode = 1;
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
