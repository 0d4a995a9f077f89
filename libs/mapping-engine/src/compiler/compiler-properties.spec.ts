import * as fc from 'fast-check';
import jsonata from 'jsonata';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { compileJsonata } from './index';

type Outcome = { value: string | undefined } | { error: string | undefined };

const hostFunctions = {
  decRound: (value: unknown, places: unknown) => (typeof value === 'number' ? value.toFixed(Number(places)) : undefined),
  money: (amount: unknown, currency: unknown) => (typeof amount === 'number' ? `${amount.toFixed(currency === 'JPY' ? 0 : 2)}` : undefined),
  xref: (_table: unknown, key: unknown) => (typeof key === 'string' ? key.toLowerCase().replace(/\s+/g, '-') : undefined),
};

async function interpreted(expr: string, input: unknown, bindings: Record<string, unknown>): Promise<Outcome> {
  const compiled = jsonata(expr);
  for (const [name, impl] of Object.entries(hostFunctions)) compiled.registerFunction(name, impl);
  try {
    return { value: JSON.stringify(await compiled.evaluate(input, bindings)) };
  } catch (err) {
    return { error: (err as { code?: string }).code };
  }
}

function compiledOutcome(expr: string, input: unknown, bindings: Record<string, unknown>, guarded: boolean): Outcome {
  const compiled = compileJsonata(expr, { functions: hostFunctions });
  if (!compiled.ok) throw new Error(`expected ${expr} to compile: ${compiled.reason}`);
  try {
    const guard = guarded ? { deadline: Date.now() + 10_000, maxDepth: 500 } : undefined;
    return { value: JSON.stringify(compiled.fn(input, bindings, guard)) };
  } catch (err) {
    return { error: (err as { code?: string }).code };
  }
}

/** Field values as they arrive from real APIs: usually the right type, sometimes not. */
const loose = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 1, arbitrary: fc.boolean() },
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 5 });
const number = fc.oneof(fc.integer({ min: -100000, max: 100000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }));
const ref = fc.record({ id: maybe(fc.oneof(fc.integer({ min: 1, max: 1e9 }), loose)), name: maybe(fc.oneof(fc.string({ maxLength: 12 }), loose)), code: maybe(fc.string({ maxLength: 5 })) }, { requiredKeys: [] });

const harvestEntry = fc.record(
  {
    id: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 2 ** 40 }) }, { weight: 1, arbitrary: loose }),
    spent_date: fc.oneof(fc.constant('2026-03-02'), fc.string({ maxLength: 10 }), loose),
    hours: fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 24, noNaN: true }) }, { weight: 1, arbitrary: loose }),
    user: fc.oneof({ weight: 6, arbitrary: ref }, { weight: 1, arbitrary: fc.array(ref, { maxLength: 2 }) }, { weight: 1, arbitrary: loose }),
    project: fc.oneof({ weight: 6, arbitrary: ref }, { weight: 1, arbitrary: loose }),
    task: fc.oneof({ weight: 6, arbitrary: ref }, { weight: 1, arbitrary: loose }),
    notes: fc.oneof(fc.string({ maxLength: 20 }), loose),
    billable: fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: loose }),
    billable_rate: fc.oneof({ weight: 4, arbitrary: number }, { weight: 1, arbitrary: loose }),
    is_locked: fc.oneof(fc.boolean(), loose),
    is_billed: fc.boolean(),
    is_closed: fc.boolean(),
    is_running: fc.boolean(),
    created_at: fc.oneof(fc.constant('2026-03-02T17:05:12Z'), fc.constant('2026-03-02T17:05:12.250+02:00'), fc.string({ maxLength: 8 })),
    updated_at: fc.oneof(fc.constant('2026-03-02T17:06:40Z'), loose),
  },
  { requiredKeys: [] },
);

const TWELVE_FIELDS = `{
  "id": "harvest-te-" & $string(id),
  "spentDate": spent_date,
  "minutes": $round(hours * 60),
  "userId": $string(user.id),
  "userName": user.name,
  "projectId": $string(project.id),
  "projectCode": $uppercase(project.code),
  "task": task.name,
  "notes": $trim(notes),
  "billable": billable = true,
  "billableRate": billable_rate,
  "status": is_locked = true ? "locked" : "open",
  "createdAt": $toMillis(created_at)
}`;

const HARVEST_SPEC = readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'mapping-specs', 'harvest-time-entry', '1.0.0', 'mapping.jsonata'), 'utf8');

const invoice = fc.record({
  number: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
  currency: fc.constantFrom('USD', 'EUR', 'JPY'),
  lines: fc.array(
    fc.record(
      {
        sku: fc.string({ maxLength: 4 }),
        qty: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: -5, max: 50 }) }, { weight: 1, arbitrary: loose }),
        price: fc.oneof({ weight: 5, arbitrary: fc.double({ min: 0, max: 500, noNaN: true }) }, { weight: 1, arbitrary: loose }),
        tags: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
        kind: fc.constantFrom('time', 'expense', 'fee'),
      },
      { requiredKeys: ['sku', 'kind'] },
    ),
    // Non-empty: group-by over an empty input array makes the interpreter write into that
    // array, and what other fields then see depends on its promise scheduling (see below).
    { minLength: 1, maxLength: 6 },
  ),
});

const INVOICE_SUMMARY = `(
  $lines := lines[qty > 0];
  {
    "ref": "INV-" & $pad($string(number), 6, "0"),
    "count": $count($lines),
    "total": $round($sum($lines.(qty * price)), 2),
    "max": $max($lines.price),
    "kinds": $distinct(lines.kind)^($),
    "byKind": lines{ kind: $sum(qty) },
    "skus": $join(lines^(>sku).sku, ","),
    "tagged": lines[tags = "a"].sku,
    "first": lines[0].sku,
    "last": lines[-1].{ "sku": sku, "n": $string(qty) },
    "numbered": $map(lines, function($l, $i) { $string($i + 1) & ":" & $l.sku }),
    "expensive": $filter(lines, function($l) { $l.price > 100 }).sku,
    "reduced": $reduce(lines.qty, function($a, $b) { $a + $b }, 0),
    "words": $split($substringBefore(currency & "-x-y", "-x"), ""),
    "flags": lines.{ "sku": sku, "fee": kind = "fee" or $contains(sku, "z") }
  }
)`;

/**
 * Same value, or both fail. The interpreter evaluates the fields of an object or
 * array constructor concurrently (Promise.all), so when several fields fail it
 * reports whichever rejects first; compiled code reports the first in evaluation
 * order. Error codes are therefore compared in the single-failure tests below.
 */
function agreement(expr: string, arbitrary: fc.Arbitrary<unknown>, bindings: Record<string, unknown>, runs: number) {
  return fc.assert(
    fc.asyncProperty(arbitrary, fc.boolean(), async (generated, guarded) => {
      // Mapping inputs arrive as JSON. Each side gets its own copy: the interpreter can
      // write into input arrays (group-by over an empty array).
      const text = JSON.stringify(generated);
      const expected = await interpreted(expr, JSON.parse(text), bindings);
      const actual = compiledOutcome(expr, JSON.parse(text), bindings, guarded);
      if ('value' in expected) expect(actual).toEqual(expected);
      else expect(actual).toHaveProperty('error');
    }),
    { numRuns: runs },
  );
}

describe('compiled mappings agree with jsonata on random inputs', () => {
  it('the 12-field Harvest time entry mapping', async () => {
    await agreement(TWELVE_FIELDS, harvestEntry, {}, 150);
  });

  it('the harvest-time-entry 1.0.0 mapping spec with host functions and bindings', async () => {
    await agreement(HARVEST_SPEC, harvestEntry, { currency: 'EUR', legalEntityId: 'le-1', correlationId: 'corr-1' }, 150);
  });

  it('an invoice summary with predicates, sorting, grouping and higher-order functions', async () => {
    await agreement(INVOICE_SUMMARY, invoice, {}, 150);
  });

  it('an array of records navigated with auto-flattening and keep-array steps', async () => {
    await agreement('$.{ "ids": user.id[], "names": $join(user.name, "/"), "n": $count(project) }', fc.array(harvestEntry, { maxLength: 4 }), {}, 100);
  });
});

describe('compiled errors carry the interpreter\'s code, position and token', () => {
  const cases: [string, unknown][] = [
    ['{"minutes": $round(hours * 60)}', { hours: 'two' }],
    ['{"createdAt": $toMillis(created_at)}', { created_at: 'yesterday' }],
    ['{"ok": hours > "1"}', { hours: 2 }],
    ['{"id": "x" & (n / 0)}', { n: 1 }],
    ['$sum(lines.qty)', { lines: [{ qty: 1 }, { qty: 'x' }] }],
    ['$single(lines)', { lines: [1, 2] }],
    ['[1..20000000][0]', {}],
    ['$substring(name, "a")', { name: 'abc' }],
    ['{ "a": 1, "a": 2 }', {}],
    ['lines{ k: 1, k: 2 }', { lines: [{ k: 'x' }] }],
    ['{ "n": $count(1, 2) }', {}],
    ['$uppercase(5)', {}],
    ['$assert(false, "no")', {}],
    ['-name', { name: 'x' }],
  ];
  it.each(cases)('%s', async (expr, input) => {
    const compiled = compileJsonata(expr);
    if (!compiled.ok) throw new Error(compiled.reason);
    let expected: any;
    try {
      await jsonata(expr).evaluate(input);
    } catch (err) {
      expected = err;
    }
    expect(expected).toBeDefined();
    let actual: any;
    try {
      compiled.fn(input);
    } catch (err) {
      actual = err;
    }
    expect(actual).toBeDefined();
    expect({ code: actual.code, position: actual.position, token: actual.token, message: actual.message }).toEqual({
      code: expected.code,
      position: expected.position,
      token: expected.token,
      message: expected.message,
    });
  });
});

describe('input documents are left unchanged', () => {
  it('group-by over an empty array does not write into the input, unlike the interpreter', async () => {
    const expr = '[lines{ kind: 1 }, $count(lines)]';
    const compiled = compileJsonata(expr);
    if (!compiled.ok) throw new Error(compiled.reason);
    const input = { lines: [] as unknown[] };
    expect(compiled.fn(input)).toEqual([{}, 0]);
    expect(input.lines).toEqual([]);
    const interpreted = { lines: [] as unknown[] };
    await jsonata(expr).evaluate(interpreted);
    expect(interpreted.lines).toHaveLength(1);
  });
});

describe('guardrails', () => {
  it('stops unbounded recursion at the depth limit with U1001', () => {
    const compiled = compileJsonata('($f := function($n) { $n + $f($n + 1) }; $f(0))');
    if (!compiled.ok) throw new Error(compiled.reason);
    expect(() => compiled.fn({}, {}, { deadline: Date.now() + 5000, maxDepth: 200 })).toThrow(expect.objectContaining({ code: 'U1001' }));
  });

  it('stops an endless tail-recursive loop at the deadline with U1001', () => {
    const compiled = compileJsonata('($f := function() { $f() }; $f())');
    if (!compiled.ok) throw new Error(compiled.reason);
    const started = Date.now();
    expect(() => compiled.fn({}, {}, { deadline: Date.now() + 150, maxDepth: 500 })).toThrow(expect.objectContaining({ code: 'U1001' }));
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('runs deep tail recursion within a small depth limit', () => {
    const compiled = compileJsonata('($even := function($n) { $n = 0 ? true : $odd($n - 1) }; $odd := function($n) { $n = 0 ? false : $even($n - 1) }; $odd(5001))');
    if (!compiled.ok) throw new Error(compiled.reason);
    expect(compiled.fn(null, {}, { deadline: Date.now() + 5000, maxDepth: 100 })).toBe(true);
  });

  it('takes $now() and $millis() from the host clock when one is supplied', () => {
    const pinned = Date.UTC(2026, 2, 3, 8, 0, 0);
    const compiled = compileJsonata('{ "now": $now(), "millis": $millis() }', { functions: { millis: () => pinned } });
    if (!compiled.ok) throw new Error(compiled.reason);
    expect(compiled.fn({})).toEqual({ now: '2026-03-03T08:00:00.000Z', millis: pinned });
  });
});

describe('what the compiler declines', () => {
  it('declines $eval, which evaluates source text', () => {
    const result = compileJsonata('$eval("1 + 1")');
    expect(result).toEqual({ ok: false, reason: 'function $eval' });
  });

  it('reports a syntax error as a decline with the parser code', () => {
    const result = compileJsonata('{"a": }');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^syntax error S0\d{3}$/);
  });
});
