import type { ExecutableSpec, MappingResult, RunOptions } from '../types';
import { MappingEngine } from './mapping-engine';

const reference = {
  tables: { 'tax-code': { id: 'tax-code', default: 'NONE', rows: [{ key: 'GB', value: 'VAT20' }] } },
  uomProfiles: { 'standard-8h': { id: 'standard-8h', hoursPerDay: '8', daysPerWeek: '5' } },
  defaultUomProfile: 'standard-8h',
};
const engine = new MappingEngine({ reference });

function both(expression: string, extra: Partial<ExecutableSpec> = {}): [ExecutableSpec, ExecutableSpec] {
  const base = { id: 'choice', version: '1.0.0', expression, ...extra };
  return [
    { ...base, engine: 'compiled' },
    { ...base, engine: 'interpreter' },
  ];
}

/** Everything but the timing and the engine that ran. */
function comparable(r: MappingResult): unknown {
  const { durationMs: _d, engine: _e, ...rest } = r;
  return rest;
}

async function runBoth(expression: string, input: unknown, opts?: RunOptions, extra?: Partial<ExecutableSpec>): Promise<[MappingResult, MappingResult]> {
  const [c, i] = both(expression, extra);
  return [await engine.run(c, input, opts), await engine.run(i, input, opts)];
}

describe('engine choice', () => {
  it('auto compiles what the compiler accepts', () => {
    const prepared = engine.prepare({ id: 'auto', version: '1.0.0', expression: '{"a": $decAdd(x, 1)}' });
    expect(prepared.engine).toBe('compiled');
    expect(prepared.compilerDeclined).toBeUndefined();
  });

  it('auto falls back to the interpreter and records why when the compiler declines', async () => {
    const spec = { id: 'auto', version: '1.0.0', expression: '$random() < 1' };
    expect(engine.prepare(spec)).toMatchObject({ engine: 'interpreter', compilerDeclined: expect.stringContaining('random') });
    expect(await engine.run(spec, null)).toMatchObject({ ok: true, output: true, engine: 'interpreter' });
  });

  it('engine: interpreter is never compiled, engine: compiled refuses a declined expression', async () => {
    expect(engine.prepare({ id: 'i', version: '1.0.0', expression: '1 + 1', engine: 'interpreter' }).engine).toBe('interpreter');
    const forced = await engine.run({ id: 'c', version: '1.0.0', expression: '$shuffle([1,2])', engine: 'compiled' }, null);
    expect(forced).toMatchObject({ ok: false, error: { code: 'MW_EVALUATION_FAILED', message: expect.stringContaining('declined') } });
  });

  it('keeps one prepared spec per engine choice for the same content', () => {
    const [c, i] = both('a + 1');
    expect(engine.prepare(c).engine).toBe('compiled');
    expect(engine.prepare(i).engine).toBe('interpreter');
    expect(engine.prepare({ ...c }).engine).toBe('compiled');
    expect(engine.prepare(c).contentHash).toBe(engine.prepare(i).contentHash);
  });

  it('refuses an unknown engine name', async () => {
    const bad = await engine.run({ id: 'x', version: '1.0.0', expression: '1', engine: 'fast' as never }, null);
    expect(bad).toMatchObject({ ok: false, error: { code: 'MW_EVALUATION_FAILED' } });
  });
});

describe('compiled and interpreted runs agree', () => {
  it('on library functions, the pinned clock, bindings and reference data', async () => {
    const expr = '{"t": $decAdd(a, "0.10"), "m": $money($decMul(a, 3), "USD"), "u": $uom(h, "HUR", "DAY"), "x": $xref("tax-code", c), "now": $now(), "ms": $millis(), "tm": $toMillis("10:15", "[H01]:[m01]"), "b": $rate}';
    const [c, i] = await runBoth(expr, { a: 0.2, h: 12, c: 'GB' }, { now: '2024-03-01T09:30:00.000Z', bindings: { rate: 5 } });
    expect(c).toMatchObject({ ok: true, engine: 'compiled' });
    expect(comparable(c)).toEqual(comparable(i));
    expect(c.ok && c.output).toMatchObject({ t: '0.3', m: '0.60', u: '1.5', x: 'VAT20', now: '2024-03-01T09:30:00.000Z', b: 5 });
  });

  it.each([
    ['a library error', '$decAdd(a, "1")', { a: 'abc' }],
    ['a signature error', '$decAdd(a, 1)', { a: { b: 1 } }],
    ['an xref miss', '$xref("nope", "k")', {}],
    ['a type error with position', '{"x": a + 1}', { a: 'text' }],
    ['a uom error', '$uom(1, "HUR", "LBR")', {}],
  ])('on %s', async (_what, expr, input) => {
    const [c, i] = await runBoth(expr, input);
    expect(c).toMatchObject({ ok: false, engine: 'compiled' });
    expect(comparable(c)).toEqual(comparable(i));
  });

  it('on the depth guardrail', async () => {
    const [c, i] = await runBoth('($f := function($n){ $n + $f($n + 1) }; $f(0))', null);
    expect(c).toMatchObject({ ok: false, error: { code: 'U1001', guardrail: 'depth' } });
    expect(comparable(c)).toEqual(comparable(i));
  });

  it('on the time guardrail', async () => {
    const guardrails = { timeoutMs: 50, maxDepth: 1e9 };
    const [c, i] = await runBoth('($loop := function($n){ $n = 0 ? 0 : $loop($n - 1) }; $loop(1e9))', null, undefined, { guardrails });
    expect(c).toMatchObject({ ok: false, engine: 'compiled', error: { code: 'U1001', guardrail: 'timeout' } });
    // where the budget runs out differs from run to run on either path, so the position is left out
    const located = (r: MappingResult) => (r.ok ? r : { ...r, error: { ...r.error, position: undefined } });
    expect(comparable(located(c))).toEqual(comparable(located(i)));
  });

  it.each([
    ['a range', '$count([1..2000])', null],
    ['a sequence built along a path', '$count(a.b)', { a: Array.from({ length: 60 }, () => ({ b: Array.from({ length: 20 }, (_, i) => i) })) }],
  ])('on the sequence guardrail for %s', async (_what, expr, input) => {
    const [c, i] = await runBoth(expr, input, undefined, { guardrails: { maxSequence: 1000 } });
    expect(i).toMatchObject({ ok: false, error: { code: 'MW_SEQUENCE_LIMIT', guardrail: 'sequence' } });
    expect(c).toMatchObject({ engine: 'compiled' });
    expect(comparable(c)).toEqual(comparable(i));
  });

  it('within the sequence guardrail', async () => {
    const [c, i] = await runBoth('$count($map([1..900], function($v){ [$v, $v] }))', null, undefined, { guardrails: { maxSequence: 1000 } });
    expect(c).toMatchObject({ ok: true, output: 900, engine: 'compiled' });
    expect(comparable(c)).toEqual(comparable(i));
  });

  it('returns plain arrays without evaluator flags on both paths', async () => {
    const [c, i] = await runBoth('{"r": [1..3], "n": items.v, "s": items[v > 1].v}', { items: [{ v: 1 }, { v: 2 }, { v: 3 }] });
    for (const r of [c, i]) {
      const out = (r as { output: Record<string, unknown[]> }).output;
      expect(out).toEqual({ r: [1, 2, 3], n: [1, 2, 3], s: [2, 3] });
      for (const arr of Object.values(out)) expect(Object.keys(arr)).toEqual(['0', '1', '2'].slice(0, arr.length));
    }
  });
});
