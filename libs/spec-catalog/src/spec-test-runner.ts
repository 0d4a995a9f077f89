import fc from 'fast-check';
import type { ExecutableSpec, MappingEngine, MappingResult, RunOptions } from '@mapwright/mapping-engine';
import { diffExpected } from './json-diff';
import { arbitraryFromSchema } from './schema-arbitrary';
import type {
  GeneratedInputsOutcome,
  LoadedSpecVersion,
  PropertyOutcome,
  RunSpecTestsOptions,
  SpecCaseResult,
  SpecProperty,
  SpecTestCase,
  SpecTestReport,
} from './types';

// Generated inputs only approximate the input schema, so the engine rejecting one as invalid is expected.
const ALWAYS_ALLOWED = ['MW_INPUT_SCHEMA'];

/** Runs a spec version's test cases, its properties, and (when configured) generated-input property tests. */
export async function runSpecTests(spec: LoadedSpecVersion, engine: MappingEngine, opts: RunSpecTestsOptions = {}): Promise<SpecTestReport> {
  const cases: SpecCaseResult[] = [];
  const run = specRunner(spec, engine, opts);
  for (const tc of spec.tests.filter((t) => !opts.filter || t.name.includes(opts.filter))) {
    const result = await runCase(spec, engine, tc, run);
    cases.push(result);
    opts.onCase?.(result);
  }
  const generated = spec.generatedInputs && opts.generated !== false ? await runGenerated(spec, opts, run) : undefined;
  const failed = cases.filter((c) => !c.passed).length;
  return {
    specId: spec.id,
    version: spec.version,
    passed: failed === 0 && (generated?.passed ?? true),
    total: cases.length,
    failed,
    cases,
    ...(generated ? { generated } : {}),
  };
}

/** A run of the spec's mapping; with both engines, a difference between them comes back as `mismatch`. */
type SpecRun = (input: unknown, opts: RunOptions) => Promise<{ res: MappingResult; mismatch?: string }>;

/** Result data without timing or engine, for comparing the two paths. */
function comparable(res: MappingResult): string {
  return JSON.stringify(res.ok ? { output: res.output } : { error: res.error });
}

function specRunner(spec: LoadedSpecVersion, engine: MappingEngine, opts: RunSpecTestsOptions): SpecRun {
  if (opts.engines !== 'both') return async (input, runOpts) => ({ res: await engine.run(spec.executable, input, runOpts) });
  const compiled: ExecutableSpec = { ...spec.executable, engine: 'auto' };
  const interpreted: ExecutableSpec = { ...spec.executable, engine: 'interpreter' };
  return async (input, runOpts) => {
    const res = await engine.run(compiled, input, runOpts);
    const other = await engine.run(interpreted, input, runOpts);
    if (comparable(res) === comparable(other)) return { res };
    return { res, mismatch: `${res.engine} and interpreter results differ: ${comparable(res).slice(0, 300)} vs ${comparable(other).slice(0, 300)}` };
  };
}

async function runCase(spec: LoadedSpecVersion, engine: MappingEngine, tc: SpecTestCase, run: SpecRun): Promise<SpecCaseResult> {
  const started = performance.now();
  const runOpts = { bindings: tc.bindings, now: tc.now, asOf: tc.asOf };
  const { res, mismatch } = await run(tc.input, runOpts);
  const base = { name: tc.name, file: tc.file, diff: [], properties: [] as PropertyOutcome[] };
  const finish = (r: Omit<SpecCaseResult, 'durationMs'>): SpecCaseResult => ({ ...r, durationMs: Math.round((performance.now() - started) * 100) / 100 });
  if (mismatch) return finish({ ...base, passed: false, ...(res.ok ? {} : { error: res.error }), message: mismatch });

  if (tc.expect.errorCode !== undefined) {
    if (res.ok) return finish({ ...base, passed: false, message: `expected error ${tc.expect.errorCode} but the mapping succeeded`, diff: diffExpected(undefined, res.output) });
    const codeOk = res.error.code === tc.expect.errorCode;
    const textOk = !tc.expect.messageContains || res.error.message.includes(tc.expect.messageContains);
    if (codeOk && textOk) return finish({ ...base, passed: true, error: res.error });
    const why = !codeOk
      ? `expected error ${tc.expect.errorCode} but got ${res.error.code}: ${res.error.message}`
      : `error message "${res.error.message}" does not contain "${tc.expect.messageContains}"`;
    return finish({ ...base, passed: false, error: res.error, message: why });
  }

  if (!res.ok) return finish({ ...base, passed: false, error: res.error, message: `mapping failed with ${res.error.code}: ${res.error.message}` });
  const diff = diffExpected(tc.expect.output, res.output);
  const properties = await checkProperties(spec, engine, [...spec.properties, ...(tc.properties ?? [])], { input: tc.input, output: res.output, bindings: tc.bindings ?? {} }, tc.now);
  const failedProps = properties.filter((p) => !p.passed);
  const passed = diff.length === 0 && failedProps.length === 0;
  const message = failedProps.length > 0 ? `property failed: ${failedProps.map((p) => p.name).join(', ')}` : undefined;
  return finish({ ...base, passed, diff, properties, ...(message ? { message } : {}) });
}

/**
 * Properties run through the engine so predicates can use the same function library ($decSum, $money …);
 * the case's bindings are visible both as `bindings.x` and as `$x`.
 */
export async function checkProperties(
  spec: LoadedSpecVersion,
  engine: MappingEngine,
  properties: SpecProperty[],
  context: { input: unknown; output: unknown; bindings: Record<string, unknown> },
  now?: string,
): Promise<PropertyOutcome[]> {
  const out: PropertyOutcome[] = [];
  for (const prop of properties) {
    const predicate: ExecutableSpec = { id: `${spec.id}.property.${prop.name}`, version: spec.version, expression: prop.expression, guardrails: spec.guardrails };
    const res = await engine.run(predicate, context, { bindings: context.bindings, now, validateInput: false, validateOutput: false });
    if (!res.ok) out.push({ name: prop.name, passed: false, message: `${res.error.code}: ${res.error.message}` });
    else if (res.output !== true) out.push({ name: prop.name, passed: false, message: `evaluated to ${JSON.stringify(res.output) ?? 'nothing'}, not true` });
    else out.push({ name: prop.name, passed: true });
  }
  return out;
}

async function runGenerated(spec: LoadedSpecVersion, opts: RunSpecTestsOptions, run: SpecRun): Promise<GeneratedInputsOutcome> {
  const config = spec.generatedInputs as NonNullable<LoadedSpecVersion['generatedInputs']>;
  const runs = opts.generatedRuns ?? config.runs;
  const seed = opts.generatedSeed ?? config.seed ?? Date.now() % 2 ** 31;
  const schema = spec.executable.inputSchema;
  if (!schema) return { runs: 0, seed, passed: false, message: 'generated inputs need a resolvable input schema' };
  const allowed = new Set([...ALWAYS_ALLOWED, ...(config.allowedErrorCodes ?? [])]);
  const runOpts = { bindings: config.bindings, now: config.now, validateOutput: true };
  /** Why one generated input fails, or undefined when it passes. */
  const failureOf = async (input: unknown): Promise<string | undefined> => {
    const { res, mismatch } = await run(input, runOpts);
    if (mismatch) return mismatch;
    if (res.ok || allowed.has(res.error.code)) return undefined;
    return `unexpected ${res.error.code}: ${res.error.message}`;
  };
  const property = fc.asyncProperty(arbitraryFromSchema(schema), async (input) => (await failureOf(input)) === undefined);
  const details = await fc.check(property, { numRuns: runs, seed });
  if (!details.failed) return { runs: details.numRuns, seed, passed: true };
  // the shrunk counterexample is re-run once: the last input fast-check tried may have passed
  const why = (details.counterexample ? await failureOf(details.counterexample[0]) : undefined) ?? String(details.errorInstance ?? 'property failed');
  return { runs: details.numRuns, seed, passed: false, counterexample: details.counterexample?.[0], message: why };
}
