import { translateSchema } from './openapi-to-json-schema';

const options = { definitionsPointer: 'doc.json#/definitions', direction: 'request' as const };

describe('translateSchema', () => {
  it('rewrites component refs and drops their OpenAPI 3.0 siblings', () => {
    expect(translateSchema({ $ref: '#/components/schemas/LineAmountTypes', type: 'string' }, options)).toEqual({ $ref: 'doc.json#/definitions/LineAmountTypes' });
  });

  it('turns nullable into a type union and removes vendor keys and examples', () => {
    expect(translateSchema({ type: 'string', enum: ['A'], nullable: true, example: 'A', 'x-snake': 'a' }, options)).toEqual({ type: ['string', 'null'], enum: ['A', null] });
  });

  it('accepts readOnly properties unchecked on requests but keeps them on responses', () => {
    const schema = { type: 'object', required: ['Total', 'Name'], properties: { Total: { type: 'number', readOnly: true }, Name: { type: 'string' } } };
    expect(translateSchema(schema, options)).toEqual({ type: 'object', required: ['Name'], properties: { Name: { type: 'string' } } });
    expect(translateSchema(schema, { ...options, direction: 'response' }).properties).toHaveProperty('Total');
  });

  it('gives Xero date fields a checkable format', () => {
    expect(translateSchema({ type: 'string', 'x-is-msdate': true }, options)).toEqual({ type: 'string', format: 'xero-date' });
  });
});
