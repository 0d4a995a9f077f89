import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { CONTRACTS_DIR, REPO_ROOT, SHIPPED_SPECS_DIR } from './catalog-fixture.testing';
import { resolveSchemaRef } from './schema-resolver';

const TIME_ENTRY = 'https://mapwright.dev/schemas/canonical/time-entry.schema.json';
const example = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'libs', 'canonical-model', 'examples', `${name}.json`), 'utf8'));

describe('resolveSchemaRef', () => {
  it('bundles a canonical schema that validates like the original, and returns the same object each time', () => {
    const schema = resolveSchemaRef(TIME_ENTRY, CONTRACTS_DIR);
    expect(resolveSchemaRef(TIME_ENTRY, CONTRACTS_DIR)).toBe(schema);
    const ajv = addFormats(new Ajv2020({ strict: false }));
    // Two compiles in one validator: possible only because the bundle carries no $id.
    const validate = ajv.compile(schema);
    ajv.compile(JSON.parse(JSON.stringify(schema)));
    expect(validate(example('time-entry'))).toBe(true);
    expect(validate({ ...example('time-entry'), quantity: { value: '7.5', unit: 'HOURS' } })).toBe(false);
  });

  it('reads a local schema relative to the spec folder', () => {
    const dir = join(SHIPPED_SPECS_DIR, 'legacy-csv-time-entry', '1.0.0');
    expect(resolveSchemaRef('./legacy-row.schema.json', CONTRACTS_DIR, dir)).toMatchObject({ title: 'LegacyTimesheetRow' });
    expect(() => resolveSchemaRef('./legacy-row.schema.json', CONTRACTS_DIR)).toThrow(expect.objectContaining({ code: 'MW_SPEC_SCHEMA_REF_UNKNOWN' }));
    expect(() => resolveSchemaRef('./missing.json', CONTRACTS_DIR, dir)).toThrow(expect.objectContaining({ code: 'MW_SPEC_SCHEMA_REF_UNKNOWN' }));
  });

  it('names unknown canonical schemas and contracts with a code', () => {
    expect(() => resolveSchemaRef('https://mapwright.dev/schemas/canonical/nope.schema.json', CONTRACTS_DIR)).toThrow(
      expect.objectContaining({ code: 'MW_SPEC_SCHEMA_REF_UNKNOWN' }),
    );
    expect(() => resolveSchemaRef('contract:sap#/components/schemas/Invoice', CONTRACTS_DIR)).toThrow(expect.objectContaining({ code: 'MW_SPEC_SCHEMA_REF_UNKNOWN' }));
    expect(() => resolveSchemaRef('contract:xero#/components/schemas/Invoice', '/nonexistent')).toThrow(expect.objectContaining({ code: 'MW_SPEC_CONTRACT_MISSING' }));
  });
});
