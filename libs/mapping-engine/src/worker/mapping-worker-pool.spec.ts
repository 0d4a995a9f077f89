import { MappingEngine } from '../engine/mapping-engine';
import type { ExecutableSpec, MappingResult, ReferenceData } from '../types';
import { MappingWorkerPool } from './mapping-worker-pool';

const reference: ReferenceData = {
  tables: { project: { id: 'project', default: 'UNMAPPED', rows: [{ key: '1', value: 'P-ONE' }] } },
  uomProfiles: { 'standard-8h': { id: 'standard-8h', hoursPerDay: '8', daysPerWeek: '5' } },
  defaultUomProfile: 'standard-8h',
};
const mapping: ExecutableSpec = {
  id: 'pool.map',
  version: '1.0.0',
  expression: '{"id": $string(id), "project": $xref("project", project), "days": $uom(hours, "HUR", "E49"), "at": $now()}',
};
const regex: ExecutableSpec = { id: 'pool.regex', version: '1.0.0', expression: '$contains(s, /(a+)+$/)', guardrails: { timeoutMs: 200 } };
const outputs = (results: MappingResult[]) => results.map((r) => (r.ok ? r.output : r.error.code));

describe('MappingWorkerPool', () => {
  let pool: MappingWorkerPool;

  beforeAll(() => {
    pool = new MappingWorkerPool({ size: 2, reference, watchdogGraceMs: 200 });
  });

  afterAll(async () => {
    await pool.close();
  });

  it('gives the same results as the in-process engine, in input order', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => ({ id: i, project: String(i % 3), hours: i }));
    const now = '2024-02-01T08:00:00.000Z';
    const [fromPool, inProcess] = await Promise.all([pool.runBatch(mapping, inputs, { now }), new MappingEngine({ reference }).runBatch(mapping, inputs, { now })]);
    expect(JSON.stringify(outputs(fromPool))).toBe(JSON.stringify(outputs(inProcess)));
    expect(fromPool[1]).toMatchObject({ ok: true, specId: 'pool.map', version: '1.0.0', engine: 'compiled', output: { project: 'P-ONE', days: '0.125' } });
  }, 30000);

  it('runs the interpreter in its workers when the spec asks for it, with the same results', async () => {
    const inputs = Array.from({ length: 20 }, (_, i) => ({ id: i, project: String(i % 3), hours: i }));
    const now = '2024-02-01T08:00:00.000Z';
    const [compiled, interpreted] = await Promise.all([pool.runBatch(mapping, inputs, { now }), pool.runBatch({ ...mapping, engine: 'interpreter' }, inputs, { now })]);
    expect(compiled.every((r) => r.engine === 'compiled')).toBe(true);
    expect(interpreted.every((r) => r.engine === 'interpreter')).toBe(true);
    expect(JSON.stringify(outputs(compiled))).toBe(JSON.stringify(outputs(interpreted)));
  }, 30000);

  it('stops a catastrophic regex within its budget, replaces the worker and keeps serving', async () => {
    const started = Date.now();
    const stuck = await pool.run(regex, { s: 'a'.repeat(50) + '!' });
    const elapsed = Date.now() - started;
    expect(stuck).toMatchObject({ ok: false, error: { code: 'MW_TIMEOUT', guardrail: 'timeout', specId: 'pool.regex' } });
    // Budget 200 ms + grace 200 ms + one watchdog tick, with slack for a loaded machine.
    expect(elapsed).toBeLessThan(2000);
    const next = await pool.run(mapping, { id: 1, project: '1', hours: 4 }, { now: '2024-02-01T08:00:00.000Z' });
    expect(next).toMatchObject({ ok: true, output: { id: '1', project: 'P-ONE', days: '0.5' } });
  }, 30000);

  it('keeps the calling thread responsive while a worker is stuck', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    try {
      const stuck = await pool.run(regex, { s: 'a'.repeat(50) + '!' });
      expect(stuck).toMatchObject({ ok: false, error: { code: 'MW_TIMEOUT' } });
    } finally {
      clearInterval(timer);
    }
    // In-process the same regex would block this thread until the end (0 or 1 tick); here timers keep firing.
    expect(ticks).toBeGreaterThanOrEqual(10);
  }, 30000);

  it('blames only the runaway record in a batch and re-runs the others', async () => {
    const inputs = [{ s: 'aaa' }, { s: 'a'.repeat(50) + '!' }, { s: 'b' }, { s: 'xa' }];
    const results = await pool.runBatch(regex, inputs);
    expect(outputs(results)).toEqual([true, 'MW_TIMEOUT', false, true]);
  }, 30000);

  it('answers JSONata guardrails from inside the worker (recursion, huge ranges)', async () => {
    const results = await Promise.all([
      // not a tail call, so the depth guardrail answers (a tail call would loop until the time budget)
      pool.run({ id: 'pool.rec', version: '1.0.0', expression: '($f := function($n){ 1 + $f($n + 1) }; $f(1))' }, null),
      pool.run({ id: 'pool.range', version: '1.0.0', expression: '[1..1e9]' }, null),
      pool.run({ id: 'pool.syntax', version: '1.0.0', expression: '(' }, null),
    ]);
    expect(outputs(results)).toEqual(['U1001', 'D2014', 'S0203']);
    expect(results[0]).toMatchObject({ ok: false, error: { guardrail: 'depth' } });
  }, 30000);

  it('turns a worker running out of memory into MW_WORKER_CRASHED and recovers', async () => {
    const small = new MappingWorkerPool({ size: 1, maxWorkerMemoryMb: 32 });
    try {
      const bomb: ExecutableSpec = {
        id: 'pool.bomb',
        version: '1.0.0',
        expression: '$reduce([1..30], function($acc, $v){ $append($acc, $acc) })',
        guardrails: { timeoutMs: 20000, maxSequence: 1e7 },
      };
      const result = await small.run(bomb, null);
      expect(result).toMatchObject({ ok: false, error: { code: 'MW_WORKER_CRASHED' } });
      const after = await small.run({ id: 'pool.ok', version: '1.0.0', expression: '1 + 1' }, null);
      expect(after).toMatchObject({ ok: true, output: 2 });
    } finally {
      await small.close();
    }
  }, 60000);

  it('sends reference data changes to its workers', async () => {
    const local = new MappingWorkerPool({ size: 1, reference });
    try {
      local.setReferenceData({ ...reference, tables: { project: { id: 'project', rows: [{ key: '1', value: 'P-NEW' }] } } });
      const result = await local.run(mapping, { id: 1, project: '1', hours: 8 });
      expect(result).toMatchObject({ ok: true, output: { project: 'P-NEW', days: '1' } });
    } finally {
      await local.close();
    }
  }, 30000);

  it('refuses inputs that cannot cross to a worker without crashing', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const results = await pool.runBatch({ id: 'pool.id', version: '1.0.0', expression: '$' }, [{ ok: 1 }, deep]);
    expect(outputs(results)).toEqual([{ ok: 1 }, 'MW_INPUT_TOO_DEEP']);
  }, 30000);

  it('refuses bindings that cannot cross to a worker instead of retrying forever', async () => {
    const result = await pool.run({ id: 'pool.fn', version: '1.0.0', expression: '$f(1)' }, {}, { bindings: { f: (x: number) => x } });
    expect(result).toMatchObject({ ok: false, error: { code: 'MW_EVALUATION_FAILED', specId: 'pool.fn' } });
  });

  it('compiles a spec and its schemas outside the first record\'s budget', async () => {
    // Hundreds of patterned properties take ajv far longer to compile than the record's 150 ms budget.
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < 250; i++) properties[`f${i}`] = { type: 'string', pattern: `^[a-z]{${(i % 7) + 1}}-\\d+$`, maxLength: 40 + i };
    const heavy: ExecutableSpec = { id: 'pool.heavy', version: '1.0.0', expression: '{"a": f1}', inputSchema: { type: 'object', properties }, guardrails: { timeoutMs: 150 } };
    const fresh = new MappingWorkerPool({ size: 1, watchdogGraceMs: 0 });
    try {
      const started = Date.now();
      const result = await fresh.run(heavy, { f1: 'ab-1' });
      expect(result).toMatchObject({ ok: true, output: { a: 'ab-1' } });
      // The compile the budget no longer covers really was longer than the budget.
      expect(Date.now() - started).toBeGreaterThan(150);
    } finally {
      await fresh.close();
    }
  }, 60000);

  it('answers MW_WORKER_CRASHED once closed', async () => {
    const closing = new MappingWorkerPool({ size: 1 });
    await closing.close();
    expect(await closing.run(mapping, {})).toMatchObject({ ok: false, error: { code: 'MW_WORKER_CRASHED' } });
  });
});
