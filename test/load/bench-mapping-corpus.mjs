/**
 * The shipped mapping corpus (mapping-specs/): each spec's passing test inputs,
 * repeated up to BENCH_CORPUS_RECORDS records, through raw jsonata (same function
 * library, no engine), the engine on the interpreter and the engine compiled.
 * Outputs are sha256-compared across the three; any difference fails the run.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const jsonata = require('jsonata');
const { MappingEngine, FUNCTION_LIBRARY, RUN_CONTEXT_BINDING } = require('@mapwright/mapping-engine');
const { loadSpecCatalog } = require('@mapwright/spec-catalog');

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const hashOf = (outputs) => createHash('sha256').update(JSON.stringify(outputs)).digest('hex');

function workloadOf(spec, size) {
  const cases = spec.tests.filter((t) => t.expect.errorCode === undefined);
  return Array.from({ length: size }, (_, i) => cases[i % cases.length]);
}

function rawPath(spec, reference) {
  const expression = jsonata(spec.expression);
  for (const fn of FUNCTION_LIBRARY) expression.registerFunction(fn.name, fn.implementation, fn.signature);
  return async (work) => {
    const out = new Array(work.length);
    for (let i = 0; i < work.length; i++) {
      const tc = work[i];
      const nowMillis = tc.now === undefined ? Date.parse('2024-06-03T12:00:00Z') : Date.parse(tc.now);
      const asOf = tc.asOf ?? new Date(nowMillis).toISOString().slice(0, 10);
      out[i] = await expression.evaluate(tc.input, { ...tc.bindings, [RUN_CONTEXT_BINDING]: { nowMillis, asOf, reference } });
    }
    return out;
  };
}

function enginePath(engine, executable) {
  return async (work) => {
    const out = new Array(work.length);
    for (let i = 0; i < work.length; i++) {
      const tc = work[i];
      const res = await engine.run(executable, tc.input, { bindings: tc.bindings, now: tc.now ?? '2024-06-03T12:00:00Z', asOf: tc.asOf });
      if (!res.ok) throw new Error(`${executable.id} (${res.engine}) failed on "${tc.name}": ${res.error.code} ${res.error.message}`);
      if (res.engine !== (executable.engine === 'interpreter' ? 'interpreter' : 'compiled')) throw new Error(`${executable.id} ran on ${res.engine}`);
      out[i] = res.output;
    }
    return out;
  };
}

/** Prints one row per spec; returns false when any path disagrees with another. */
export async function benchCorpus({ passes, records }) {
  const catalog = loadSpecCatalog(join(repoRoot, 'mapping-specs'), { contractsDir: resolve(repoRoot, '..', 'shared', 'contracts') });
  const engine = new MappingEngine({ reference: catalog.reference });
  console.log(`\nshipped mapping corpus: each spec's passing test inputs repeated to ${records} records, best of ${passes} round-robin passes`);
  console.log(`${'spec'.padEnd(36)} ${'raw jsonata'.padStart(12)} ${'interpreter'.padStart(12)} ${'compiled'.padStart(12)}   compiled/raw  compiled/interpreter`);
  let agreed = true;
  for (const spec of catalog.specs) {
    const work = workloadOf(spec, records);
    if (work.length === 0 || work[0] === undefined) continue;
    const paths = [rawPath(spec, catalog.reference), enginePath(engine, { ...spec.executable, engine: 'interpreter' }), enginePath(engine, { ...spec.executable, engine: 'auto' })];
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
    const perSecond = best.map((ms) => (work.length / ms) * 1000);
    const same = new Set(hashes).size === 1;
    agreed &&= same;
    console.log(
      `${`${spec.id}@${spec.version}`.padEnd(36)} ${perSecond.map((r) => `${r.toFixed(0)}/s`.padStart(12)).join(' ')}   ${(perSecond[2] / perSecond[0]).toFixed(1).padStart(11)}x  ${(perSecond[2] / perSecond[1]).toFixed(1).padStart(19)}x${same ? '' : '  OUTPUT MISMATCH'}`,
    );
  }
  console.log(agreed ? 'corpus: raw jsonata, interpreter and compiled outputs identical for every spec' : 'corpus: OUTPUT MISMATCH');
  return agreed;
}
