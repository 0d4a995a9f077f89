/**
 * Differential property tests for every shipped mapping spec: the compiled path and
 * the interpreter must give the same output, or the same error data, for the spec's
 * own test inputs and for inputs generated from its input schema.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { MappingEngine, type ExecutableSpec, type MappingResult, type RunOptions } from '@mapwright/mapping-engine';
import { arbitraryFromSchema, loadSpecCatalog, type LoadedSpecVersion } from '@mapwright/spec-catalog';

const repoRoot = resolve(__dirname, '..', '..');
const contractsDir = resolve(repoRoot, '..', 'shared', 'contracts');
const catalog = loadSpecCatalog(join(repoRoot, 'mapping-specs'), { contractsDir });
const engine = new MappingEngine({ reference: catalog.reference });
const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 100);

/** The result without timing or the engine that produced it. */
function comparable(res: MappingResult): unknown {
  return res.ok ? { ok: true, output: res.output } : { ok: false, error: res.error };
}

function variants(spec: LoadedSpecVersion): [ExecutableSpec, ExecutableSpec] {
  return [
    { ...spec.executable, engine: 'compiled' },
    { ...spec.executable, engine: 'interpreter' },
  ];
}

async function runBoth(spec: LoadedSpecVersion, input: unknown, opts: RunOptions): Promise<[MappingResult, MappingResult]> {
  const [compiled, interpreted] = variants(spec);
  return [await engine.run(compiled, input, opts), await engine.run(interpreted, input, opts)];
}

describe('the engine spec.yaml chooses', () => {
  it('runs a spec on the interpreter when its spec.yaml says engine: interpreter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-engine-choice-'));
    try {
      cpSync(join(repoRoot, 'mapping-specs'), dir, { recursive: true });
      const manifest = join(dir, 'harvest-time-entry', '1.0.0', 'spec.yaml');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^engine: auto$/m, 'engine: interpreter'));
      const edited = loadSpecCatalog(dir, { contractsDir });
      const spec = edited.specs.find((s) => s.id === 'harvest-time-entry') as LoadedSpecVersion;
      expect(spec.executable.engine).toBe('interpreter');
      const tc = spec.tests.find((t) => t.expect.errorCode === undefined) as LoadedSpecVersion['tests'][number];
      const res = await engine.run(spec.executable, tc.input, { bindings: tc.bindings, now: tc.now, asOf: tc.asOf });
      expect(res).toMatchObject({ ok: true, engine: 'interpreter' });
      const shipped = catalog.specs.find((s) => s.id === 'harvest-time-entry') as LoadedSpecVersion;
      expect(await engine.run(shipped.executable, tc.input, { bindings: tc.bindings, now: tc.now, asOf: tc.asOf })).toMatchObject({ ok: true, engine: 'compiled' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('compiled and interpreted mappings agree on every shipped spec', () => {
  const specs = catalog.specs;

  it('finds the shipped specs, and the compiler accepts every one of them', () => {
    expect(specs.length).toBeGreaterThanOrEqual(6);
    for (const spec of specs) {
      const [compiled] = variants(spec);
      expect({ spec: spec.id, engine: engine.prepare(compiled).engine }).toEqual({ spec: spec.id, engine: 'compiled' });
    }
  });

  it.each(specs.map((s) => [`${s.id}@${s.version}`, s] as const))('%s: its own test inputs', async (_name, spec) => {
    expect(spec.tests.length).toBeGreaterThan(0);
    let succeeded = 0;
    for (const tc of spec.tests) {
      const [c, i] = await runBoth(spec, tc.input, { bindings: tc.bindings, now: tc.now, asOf: tc.asOf });
      expect({ case: tc.name, engine: c.engine }).toEqual({ case: tc.name, engine: 'compiled' });
      expect({ case: tc.name, result: comparable(c) }).toEqual({ case: tc.name, result: comparable(i) });
      if (c.ok) succeeded++;
    }
    // the comparison covered real outputs, not only errors
    expect(succeeded).toBeGreaterThan(0);
  });

  it.each(specs.filter((s) => s.executable.inputSchema).map((s) => [`${s.id}@${s.version}`, s] as const))(
    '%s: inputs generated from its input schema',
    async (_name, spec) => {
      const schema = spec.executable.inputSchema as object;
      const passing = spec.tests.filter((t) => t.expect.errorCode === undefined);
      expect(passing.length).toBeGreaterThan(0);
      const generated = arbitraryFromSchema(schema);
      /*
       * Schema-generated inputs mostly stop at the mapping's own business checks ($assert,
       * $error); passing test inputs with some values changed also reach the output, so
       * both paths are compared on outputs as well as on errors.
       */
      const input = fc.oneof(
        generated.map((value) => ({ value, base: passing[0] })),
        fc.constantFrom(...passing).chain((base) => mutated(base.input).map((value) => ({ value, base }))),
      );
      const seen = { ok: 0, failed: 0 };
      await fc.assert(
        fc.asyncProperty(input, async ({ value, base }) => {
          const opts: RunOptions = spec.generatedInputs
            ? { bindings: { ...base.bindings, ...spec.generatedInputs.bindings }, now: spec.generatedInputs.now ?? base.now, asOf: base.asOf }
            : { bindings: base.bindings, now: base.now ?? '2024-06-03T12:00:00Z', asOf: base.asOf };
          const [c, i] = await runBoth(spec, value, opts);
          if (c.ok) seen.ok++;
          else seen.failed++;
          expect(comparable(c)).toEqual(comparable(i));
        }),
        { numRuns: RUNS, seed: 20261126 },
      );
      expect(seen.ok + seen.failed).toBeGreaterThanOrEqual(RUNS);
      expect(seen.ok).toBeGreaterThan(0);
    },
    120_000,
  );
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** A replacement of the same JSON type, near what mappings meet (amounts, hours, dates, codes). */
function replacementFor(leaf: unknown): fc.Arbitrary<unknown> {
  if (typeof leaf === 'number') {
    return fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.integer({ min: -10_000, max: 1_000_000 }).map((n) => n / 100), fc.constant(0));
  }
  if (typeof leaf === 'boolean') return fc.boolean();
  if (typeof leaf === 'string' && ISO_DATE.test(leaf)) {
    return fc.date({ min: new Date('1999-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => (leaf.length > 10 ? d.toISOString() : d.toISOString().slice(0, 10)));
  }
  if (typeof leaf === 'string') return fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', 'GBP', 'USD', 'JPY', '12.50', 'x'));
  return fc.constantFrom(null, 1, 'x');
}

type Leaf = { path: (string | number)[]; value: unknown };

function leaves(value: unknown, path: (string | number)[] = [], into: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) value.forEach((item, i) => leaves(item, [...path, i], into));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], into);
  else into.push({ path, value });
  return into;
}

function withLeaf(value: unknown, path: (string | number)[], replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = withLeaf(value[head as number], rest, replacement, remove);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && remove) delete copy[head as string];
  else copy[head as string] = withLeaf(copy[head as string], rest, replacement, remove);
  return copy;
}

/** `base` with one to three leaves replaced by a value of the same type, or removed. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  const all = leaves(base);
  if (all.length === 0) return fc.constant(base);
  const change = fc.nat({ max: all.length - 1 }).chain((i) => fc.tuple(fc.constant(all[i]), replacementFor(all[i].value), fc.boolean()));
  return fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) =>
    changes.reduce((acc: unknown, [leaf, replacement, drop]) => withLeaf(acc, leaf.path, replacement, drop && leaf.path.length > 1), base),
  );
}
