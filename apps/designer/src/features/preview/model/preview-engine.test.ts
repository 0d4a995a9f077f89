import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PreviewEngine, PreviewSample } from './preview-engine';

const root = resolve(process.cwd(), '../..');
const mapping = readFileSync(resolve(root, 'mapping-specs/harvest-time-entry/1.0.0/mapping.jsonata'), 'utf8');
const reference = { tables: { 'harvest-task-service-type': { id: 'harvest-task-service-type', rows: [{ key: 'Consulting', value: 'consulting' }] } } };
const schema = {
  type: 'object',
  required: ['id', 'quantity'],
  properties: { id: { type: 'string' }, quantity: { type: 'object', required: ['value', 'unit'], properties: { value: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' }, unit: { type: 'string' } } } },
};

function entry(i: number): PreviewSample {
  return {
    name: `entry ${i}`,
    input: { id: 1000 + i, spent_date: '2026-03-02', hours: 1.3333 + i / 1000, user: { id: 7 }, project: { id: 9 }, task: { id: 3, name: 'Consulting' }, billable: true, billable_rate: 150, is_running: false, updated_at: '2026-03-02T10:00:00Z' },
    bindings: { currency: 'GBP', legalEntityId: 'le-uk', correlationId: 'c-1' },
    now: '2026-03-03T08:00:00Z',
  };
}

describe('PreviewEngine (in-browser instant preview)', () => {
  it('runs the shipped Harvest mapping with the engine\'s function library', async () => {
    const res = await new PreviewEngine().run({ id: 1, expression: mapping, samples: [entry(0)], reference, outputSchema: schema });
    const [outcome] = res.outcomes;
    expect(outcome.error).toBeUndefined();
    expect(outcome.output).toMatchObject({ id: 'harvest-te-1000', quantity: { value: '1.33', unit: 'HUR' }, serviceType: 'consulting', explicitRate: { amount: '150.00', currency: 'GBP' } });
    expect(outcome.violations).toEqual([]);
  });

  it('reports target-schema violations at their JSON pointers', async () => {
    const res = await new PreviewEngine().run({ id: 2, expression: '{ "id": 5, "quantity": { "value": "x" } }', samples: [entry(0)], outputSchema: schema });
    const pointers = res.outcomes[0].violations.map((v) => v.pointer).sort();
    expect(pointers).toEqual(['/id', '/quantity/unit', '/quantity/value']);
  });

  it('reports a mapping error with its code', async () => {
    const res = await new PreviewEngine().run({ id: 3, expression: mapping, samples: [{ ...entry(0), input: { ...(entry(0).input as object), is_running: true } }], reference });
    expect(res.outcomes[0]).toMatchObject({ ok: false, error: { code: 'D3141' } });
  });

  it('maps 1,000 records fast enough to follow typing', async () => {
    const engine = new PreviewEngine();
    const samples = Array.from({ length: 1000 }, (_, i) => entry(i));
    await engine.run({ id: 0, expression: mapping, samples: samples.slice(0, 50), reference, outputSchema: schema });
    const res = await engine.run({ id: 4, expression: mapping, samples, reference, outputSchema: schema });
    // eslint-disable-next-line no-console -- printing the timing is what this benchmark is for
    console.log(`preview: 1,000 Harvest records mapped and validated in ${res.elapsedMs.toFixed(1)} ms`);
    expect(res.outcomes.every((o) => o.ok)).toBe(true);
    // The goal is 100 ms on a quiet machine; this bound only catches an order-of-magnitude regression on a shared, loaded CI box.
    expect(res.elapsedMs).toBeLessThan(5000);
  });
});
