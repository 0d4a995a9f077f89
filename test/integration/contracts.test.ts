/**
 * Contract tests for the shipped mapping specs: what outbound specs send is valid for the Xero Accounting API,
 * what inbound specs accept is what Harvest and Xero Projects document, and both ends agree with the
 * canonical model. The contracts live beside the repository in ../shared/contracts.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { validateCanonical } from '@mapwright/canonical-model';
import { MappingEngine } from '@mapwright/mapping-engine';
import { CONTRACT_FILES, loadOpenApiDocument, loadSpecCatalog, openApiComponentToJsonSchema, type LoadedSpecVersion } from '@mapwright/spec-catalog';

const repoRoot = resolve(__dirname, '..', '..');
const contractsDir = resolve(repoRoot, '..', 'shared', 'contracts');
const present = existsSync(join(contractsDir, CONTRACT_FILES.xero as string));

if (!present && process.env.CI === 'true') {
  throw new Error(`Contract files are required in CI but ${contractsDir} is missing`);
}
const describeContracts = present ? describe : describe.skip;
if (!present) console.warn(`contracts.test: skipped, ${contractsDir} not found`);

const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
const validators = new Map<string, ValidateFunction>();

/** Independent of the spec loader: reads the contract file named by the ref and compiles its component. */
function contractValidator(ref: string): ValidateFunction {
  let validate = validators.get(ref);
  if (!validate) {
    const match = /^contract:([a-z0-9-]+)#\/components\/schemas\/(\w+)$/.exec(ref);
    if (!match) throw new Error(`not a contract ref: ${ref}`);
    const file = join(contractsDir, CONTRACT_FILES[match[1] as string] as string);
    validate = ajv.compile(openApiComponentToJsonSchema(loadOpenApiDocument(file), match[2] as string));
    validators.set(ref, validate);
  }
  return validate;
}

function violations(validate: ValidateFunction, value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

const CANONICAL_TITLES: Record<string, string> = {
  'https://mapwright.dev/schemas/canonical/time-entry.schema.json': 'TimeEntry',
  'https://mapwright.dev/schemas/canonical/invoice.schema.json': 'Invoice',
  'https://mapwright.dev/schemas/canonical/credit-note.schema.json': 'CreditNote',
  'https://mapwright.dev/schemas/canonical/journal-entry.schema.json': 'JournalEntry',
  'https://mapwright.dev/schemas/canonical/customer.schema.json': 'Customer',
  'https://mapwright.dev/schemas/canonical/project.schema.json': 'Project',
};

describeContracts('mapping specs against the public contracts', () => {
  const catalog = loadSpecCatalog(join(repoRoot, 'mapping-specs'), { contractsDir });
  const engine = new MappingEngine({ reference: catalog.reference });
  const outbound = catalog.specs.filter((s) => s.kind === 'outbound');
  const inbound = catalog.specs.filter((s) => s.kind === 'inbound');

  it('loads the catalog cleanly and ships the expected specs', () => {
    expect(catalog.problems).toEqual([]);
    expect(outbound.map((s) => s.outputSchemaRef).sort()).toEqual([
      'contract:xero#/components/schemas/CreditNote',
      'contract:xero#/components/schemas/Invoice',
      'contract:xero#/components/schemas/ManualJournal',
    ]);
    expect(inbound.map((s) => s.inputSchemaRef).sort()).toEqual([
      './legacy-row.schema.json',
      'contract:harvest#/components/schemas/Client',
      'contract:harvest#/components/schemas/Project',
      'contract:harvest#/components/schemas/TimeEntry',
      'contract:xero-projects#/components/schemas/TimeEntry',
    ]);
  });

  const cases = (specs: LoadedSpecVersion[]) => specs.flatMap((s) => s.tests.map((t) => [`${s.id} / ${t.name}`, s, t] as const));

  describe('outbound: what Xero receives', () => {
    it.each(cases(outbound).filter(([, , t]) => t.expect.output !== undefined))('%s', async (_name, spec, tc) => {
      const xero = contractValidator(spec.outputSchemaRef);
      expect(violations(xero, tc.expect.output)).toEqual([]);
      const result = await engine.run(spec.executable, tc.input, { bindings: tc.bindings, now: tc.now, asOf: tc.asOf });
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      expect(violations(xero, result.output)).toEqual([]);
      expect(validateCanonical(CANONICAL_TITLES[spec.inputSchemaRef] as string, tc.input)).toEqual([]);
    });

    it('sends amounts to Xero as numbers, never strings', () => {
      const amounts = outbound.flatMap((s) =>
        s.tests.flatMap((t) => {
          const out = t.expect.output as { LineItems?: Record<string, unknown>[]; JournalLines?: Record<string, unknown>[] } | undefined;
          return [...(out?.LineItems ?? []), ...(out?.JournalLines ?? [])].flatMap((l) => [l.LineAmount, l.TaxAmount, l.UnitAmount].filter((v) => v !== undefined));
        }),
      );
      expect(amounts.length).toBeGreaterThan(20);
      expect(amounts.every((a) => typeof a === 'number')).toBe(true);
    });
  });

  describe('inbound: what the sources send, and what the canonical model receives', () => {
    it.each(cases(inbound))('%s', async (_name, spec, tc) => {
      if (spec.inputSchemaRef.startsWith('contract:')) {
        const source = violations(contractValidator(spec.inputSchemaRef), tc.input);
        // A case built to break the source contract must really break it; every other input must honour it.
        if (tc.expect.errorCode === 'MW_INPUT_SCHEMA') expect(source).not.toEqual([]);
        else expect(source).toEqual([]);
      }
      if (tc.expect.output !== undefined) expect(validateCanonical(CANONICAL_TITLES[spec.outputSchemaRef] as string, tc.expect.output)).toEqual([]);
    });
  });
});
