import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_GUARDRAILS, JSONATA_RANGE_CEILING } from '../guardrails/guardrail-defaults';
import { MappingEngine } from '../engine/mapping-engine';
import type { ExecutableSpec, Guardrails } from '../types';
import { loadSuite, type SuiteCase } from '../compiler/conformance-suite';

/*
 * Runs JSONata's language-neutral test suite through MappingEngine.run, once with
 * the engine on `auto` (compiled wherever the compiler accepts the expression)
 * and once with the interpreter forced: the
 * function library is registered and every guardrail is on. Limits a case
 * declares (timelimit, depth) become that spec's guardrails, otherwise the
 * engine's default depth applies; ranges may go to JSONata's own ceiling
 * because several cases legitimately build 1e7 items.
 */

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const suiteDir = path.resolve(repoRoot, '..', 'shared', 'conformance', 'jsonata-test-suite');
const available = fs.existsSync(path.join(suiteDir, 'groups'));
// Cases without a time limit get a generous one: a shared CI machine under jest runs several times slower than node.
const CASE_TIMEOUT_MS = 20_000;

/** Deep equality where JSONata's sequences count as plain arrays and key order does not matter. */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return false;
  if (Array.isArray(actual) || Array.isArray(expected)) {
    if (!Array.isArray(actual) || !Array.isArray(expected) || actual.length !== expected.length) return false;
    return actual.every((item, i) => sameValue(item, expected[i]));
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(e).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(e, k) && sameValue(a[k], e[k]));
}

function guardrailsOf(test: SuiteCase): Guardrails {
  return {
    timeoutMs: test.timelimit ?? CASE_TIMEOUT_MS,
    maxDepth: test.depth ?? DEFAULT_GUARDRAILS.maxDepth,
    maxSequence: JSONATA_RANGE_CEILING,
  };
}

describe.each(['auto', 'interpreter'] as const)('JSONata conformance suite through the engine (engine: %s)', (choice) => {
  if (!available) {
    if (process.env.CI === 'true') {
      it('finds the JSONata test suite', () => {
        throw new Error(`JSONata test suite missing at ${suiteDir}`);
      });
    } else {
      console.warn(`JSONata conformance suite skipped: nothing at ${suiteDir}`);
      it.skip('JSONata test suite (not present on this machine)', () => undefined);
    }
    return;
  }

  const cases = loadSuite(suiteDir) ?? [];
  const engine = new MappingEngine({ cacheSize: 50 });
  const ran = { compiled: 0, interpreter: 0 };

  it('has the whole suite to run', () => {
    expect(cases.length).toBeGreaterThan(1000);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (name, test) => {
    const spec: ExecutableSpec = { id: `conformance/${name}`, version: '1.0.0', expression: test.expr, guardrails: guardrailsOf(test), engine: choice };
    const result = await engine.run(spec, test.data, { bindings: test.bindings ?? {} });
    expect(result.specId).toBe(spec.id);
    ran[result.engine]++;
    const failure = test.code !== undefined ? { code: test.code, token: test.error?.token ?? test.token, message: test.error?.message } : undefined;
    if (failure) {
      expect(result.ok ? { ok: true, output: result.output } : { code: result.error.code }).toEqual({ code: failure.code });
      if (!result.ok && failure.token !== undefined) expect(result.error.token).toBe(failure.token);
      if (!result.ok && failure.message !== undefined) expect(result.error.message).toBe(failure.message);
    } else if (test.undefinedResult) {
      expect(result.ok ? result.output : result.error).toBeUndefined();
    } else {
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      // toEqual only to print a readable diff; sameValue is the (stricter) verdict.
      if (!sameValue(result.output, test.result)) expect({ output: result.output, strictlyEqual: false }).toEqual({ output: test.result, strictlyEqual: true });
    }
  }, CASE_TIMEOUT_MS * 2);

  it('ran on the engine chosen', () => {
    if (choice === 'interpreter') expect(ran.compiled).toBe(0);
    // syntax errors and the few declined functions ($eval, $shuffle) run on the interpreter
    else expect(ran.compiled / (ran.compiled + ran.interpreter)).toBeGreaterThan(0.9);
  });
});
