import { readFileSync, rmSync } from 'node:fs';
import { findSpec, lintCatalog, loadSpecCatalog, parseSpecSelector } from './catalog-loader';
import { CONTRACTS_DIR, SHIPPED_SPECS_DIR, scratchCatalog, type ScratchCatalog } from './catalog-fixture.testing';
import type { LintProblem } from './types';

const opts = { contractsDir: CONTRACTS_DIR };

describe('loadSpecCatalog on the shipped mapping-specs', () => {
  const catalog = loadSpecCatalog(SHIPPED_SPECS_DIR, opts);

  it('loads every shipped spec without problems', () => {
    expect(catalog.problems).toEqual([]);
    expect(catalog.specs.map((s) => `${s.id}@${s.version}`)).toEqual([
      'harvest-client@1.0.0',
      'harvest-project@1.0.0',
      'harvest-time-entry@1.0.0',
      'legacy-csv-time-entry@1.0.0',
      'xero-credit-note@1.0.0',
      'xero-invoice@1.0.0',
      'xero-manual-journal@1.0.0',
      'xero-projects-time-entry@1.0.0',
    ]);
  });

  it('gives every spec at least five tests and resolved schemas', () => {
    for (const spec of catalog.specs) {
      expect(spec.tests.length).toBeGreaterThanOrEqual(5);
      expect(spec.executable.inputSchema).toEqual(expect.objectContaining({ $schema: 'https://json-schema.org/draft/2020-12/schema' }));
      expect(spec.executable.outputSchema).toBeDefined();
      expect(spec.riskClass).toBe('financial');
    }
  });

  it('bundles canonical schemas without $id so many bundles can share one validator', () => {
    const spec = findSpec(catalog, 'harvest-time-entry');
    const text = JSON.stringify(spec?.executable.outputSchema);
    expect(text).not.toContain('"$id"');
    expect(text).toContain('"#/$defs/common/$defs/Quantity"');
  });

  it('loads reference tables, UOM profiles and routing rules', () => {
    expect(Object.keys(catalog.reference.tables)).toContain('xero-tax-type');
    expect(catalog.reference.uomProfiles['uk-7.5h']?.hoursPerDay).toBe('7.5');
    expect(catalog.reference.defaultUomProfile).toBe('standard-8h');
    expect(catalog.routing.map((r) => r.priority)).toEqual([...catalog.routing.map((r) => r.priority)].sort((a, b) => a - b));
    expect(catalog.scenariosDir).toMatch(/mapping-specs[\\/]scenarios$/);
  });
});

describe('findSpec and parseSpecSelector', () => {
  const specs = ['1.2.0', '1.10.0', '1.9.3', '2.0.0-rc.1'].map((version) => ({ id: 'x', version }) as never);

  it('picks the highest semver, a release above its prerelease', () => {
    expect(findSpec({ specs }, 'x')?.version).toBe('2.0.0-rc.1');
    expect(findSpec({ specs: specs.slice(0, 3) }, 'x')?.version).toBe('1.10.0');
    expect(findSpec({ specs }, 'x', '1.9.3')?.version).toBe('1.9.3');
    expect(findSpec({ specs }, 'x', '9.9.9')).toBeUndefined();
  });

  it('splits id@version', () => {
    expect(parseSpecSelector('xero-invoice@1.0.0')).toEqual({ id: 'xero-invoice', version: '1.0.0' });
    expect(parseSpecSelector('xero-invoice')).toEqual({ id: 'xero-invoice' });
  });
});

describe('lintCatalog on broken metadata', () => {
  let cat: ScratchCatalog;
  beforeEach(() => {
    cat = scratchCatalog();
  });
  afterEach(() => cat.remove());

  const only = (problems: LintProblem[], code: string) => problems.filter((p) => p.code === code);

  const lineOf = (rel: string, needle: string) => readFileSync(cat.path(rel), 'utf8').split('\n').findIndex((l) => l.startsWith(needle)) + 1;

  it('reports malformed YAML with its file and line', () => {
    cat.edit('xero-invoice/1.0.0/spec.yaml', (t) => t.replace('riskClass: financial', 'riskClass: financial\nriskClass: standard'));
    const [problem] = only(lintCatalog(cat.dir, opts), 'MW_SPEC_YAML_SYNTAX');
    expect(problem?.file).toBe(cat.path('xero-invoice', '1.0.0', 'spec.yaml'));
    expect(problem?.line).toBe(lineOf('xero-invoice/1.0.0/spec.yaml', 'riskClass: standard'));
    expect(problem?.message).toContain('unique');
  });

  it('reports manifest schema violations with a JSON pointer and the line', () => {
    cat.edit('xero-invoice/1.0.0/spec.yaml', (t) => t.replace('riskClass: financial', 'riskClass: harmless'));
    const [problem] = only(lintCatalog(cat.dir, opts), 'MW_SPEC_MANIFEST_SCHEMA');
    expect(problem).toMatchObject({ pointer: '/riskClass', line: lineOf('xero-invoice/1.0.0/spec.yaml', 'riskClass:') });
    expect(problem?.message).toContain('financial');
  });

  it('reports a JSONata syntax error with its code and position', () => {
    cat.write('xero-invoice/1.0.0/mapping.jsonata', '(\n  $a := 1;\n  { "x": $a + }\n)');
    const [problem] = lintCatalog(cat.dir, opts).filter((p) => p.file.endsWith('mapping.jsonata'));
    expect(problem?.code).toMatch(/^S0\d{3}$/);
    expect(problem?.line).toBe(3);
    expect(problem?.message).toContain('position');
  });

  it('reports unknown schema refs and unknown reference tables', () => {
    cat.edit('xero-invoice/1.0.0/spec.yaml', (t) =>
      t.replace('contract:xero#/components/schemas/Invoice', 'contract:xero#/components/schemas/Invoyce').replace('  - xero-contact', '  - no-such-table'),
    );
    const problems = lintCatalog(cat.dir, opts);
    expect(only(problems, 'MW_SPEC_SCHEMA_REF_UNKNOWN')[0]).toMatchObject({ pointer: '/output/schema' });
    expect(only(problems, 'MW_SPEC_REFERENCE_UNKNOWN')[0]?.message).toContain('no-such-table');
    expect(loadSpecCatalog(cat.dir, opts).specs.map((s) => s.id)).not.toContain('xero-invoice');
  });

  it('reports a duplicate id@version', () => {
    cat.copy('xero-invoice/1.0.0', 'xero-invoice/1.0.1');
    const problems = lintCatalog(cat.dir, opts);
    expect(only(problems, 'MW_SPEC_DUPLICATE')[0]?.message).toContain('xero-invoice@1.0.0');
    expect(only(problems, 'MW_SPEC_PATH_MISMATCH')).toHaveLength(1);
  });

  it('reports test case schema errors with the line and keeps the other cases', () => {
    cat.edit('xero-invoice/1.0.0/tests/07-unknown-tax-code.yaml', (t) => t.replace(/^expect:/m, 'expected:'));
    const problems = only(lintCatalog(cat.dir, opts), 'MW_SPEC_TEST_SCHEMA');
    expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringContaining('"expect"'), expect.stringContaining('"expected"')]));
    expect(problems[0]?.line).toBeDefined();
    const spec = findSpec(loadSpecCatalog(cat.dir, opts), 'xero-invoice');
    expect(spec?.tests).toHaveLength(7);
  });

  it('reports a reference table row that overlaps another for the same key', () => {
    cat.edit('reference/tables/xero-tax-type.yaml', (t) => `${t}  - { key: tc-gb-vat-std, value: OUTPUT, validFrom: "2025-01-01" }\n`);
    expect(only(lintCatalog(cat.dir, opts), 'MW_SPEC_REFERENCE_OVERLAP')[0]?.message).toContain('tc-gb-vat-std');
  });

  it('still loads a spec without the contracts folder, unchecked, and says so', () => {
    const catalog = loadSpecCatalog(cat.dir, { contractsDir: cat.path('no-contracts') });
    expect(only(catalog.problems, 'MW_SPEC_CONTRACT_MISSING').length).toBeGreaterThan(0);
    const invoice = findSpec(catalog, 'xero-invoice');
    expect(invoice?.executable.outputSchema).toBeUndefined();
    expect(invoice?.executable.inputSchema).toBeDefined();
  });

  it('fails with a coded problem when the folder does not exist', () => {
    rmSync(cat.dir, { recursive: true });
    expect(lintCatalog(cat.dir, opts)).toEqual([expect.objectContaining({ code: 'MW_SPEC_CATALOG_MISSING' })]);
  });
});
