import { MappingError } from '../errors/mapping-error';
import { contentHash } from '../spec/content-hash';
import type { ExecutableSpec } from '../types';
import { MappingEngine } from './mapping-engine';

const timeEntrySchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['id', 'hours', 'spent_date'],
  properties: {
    id: { type: 'integer' },
    hours: { type: 'number', minimum: 0 },
    spent_date: { type: 'string', format: 'date' },
  },
};
const canonicalSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['externalId', 'quantity'],
  additionalProperties: false,
  properties: { externalId: { type: 'string' }, quantity: { type: 'string', pattern: '^[0-9.]+$' }, date: { type: 'string' } },
};
const spec: ExecutableSpec = {
  id: 'harvest.time-entry',
  version: '1.2.0',
  expression: '{"externalId": $string(id), "quantity": $uom(hours, "HUR", "HUR"), "date": spent_date}',
  inputSchema: timeEntrySchema,
  outputSchema: canonicalSchema,
};
const reference = { tables: {}, uomProfiles: { 'standard-8h': { id: 'standard-8h', hoursPerDay: '8', daysPerWeek: '5' } }, defaultUomProfile: 'standard-8h' };

describe('MappingEngine.run', () => {
  const engine = new MappingEngine({ reference });

  it('maps and reports spec id, version, content hash, duration and engine', async () => {
    const result = await engine.run(spec, { id: 7, hours: 1.5, spent_date: '2024-05-02' });
    expect(result).toEqual({
      ok: true,
      output: { externalId: '7', quantity: '1.5', date: '2024-05-02' },
      specId: 'harvest.time-entry',
      version: '1.2.0',
      contentHash: contentHash(spec),
      durationMs: expect.any(Number),
      engine: 'compiled',
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('compiles once per content hash', () => {
    const first = engine.prepare(spec);
    expect(engine.prepare(spec)).toBe(first);
    expect(engine.prepare({ ...spec })).toBe(first);
    expect(engine.prepare({ ...spec, version: '1.2.1' })).not.toBe(first);
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('throws a MappingError with JSONata code, position, token, spec id and version from prepare', () => {
    let caught: unknown;
    try {
      engine.prepare({ id: 'broken', version: '0.1.0', expression: '{"a": 1 + }' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MappingError);
    expect((caught as MappingError).data).toEqual({
      code: 'S0211',
      message: expect.any(String),
      position: 11,
      token: '}',
      specId: 'broken',
      version: '0.1.0',
    });
  });

  it('returns a syntax error as ok:false from run, never throwing', async () => {
    const result = await engine.run({ id: 'broken', version: '0.1.0', expression: 'a.(' }, {});
    expect(result).toMatchObject({ ok: false, specId: 'broken', version: '0.1.0', error: { code: expect.stringMatching(/^S0/), position: expect.any(Number) } });
    expect(result.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports input schema violations as pointers', async () => {
    const result = await engine.run(spec, { id: 'seven', hours: -1, spent_date: '2024-13-45' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('MW_INPUT_SCHEMA');
    expect(result.error.violations).toEqual(
      expect.arrayContaining([
        { pointer: '/id', message: expect.any(String), keyword: 'type' },
        { pointer: '/hours', message: expect.any(String), keyword: 'minimum' },
        { pointer: '/spent_date', message: expect.any(String), keyword: 'format' },
      ]),
    );
    const missing = await engine.run(spec, { id: 1, hours: 1 });
    expect(!missing.ok && missing.error.violations).toEqual([{ pointer: '/spent_date', message: expect.any(String), keyword: 'required' }]);
  });

  it('reports output schema violations as pointers, and can skip validation on request', async () => {
    const leaky: ExecutableSpec = { ...spec, expression: '{"externalId": id, "quantity": "1", "extra": true}' };
    const result = await engine.run(leaky, { id: 7, hours: 1, spent_date: '2024-05-02' });
    expect(result).toMatchObject({ ok: false, error: { code: 'MW_OUTPUT_SCHEMA' } });
    expect(!result.ok && result.error.violations).toEqual(
      expect.arrayContaining([
        { pointer: '/externalId', message: expect.any(String), keyword: 'type' },
        { pointer: '/extra', message: expect.any(String), keyword: 'additionalProperties' },
      ]),
    );
    const unchecked = await engine.run(leaky, { id: 7 }, { validateInput: false, validateOutput: false });
    expect(unchecked).toMatchObject({ ok: true, output: { externalId: 7, extra: true } });
  });

  it('refuses an invalid schema at prepare time with the schema code', () => {
    expect(() => engine.prepare({ ...spec, version: '9.9.9', outputSchema: { type: 'no-such-type' } })).toThrow(
      expect.objectContaining({ code: 'MW_OUTPUT_SCHEMA' }),
    );
  });

  it('applies input hygiene to parsed values before mapping', async () => {
    const result = await engine.run({ id: 'h', version: '1.0.0', expression: '$' }, { id: 2 ** 60 });
    expect(result).toMatchObject({ ok: false, error: { code: 'MW_UNSAFE_INTEGER' } });
  });

  it('passes bindings as variables', async () => {
    const result = await engine.run({ id: 'b', version: '1.0.0', expression: '$rate * hours' }, { hours: 2 }, { bindings: { rate: 50 } });
    expect(result).toMatchObject({ ok: true, output: 100 });
  });

  it('maps a batch in order', async () => {
    const results = await engine.runBatch({ id: 'b', version: '1.0.0', expression: 'n * 2' }, [{ n: 1 }, { n: 2 }, { n: 'x' }]);
    expect(results.map((r) => (r.ok ? r.output : r.error.code))).toEqual([2, 4, 'T2001']);
  });
});

describe('MappingEngine guardrails in-process', () => {
  const engine = new MappingEngine();

  it('stops infinite recursion at maxDepth with U1001', async () => {
    const result = await engine.run({ id: 'rec', version: '1.0.0', expression: '($f := function($n){ $n + $f($n + 1) }; $f(0))' }, null);
    expect(result).toMatchObject({ ok: false, error: { code: 'U1001', guardrail: 'depth', specId: 'rec' } });
  });

  it('keeps guardrails on inside $eval', async () => {
    const result = await engine.run({ id: 'eval', version: '1.0.0', expression: '$eval("($f := function($n){ $n + $f($n + 1) }; $f(0))")' }, null);
    expect(result).toMatchObject({ ok: false, error: { code: 'U1001', guardrail: 'depth' } });
  });

  it('stops a long loop at timeoutMs with U1001', async () => {
    const started = Date.now();
    const result = await engine.run(
      { id: 'loop', version: '1.0.0', expression: '($loop := function($n){ $n = 0 ? 0 : $loop($n - 1) }; $loop(1e9))', guardrails: { timeoutMs: 100, maxDepth: 1e9 } },
      null,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'U1001', guardrail: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails [1..1e9] fast with D2014 and a large range with MW_SEQUENCE_LIMIT', async () => {
    const started = Date.now();
    const huge = await engine.run({ id: 'range', version: '1.0.0', expression: '[1..1e9]' }, null);
    expect(huge).toMatchObject({ ok: false, error: { code: 'D2014', token: '..' } });
    const large = await engine.run({ id: 'range', version: '1.0.0', expression: '$count([1..200000])' }, null);
    expect(large).toMatchObject({ ok: false, error: { code: 'MW_SEQUENCE_LIMIT', guardrail: 'sequence' } });
    const wide = { a: Array.from({ length: 2000 }, () => ({ b: Array.from({ length: 100 }, (_, i) => i) })) };
    const built = await engine.run({ id: 'range', version: '1.0.0', expression: '$count(a.b)' }, wide);
    expect(built).toMatchObject({ ok: false, error: { code: 'MW_SEQUENCE_LIMIT' } });
    expect(Date.now() - started).toBeLessThan(2000);
    const fits = await engine.run({ id: 'range', version: '1.0.0', expression: '$count([1..200000])', guardrails: { maxSequence: 300000 } }, null);
    expect(fits).toMatchObject({ ok: true, output: 200000 });
  });
});
