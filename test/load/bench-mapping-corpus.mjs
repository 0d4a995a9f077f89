/**
 * The shipped mapping corpus (mapping-specs/): each spec's passing test inputs,
 * repeated up to BENCH_CORPUS_RECORDS records, through raw jsonata (same function
 * library, no engine), the engine on the interpreter, the compiled expression alone
 * (compiledEvaluator, guardrails on, no hygiene, schemas or result objects) and the
 * engine compiled. Outputs are sha256-compared across the four; any difference fails
 * the run. Hand-written code exists for the Harvest benchmark mapping only
 * (bench-mapping.mjs), so the corpus has no hand-written column.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const jsonata = require('jsonata');
const { MappingEngine, FUNCTION_LIBRARY, RUN_CONTEXT_BINDING, compiledEvaluator, resolveGuardrails } = require('@mapwright/mapping-engine');
const { loadSpecCatalog } = require('@mapwright/spec-catalog');

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const hashOf = (outputs) => createHash('sha256').update(JSON.stringify(outputs)).digest('hex');
const DEFAULT_NOW = '2024-06-03T12:00:00Z';

function workloadOf(spec, size) {
  const cases = spec.tests.filter((t) => t.expect.errorCode === undefined);
  return Array.from({ length: size }, (_, i) => cases[i % cases.length]);
}

/** Bindings as the engine builds them for one test case: its own plus the run context. */
function bindingsOf(tc, reference) {
  const nowMillis = Date.parse(tc.now ?? DEFAULT_NOW);
  const asOf = tc.asOf ?? new Date(nowMillis).toISOString().slice(0, 10);
  return { ...tc.bindings, [RUN_CONTEXT_BINDING]: { nowMillis, asOf, reference } };
}

// Bindings are built before timing (one object per record), so the expression paths time evaluation alone.
function rawPath(spec, reference, work) {
  const expression = jsonata(spec.expression);
  for (const fn of FUNCTION_LIBRARY) expression.registerFunction(fn.name, fn.implementation, fn.signature);
  const bindings = work.map((tc) => bindingsOf(tc, reference));
  return async () => {
    const out = new Array(work.length);
    for (let i = 0; i < work.length; i++) out[i] = await expression.evaluate(work[i].input, bindings[i]);
    return out;
  };
}

function compiledExpressionPath(spec, reference, work) {
  const compiled = compiledEvaluator(spec.expression, resolveGuardrails(spec.guardrails));
  if (typeof compiled === 'string') throw new Error(`${spec.id}: the compiler declined the expression (${compiled})`);
  const bindings = work.map((tc) => bindingsOf(tc, reference));
  return async () => {
    const out = new Array(work.length);
    for (let i = 0; i < work.length; i++) out[i] = compiled.evaluate(work[i].input, bindings[i]);
    return out;
  };
}

function enginePath(engine, executable) {
  return async (work) => {
    const out = new Array(work.length);
    for (let i = 0; i < work.length; i++) {
      const tc = work[i];
      const res = await engine.run(executable, tc.input, { bindings: tc.bindings, now: tc.now ?? DEFAULT_NOW, asOf: tc.asOf });
      if (!res.ok) throw new Error(`${executable.id} (${res.engine}) failed on "${tc.name}": ${res.error.code} ${res.error.message}`);
      if (res.engine !== (executable.engine === 'interpreter' ? 'interpreter' : 'compiled')) throw new Error(`${executable.id} ran on ${res.engine}`);
      out[i] = res.output;
    }
    return out;
  };
}

const PATHS = ['raw jsonata', 'interpreter', 'compiled expr', 'engine compiled'];
const [RAW, INTERPRETER, EXPRESSION, ENGINE] = [0, 1, 2, 3];
const geometricMean = (xs) => Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);

/** Prints one row per spec and the corpus as a whole; returns false when any path disagrees with another. */
export async function benchCorpus({ passes, records }) {
  const catalog = loadSpecCatalog(join(repoRoot, 'mapping-specs'), { contractsDir: resolve(repoRoot, '..', 'shared', 'contracts') });
  const engine = new MappingEngine({ reference: catalog.reference });
  console.log(`\nshipped mapping corpus: each spec's passing test inputs repeated to ${records} records, best of ${passes} round-robin passes (records/s)`);
  console.log(`${'spec'.padEnd(32)} ${PATHS.map((p) => p.padStart(16)).join('')}   engine/raw  expr/raw  engine/interpreter`);
  let agreed = true;
  const totalMs = PATHS.map(() => 0);
  let totalRecords = 0;
  const ratios = { engineVsRaw: [], expressionVsRaw: [], engineVsInterpreter: [] };
  for (const spec of catalog.specs) {
    const work = workloadOf(spec, records);
    if (work.length === 0 || work[0] === undefined) continue;
    const paths = [
      rawPath(spec, catalog.reference, work),
      enginePath(engine, { ...spec.executable, engine: 'interpreter' }),
      compiledExpressionPath(spec.executable, catalog.reference, work),
      enginePath(engine, { ...spec.executable, engine: 'auto' }),
    ];
    const best = paths.map(() => Infinity);
    const hashes = [];
    for (let i = 0; i < paths.length; i++) hashes[i] = hashOf(await paths[i](work));
    for (let pass = 0; pass < passes; pass++) {
      for (let i = 0; i < paths.length; i++) {
        const started = performance.now();
        await paths[i](work);
        best[i] = Math.min(best[i], performance.now() - started);
      }
    }
    best.forEach((ms, i) => (totalMs[i] += ms));
    totalRecords += work.length;
    const perSecond = best.map((ms) => (work.length / ms) * 1000);
    const same = new Set(hashes).size === 1;
    agreed &&= same;
    ratios.engineVsRaw.push(perSecond[ENGINE] / perSecond[RAW]);
    ratios.expressionVsRaw.push(perSecond[EXPRESSION] / perSecond[RAW]);
    ratios.engineVsInterpreter.push(perSecond[ENGINE] / perSecond[INTERPRETER]);
    console.log(
      `${`${spec.id}@${spec.version}`.padEnd(32)} ${perSecond.map((r) => `${r.toFixed(0)}/s`.padStart(16)).join('')}   ` +
        `${(perSecond[ENGINE] / perSecond[RAW]).toFixed(1).padStart(9)}x ${(perSecond[EXPRESSION] / perSecond[RAW]).toFixed(1).padStart(8)}x ${(perSecond[ENGINE] / perSecond[INTERPRETER]).toFixed(1).padStart(18)}x${same ? '' : '  OUTPUT MISMATCH'}`,
    );
  }
  const corpus = totalMs.map((ms) => (totalRecords / ms) * 1000);
  console.log(
    `${'corpus (all records, summed time)'.padEnd(32)} ${corpus.map((r) => `${r.toFixed(0)}/s`.padStart(16)).join('')}   ` +
      `${(corpus[ENGINE] / corpus[RAW]).toFixed(1).padStart(9)}x ${(corpus[EXPRESSION] / corpus[RAW]).toFixed(1).padStart(8)}x ${(corpus[ENGINE] / corpus[INTERPRETER]).toFixed(1).padStart(18)}x`,
  );
  console.log(
    `${'corpus (geometric mean of specs)'.padEnd(32)} ${''.padStart(16 * PATHS.length)}   ` +
      `${geometricMean(ratios.engineVsRaw).toFixed(1).padStart(9)}x ${geometricMean(ratios.expressionVsRaw).toFixed(1).padStart(8)}x ${geometricMean(ratios.engineVsInterpreter).toFixed(1).padStart(18)}x`,
  );
  const engineVsRaw = corpus[ENGINE] / corpus[RAW];
  console.log(`corpus engine compiled / raw jsonata ${engineVsRaw.toFixed(2)}x  (target >= 50) ${engineVsRaw >= 50 ? 'met' : 'MISSED'}`);
  console.log(agreed ? 'corpus: raw jsonata, interpreter, compiled expression and engine compiled outputs identical for every spec' : 'corpus: OUTPUT MISMATCH');
  return agreed;
}
