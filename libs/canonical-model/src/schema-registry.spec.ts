import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CURRENCY_MINOR_UNITS, UNIT_CODES } from './constants';
import {
  CANONICAL_SCHEMA_BASE,
  SCHEMA_DIR,
  canonicalSchemaId,
  canonicalSchemaNames,
  getCanonicalSchema,
  loadCanonicalSchemas,
  resolveCanonicalRef,
} from './schema-registry';

const schemaFiles = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json')).sort();

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value);
      else collectRefs(value, out);
    }
  }
  return out;
}

describe('schema registry', () => {
  it('resolves the schema directory beside src, so dist finds it too', () => {
    expect(SCHEMA_DIR).toBe(path.resolve(__dirname, '..', 'schemas'));
    expect(existsSync(path.join(SCHEMA_DIR, 'common.schema.json'))).toBe(true);
    expect(schemaFiles.length).toBeGreaterThanOrEqual(26);
  });

  it.each(schemaFiles)('%s has an $id matching its file, a title and a description', (file) => {
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`${CANONICAL_SCHEMA_BASE}${file}`);
    expect(schema.title).toMatch(/^[A-Z][A-Za-z]+$/);
    expect(typeof schema.description).toBe('string');
  });

  it.each(schemaFiles.filter((f) => f !== 'common.schema.json'))(
    '%s is a closed object that carries externalRefs',
    (file) => {
      const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));
      expect(schema.type).toBe('object');
      expect(schema.additionalProperties).toBe(false);
      expect(schema.required).toEqual(expect.arrayContaining(['id', 'externalRefs']));
      expect(schema.properties.externalRefs.$ref).toBe(`${CANONICAL_SCHEMA_BASE}common.schema.json#/$defs/ExternalRefs`);
    },
  );

  it('every $ref points at a schema and definition that exist', () => {
    for (const name of canonicalSchemaNames()) {
      const schema = getCanonicalSchema(name);
      for (const ref of collectRefs(schema)) {
        expect(() => resolveCanonicalRef(ref, schema)).not.toThrow();
      }
    }
    expect(() => resolveCanonicalRef(`${CANONICAL_SCHEMA_BASE}common.schema.json#/$defs/Nope`)).toThrow(/Unresolvable/);
  });

  it('loads schemas keyed by title and by $id, frozen', () => {
    const schemas = loadCanonicalSchemas();
    const id = `${CANONICAL_SCHEMA_BASE}time-entry.schema.json`;
    expect(schemas.TimeEntry).toBeDefined();
    expect(schemas[id]).toBe(schemas.TimeEntry);
    expect(Object.isFrozen(schemas.TimeEntry)).toBe(true);
    expect(canonicalSchemaNames()).toEqual(expect.arrayContaining(['Common', 'Contract', 'JournalLine', 'RateCard']));
  });

  it('maps names to ids and refuses unknown names', () => {
    expect(canonicalSchemaId('TimeEntry')).toBe(`${CANONICAL_SCHEMA_BASE}time-entry.schema.json`);
    expect(canonicalSchemaId('invoice-line')).toBe(`${CANONICAL_SCHEMA_BASE}invoice-line.schema.json`);
    expect(() => canonicalSchemaId('Timesheet')).toThrow(/Unknown canonical schema "Timesheet"/);
  });
});

describe('reference tables', () => {
  it('UNIT_CODES is exactly the unit enum of the schemas', () => {
    const unit = resolveCanonicalRef(`${CANONICAL_SCHEMA_BASE}common.schema.json#/$defs/UnitCode`) as { enum: string[] };
    expect([...UNIT_CODES]).toEqual(unit.enum);
  });

  it('CURRENCY_MINOR_UNITS covers the required currencies with ISO 4217 minor units', () => {
    const expected: Record<string, number> = {
      USD: 2, EUR: 2, GBP: 2, AUD: 2, NZD: 2, CAD: 2, CHF: 2, JPY: 0, KRW: 0, BHD: 3, KWD: 3,
      JOD: 3, OMR: 3, TND: 3, SEK: 2, NOK: 2, DKK: 2, INR: 2, SGD: 2, HKD: 2, ZAR: 2,
    };
    for (const [code, digits] of Object.entries(expected)) expect([code, CURRENCY_MINOR_UNITS[code]]).toEqual([code, digits]);
    for (const code of Object.keys(CURRENCY_MINOR_UNITS)) expect(code).toMatch(/^[A-Z]{3}$/);
    expect(Object.isFrozen(CURRENCY_MINOR_UNITS)).toBe(true);
  });
});
