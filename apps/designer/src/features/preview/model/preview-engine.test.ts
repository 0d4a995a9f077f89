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

  it('runs the shipped mapping on the compiled path with the interpreter\'s outputs, errors and violations', async () => {
    const engine = new PreviewEngine();
    const samples = Array.from({ length: 200 }, (_, i) => entry(i));
    samples.push({ ...entry(0), name: 'running', input: { ...(entry(0).input as object), is_running: true } });
    samples.push({ ...entry(0), name: 'bad hours', input: { ...(entry(0).input as object), hours: 'many' } });
    const compiled = await engine.run({ id: 5, expression: mapping, samples, reference, outputSchema: schema });
    const interpreted = await engine.run({ id: 6, expression: mapping, samples, reference, outputSchema: schema, engine: 'interpreter' });
    expect(compiled.engine).toBe('compiled');
    expect(compiled.compilerDeclined).toBeUndefined();
    expect(interpreted.engine).toBe('interpreter');
    expect(compiled.outcomes).toEqual(interpreted.outcomes);
    expect(compiled.outcomes.filter((o) => o.ok)).toHaveLength(200);
    expect(compiled.outcomes.at(-2)).toMatchObject({ ok: false, error: { code: 'D3141' } });
  });

  it('reports violations at the same pointers on the compiled path', async () => {
    const res = await new PreviewEngine().run({ id: 7, expression: '{ "id": 5, "quantity": { "value": "x" } }', samples: [entry(0)], outputSchema: schema, engine: 'compiled' });
    expect(res.engine).toBe('compiled');
    expect(res.outcomes[0].violations.map((v) => v.pointer).sort()).toEqual(['/id', '/quantity/unit', '/quantity/value']);
  });

  it('falls back to jsonata, with the reason, for an expression the compiler declines', async () => {
    const res = await new PreviewEngine().run({ id: 8, expression: '$eval("1 + 2")', samples: [entry(0)] });
    expect(res.engine).toBe('interpreter');
    expect(res.compilerDeclined).toMatch(/eval/);
    expect(res.outcomes[0]).toMatchObject({ ok: true, output: 3 });
  });

  it('reports a syntax error with its code and position for every sample', async () => {
    const res = await new PreviewEngine().run({ id: 9, expression: '{ "a": ', samples: [entry(0), entry(1)] });
    expect(res.engine).toBeUndefined();
    expect(res.outcomes.map((o) => o.error?.code)).toEqual(['S0203', 'S0203']);
    expect(res.outcomes[0].error?.position).toEqual(expect.any(Number));
  });

  it('stops a runaway expression with the engine\'s guardrail instead of hanging the worker', async () => {
    const res = await new PreviewEngine().run({ id: 10, expression: '($f := function($n) { $f($n + 1) }; $f(0))', samples: [entry(0)] });
    expect(res.outcomes[0]).toMatchObject({ ok: false, error: { code: 'U1001' } });
  });
});
