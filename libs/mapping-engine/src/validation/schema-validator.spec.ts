import { validateAgainstSchema } from './schema-validator';

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://mapwright.example/schemas/time-entry.json',
  type: 'object',
  required: ['id', 'lines'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid' },
    email: { type: 'string', format: 'email' },
    lines: { type: 'array', prefixItems: [{ type: 'object', required: ['a~b/c'] }], items: { type: 'object' } },
  },
};

describe('validateAgainstSchema', () => {
  it('returns no violations for a valid value', () => {
    expect(validateAgainstSchema(schema, { id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', lines: [{ 'a~b/c': 1 }] })).toEqual([]);
  });

  it('lists every violation with a JSON pointer, message and keyword (2020-12 keywords and formats)', () => {
    const violations = validateAgainstSchema(schema, { id: 'nope', email: 'not-an-email', lines: [{}], stray: 1 });
    expect(violations).toEqual(
      expect.arrayContaining([
        { pointer: '/id', message: expect.stringContaining('uuid'), keyword: 'format' },
        { pointer: '/email', message: expect.stringContaining('email'), keyword: 'format' },
        { pointer: '/lines/0/a~0b~1c', message: expect.any(String), keyword: 'required' },
        { pointer: '/stray', message: expect.any(String), keyword: 'additionalProperties' },
      ]),
    );
    expect(violations).toHaveLength(4);
  });

  it('compiles two schemas sharing an $id without clashing', () => {
    const other = { ...schema, required: ['other'] };
    expect(validateAgainstSchema(other, { id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', lines: [] })).toEqual([
      { pointer: '/other', message: expect.any(String), keyword: 'required' },
    ]);
    expect(validateAgainstSchema(schema, { id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', lines: [] })).toEqual([]);
  });
});
