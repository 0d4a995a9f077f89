import { MappingEngine } from '@mapwright/mapping-engine';
import { findSpec, loadSpecCatalog } from './catalog-loader';
import { CONTRACTS_DIR, SHIPPED_SPECS_DIR } from './catalog-fixture.testing';
import { runSpecTests } from './spec-test-runner';
import type { LoadedSpecVersion, SpecCaseResult } from './types';

const catalog = loadSpecCatalog(SHIPPED_SPECS_DIR, { contractsDir: CONTRACTS_DIR });
const engine = new MappingEngine({ reference: catalog.reference });
const spec = (id: string) => findSpec(catalog, id) as LoadedSpecVersion;

/** A variant of a shipped spec with some parts replaced, as a spec author editing it would produce. */
function variant(base: LoadedSpecVersion, change: Partial<LoadedSpecVersion>): LoadedSpecVersion {
  const next = { ...base, ...change };
  return { ...next, executable: { ...base.executable, expression: next.expression } };
}

describe('runSpecTests', () => {
  it.each(catalog.specs.map((s) => [`${s.id}@${s.version}`, s] as const))('passes every shipped case of %s', async (_name, s) => {
    const report = await runSpecTests(s, engine, { generated: false });
    const failures = report.cases.filter((c) => !c.passed).map((c) => `${c.name}: ${c.message ?? ''}`);
    expect(failures).toEqual([]);
    expect(report).toMatchObject({ passed: true, failed: 0, total: s.tests.length });
  });

  it('reports a changed output per JSON pointer, expected against actual', async () => {
    const invoice = spec('xero-invoice');
    const broken = variant(invoice, { expression: invoice.expression.replace('"Type": "ACCREC"', '"Type": "ACCPAY"') });
    const seen: SpecCaseResult[] = [];
    const report = await runSpecTests(broken, engine, { generated: false, onCase: (c) => seen.push(c) });
    expect(report.passed).toBe(false);
    expect(seen).toHaveLength(invoice.tests.length);
    const first = report.cases.find((c) => c.name.startsWith('a GBP invoice'));
    expect(first?.diff).toEqual([{ pointer: '/Type', kind: 'mismatch', expected: 'ACCREC', actual: 'ACCPAY' }]);
    // Cases expecting an error still pass: the change does not touch them.
    expect(report.cases.find((c) => c.name.includes('MW_XREF_MISS'))?.passed).toBe(true);
  });

  it('fails a case whose error code differs from the expected one', async () => {
    const invoice = spec('xero-invoice');
    const tests = invoice.tests.map((t) => (t.expect.errorCode === 'MW_XREF_MISS' ? { ...t, expect: { errorCode: 'MW_TIMEOUT' } } : t));
    const report = await runSpecTests({ ...invoice, tests }, engine, { generated: false, filter: 'MW_XREF_MISS' });
    expect(report.total).toBe(1);
    expect(report.cases[0]?.message).toMatch(/expected error MW_TIMEOUT but got MW_XREF_MISS/);
    expect(report.cases[0]?.error?.code).toBe('MW_XREF_MISS');
  });

  it('fails a case when a property does not hold, even with the expected output', async () => {
    const journal = spec('xero-manual-journal');
    const properties = [...journal.properties, { name: 'always-three-lines', expression: '$count(output.JournalLines) = 3' }];
    const report = await runSpecTests({ ...journal, properties }, engine, { generated: false });
    const cost = report.cases.find((c) => c.name.includes('non-billable'));
    expect(cost?.diff).toEqual([]);
    expect(cost?.passed).toBe(false);
    expect(cost?.properties.find((p) => p.name === 'always-three-lines')).toMatchObject({ passed: false });
    expect(report.cases.find((c) => c.name.startsWith('an invoice journal'))?.passed).toBe(true);
  });

  it('runs generated inputs and reports a counterexample with its seed', async () => {
    const xp = spec('xero-projects-time-entry');
    const ok = await runSpecTests(xp, engine, { generatedRuns: 25 });
    expect(ok.generated).toMatchObject({ passed: true, runs: 25, seed: 20260102 });
    // Dropping the duration guard lets generated entries of 0 or negative minutes through to the output schema.
    const unguarded = variant(xp, { expression: xp.expression.replace(/\$assert\(\$type\(duration\)[\s\S]*?59940 minutes"\);/, '') });
    const bad = await runSpecTests({ ...unguarded, generatedInputs: { ...xp.generatedInputs, runs: 100, allowedErrorCodes: ['D3141'] } }, engine);
    expect(bad.passed).toBe(false);
    expect(bad.generated?.passed).toBe(false);
    expect(bad.generated?.message).toMatch(/unexpected/);
    expect(bad.generated?.counterexample).toBeDefined();
  });

  it('with engines both, runs cases and generated inputs on the compiled path and the interpreter', async () => {
    const xp = spec('xero-projects-time-entry');
    const seen: string[] = [];
    const watching = new MappingEngine({ reference: catalog.reference });
    const run = watching.run.bind(watching);
    watching.run = async (s, input, opts) => {
      const res = await run(s, input, opts);
      seen.push(res.engine);
      return res;
    };
    const report = await runSpecTests(xp, watching, { engines: 'both', generatedRuns: 10 });
    expect(report).toMatchObject({ passed: true, failed: 0 });
    // every case and generated input ran on both (property predicates run once, on auto)
    expect(seen.filter((e) => e === 'interpreter').length).toBeGreaterThanOrEqual(xp.tests.length + 10);
    expect(seen.filter((e) => e === 'compiled').length).toBeGreaterThanOrEqual(seen.filter((e) => e === 'interpreter').length);
  });

  it('with engines both, fails a case whose two results differ', async () => {
    const xp = spec('xero-projects-time-entry');
    const skewed = new MappingEngine({ reference: catalog.reference });
    const run = skewed.run.bind(skewed);
    // stands in for a compiler fault: the compiled path answers something else
    skewed.run = async (s, input, opts) => {
      const res = await run(s, input, opts);
      return res.ok && res.engine === 'compiled' ? { ...res, output: { skewed: true } } : res;
    };
    const report = await runSpecTests(xp, skewed, { engines: 'both', generatedRuns: 50 });
    expect(report.passed).toBe(false);
    expect(report.cases.find((c) => !c.passed)?.message).toMatch(/compiled and interpreter results differ/);
    expect(report.generated).toMatchObject({ passed: false, message: expect.stringMatching(/results differ/) });
  });
});
