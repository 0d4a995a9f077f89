import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { CONTRACTS_DIR } from './catalog-fixture.testing';
import { loadOpenApiDocument, openApiComponentToJsonSchema } from './openapi-schema';

const doc = {
  components: {
    schemas: {
      Amount: { type: 'object', properties: { currency: { type: 'string' }, value: { type: 'number', format: 'double' } } },
      Task: {
        type: 'object',
        'x-objectArrayKey': 'tasks',
        required: ['name'],
        properties: {
          name: { type: 'string', maximum: 100, example: 'Design' },
          rate: { $ref: '#/components/schemas/Amount', type: 'number' },
          note: { type: 'string', nullable: true },
          status: { type: 'string', enum: ['A', 'B'], nullable: true },
          owner: { nullable: true, anyOf: [{ $ref: '#/components/schemas/Amount' }] },
          id: { type: 'string', format: 'uuid' },
        },
      },
    },
  },
};

describe('openApiComponentToJsonSchema', () => {
  const schema = openApiComponentToJsonSchema(doc, 'Task');
  const ajv = addFormats(new Ajv2020({ strict: true, strictRequired: false }));
  const validate = ajv.compile(schema);

  it('copies reachable components under $defs and drops OpenAPI-only keywords', () => {
    expect(schema.$ref).toBe('#/$defs/Task');
    expect(Object.keys(schema.$defs as object).sort()).toEqual(['Amount', 'Task']);
    const task = (schema.$defs as Record<string, any>).Task;
    expect(task['x-objectArrayKey']).toBeUndefined();
    expect(task.properties.name).toEqual({ type: 'string' });
    expect(task.properties.rate).toEqual({ $ref: '#/$defs/Amount' });
    expect((schema.$defs as Record<string, any>).Amount.properties.value).toEqual({ type: 'number' });
  });

  it('turns nullable into a null type, a null enum member or an anyOf', () => {
    expect(validate({ name: 'x', note: null, status: null, owner: null })).toBe(true);
    expect(validate({ name: 'x', status: 'C' })).toBe(false);
    expect(validate({ name: 'x', rate: 5 })).toBe(false);
    expect(validate({ name: 'x', id: 'not-a-uuid' })).toBe(false);
  });

  it('names the missing component with a code', () => {
    expect(() => openApiComponentToJsonSchema(doc, 'Nope')).toThrow(expect.objectContaining({ code: 'MW_SPEC_SCHEMA_REF_UNKNOWN' }));
  });

  const contracts = existsSync(CONTRACTS_DIR) ? it : it.skip;
  contracts('compiles the real Xero Invoice and Harvest TimeEntry components', () => {
    const xero = openApiComponentToJsonSchema(loadOpenApiDocument(join(CONTRACTS_DIR, 'xero', 'xero_accounting.yaml')), 'Invoice');
    const invoice = ajv.compile(xero);
    expect(invoice({ Type: 'ACCREC', Contact: { ContactID: '5b0d3ad2-7c1f-4a1e-9a55-0c2a6c1e7d41' }, LineItems: [{ LineAmount: 10.5 }] })).toBe(true);
    expect(invoice({ Type: 'SALE' })).toBe(false);
    const harvest = openApiComponentToJsonSchema(loadOpenApiDocument(join(CONTRACTS_DIR, 'harvest', 'harvest-openapi.yaml')), 'TimeEntry');
    const entry = ajv.compile(harvest);
    expect(entry({ id: 1, hours: null, user_assignment: null, task: { id: 2, name: null } })).toBe(true);
    expect(entry({ id: 1, hours: '1.5' })).toBe(false);
  });
});
