import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { arbitraryFromSchema } from './schema-arbitrary';

const schema = {
  $defs: { money: { type: 'object', required: ['amount', 'currency'], properties: { amount: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' }, currency: { enum: ['GBP', 'JPY'] } } } },
  type: 'object',
  required: ['id', 'when', 'lines'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    when: { type: 'string', format: 'date' },
    at: { type: ['string', 'null'], format: 'date-time' },
    qty: { type: 'integer', minimum: 1, maximum: 59940 },
    rate: { type: 'number', minimum: 0, maximum: 1000 },
    lines: { type: 'array', minItems: 1, items: { $ref: '#/$defs/money' } },
    flag: { anyOf: [{ type: 'boolean' }, { type: 'null' }] },
    code: { type: 'string', minLength: 2, maxLength: 5 },
  },
};

describe('arbitraryFromSchema', () => {
  it('produces values that satisfy the schema they came from', () => {
    const validate = addFormats(new Ajv2020({ strict: false })).compile(schema);
    fc.assert(
      fc.property(arbitraryFromSchema(schema), (value) => {
        const ok = validate(value);
        if (!ok) throw new Error(`${JSON.stringify(value)}: ${JSON.stringify(validate.errors)}`);
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('leaves optional properties out some of the time', () => {
    const samples = fc.sample(arbitraryFromSchema(schema), { numRuns: 100, seed: 7 }) as Record<string, unknown>[];
    expect(samples.some((s) => !('qty' in s))).toBe(true);
    expect(samples.some((s) => 'qty' in s)).toBe(true);
    expect(samples.every((s) => 'id' in s && 'lines' in s)).toBe(true);
  });
});
