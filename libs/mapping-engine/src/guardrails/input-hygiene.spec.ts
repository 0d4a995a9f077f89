import { MappingEngine } from '../engine/mapping-engine';
import { MappingError } from '../errors/mapping-error';
import fc from 'fast-check';
import { resolveGuardrails } from './guardrail-defaults';
import { checkResolvedValueHygiene, checkValueHygiene, checkWithExplicitStack, parseJsonInput } from './input-hygiene';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof MappingError ? err.code : `not a MappingError: ${String(err)}`;
  }
  return undefined;
}

describe('parseJsonInput', () => {
  it('parses ordinary JSON from a string or a Buffer', () => {
    expect(parseJsonInput('{"id": 1, "notes": "a \\"quoted\\" word", "tags": [true, null, -1.5e3]}')).toEqual({
      id: 1,
      notes: 'a "quoted" word',
      tags: [true, null, -1500],
    });
    expect(parseJsonInput(Buffer.from('[1,2,3]'))).toEqual([1, 2, 3]);
  });

  it('refuses a payload over maxInputBytes before parsing it', () => {
    expect(codeOf(() => parseJsonInput('[' + '1,'.repeat(600) + '1]', { maxInputBytes: 1000 }))).toBe('MW_INPUT_TOO_LARGE');
    expect(codeOf(() => parseJsonInput(Buffer.alloc(2000, 32), { maxInputBytes: 1000 }))).toBe('MW_INPUT_TOO_LARGE');
    // Multi-byte characters count as bytes, not as UTF-16 units.
    expect(codeOf(() => parseJsonInput(`"${'é'.repeat(600)}"`, { maxInputBytes: 1000 }))).toBe('MW_INPUT_TOO_LARGE');
  });

  it('refuses a 50 MB payload quickly and keeps serving', async () => {
    const huge = '{"a":"' + 'x'.repeat(50 * 1024 * 1024) + '"}';
    const started = process.hrtime.bigint();
    expect(codeOf(() => parseJsonInput(huge))).toBe('MW_INPUT_TOO_LARGE');
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    // Parsing 50 MB would take seconds; refusing it is a length check (slack for a loaded machine).
    expect(elapsedMs).toBeLessThan(250);
    const after = await new MappingEngine().run({ id: 'after', version: '1.0.0', expression: 'a' }, parseJsonInput('{"a": 1}'));
    expect(after).toMatchObject({ ok: true, output: 1 });
  });

  it('refuses 100,000-deep nesting without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const started = Date.now();
    expect(codeOf(() => parseJsonInput(deep))).toBe('MW_INPUT_TOO_DEEP');
    const deepObject = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    expect(codeOf(() => parseJsonInput(deepObject))).toBe('MW_INPUT_TOO_DEEP');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(codeOf(() => parseJsonInput('[[[1]]]', { maxInputDepth: 2 }))).toBe('MW_INPUT_TOO_DEEP');
    expect(parseJsonInput('[[1]]', { maxInputDepth: 2 })).toEqual([[1]]);
  });

  it('refuses arrays over maxArrayLength', () => {
    expect(codeOf(() => parseJsonInput('[1,2,3,4]', { maxArrayLength: 3 }))).toBe('MW_ARRAY_TOO_LONG');
    expect(codeOf(() => parseJsonInput('{"a":[[1,2],[3,{"b":[4,5,6,7]}]]}', { maxArrayLength: 3 }))).toBe('MW_ARRAY_TOO_LONG');
    expect(parseJsonInput('[1,2,3]', { maxArrayLength: 3 })).toEqual([1, 2, 3]);
  });

  it('refuses prototype keys, even when escaped', () => {
    expect(codeOf(() => parseJsonInput('{"__proto__": {"admin": true}}'))).toBe('MW_PROTOTYPE_KEY');
    expect(codeOf(() => parseJsonInput('{"a": {"constructor": {"prototype": {}}}}'))).toBe('MW_PROTOTYPE_KEY');
    expect(codeOf(() => parseJsonInput('{"prototype": 1}'))).toBe('MW_PROTOTYPE_KEY');
    expect(codeOf(() => parseJsonInput('{"\\u005f_proto__": {}}'))).toBe('MW_PROTOTYPE_KEY');
    expect(parseJsonInput('{"note": "__proto__ as a value is fine"}')).toEqual({ note: '__proto__ as a value is fine' });
  });

  it('refuses duplicate keys in one object, including escaped spellings', () => {
    expect(codeOf(() => parseJsonInput('{"hours": 1, "hours": 9}'))).toBe('MW_DUPLICATE_KEY');
    expect(codeOf(() => parseJsonInput('{"a": 1, "\\u0061": 2}'))).toBe('MW_DUPLICATE_KEY');
    expect(parseJsonInput('{"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}]}')).toEqual({ a: { a: 1 }, b: [{ a: 2 }, { a: 3 }] });
  });

  it('refuses integers beyond 2^53 and accepts them as strings', () => {
    expect(codeOf(() => parseJsonInput('{"id": 9007199254740993}'))).toBe('MW_UNSAFE_INTEGER');
    expect(codeOf(() => parseJsonInput('[-123456789012345678901234567890]'))).toBe('MW_UNSAFE_INTEGER');
    expect(parseJsonInput('{"id": 9007199254740991, "big": "9007199254740993", "f": 1.5e300}')).toEqual({
      id: 9007199254740991,
      big: '9007199254740993',
      f: 1.5e300,
    });
  });

  it('refuses malformed JSON with MW_INVALID_JSON', () => {
    for (const bad of ['{"a": 1', '{"a": 1]', '[1,]', "{'a': 1}", '{"a": undefined}', '"open', '', 'NaN', '\ufeff{}']) {
      expect([bad, codeOf(() => parseJsonInput(bad))]).toEqual([bad, 'MW_INVALID_JSON']);
    }
    expect(codeOf(() => parseJsonInput(42 as unknown as string))).toBe('MW_INVALID_JSON');
  });
});

describe('checkValueHygiene', () => {
  it('accepts ordinary parsed values', () => {
    expect(() => checkValueHygiene({ a: [1, 'two', null, { b: false }] })).not.toThrow();
  });

  it('applies the same limits to values that are already parsed', () => {
    expect(codeOf(() => checkValueHygiene(JSON.parse('{"__proto__": 1}')))).toBe('MW_PROTOTYPE_KEY');
    expect(codeOf(() => checkValueHygiene({ id: 2 ** 60 }))).toBe('MW_UNSAFE_INTEGER');
    expect(codeOf(() => checkValueHygiene({ list: [1, 2, 3, 4] }, { maxArrayLength: 3 }))).toBe('MW_ARRAY_TOO_LONG');
    expect(codeOf(() => checkValueHygiene({ s: 'x'.repeat(2000) }, { maxInputBytes: 1000 }))).toBe('MW_INPUT_TOO_LARGE');
  });

  it('walks 100,000-deep values without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(codeOf(() => checkValueHygiene(deep))).toBe('MW_INPUT_TOO_DEEP');
  });

  it('stops on cycles and shared sub-trees instead of walking forever', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(codeOf(() => checkValueHygiene(cyclic))).toBe('MW_INPUT_TOO_DEEP');
    let shared: unknown = 'leaf';
    for (let i = 0; i < 40; i++) shared = { l: shared, r: shared };
    expect(codeOf(() => checkValueHygiene(shared))).toBe('MW_INPUT_TOO_LARGE');
  });

  it('names the offending location as a JSON pointer', () => {
    try {
      checkValueHygiene({ lines: [{ ok: 1 }, { id: 2 ** 60 }] });
      throw new Error('expected a rejection');
    } catch (err) {
      expect((err as MappingError).data.message).toContain('/lines/1/id');
    }
  });
});

describe('the recursive hygiene walk', () => {
  const outcome = (check: () => void) => {
    try {
      check();
      return 'ok';
    } catch (err) {
      return `${(err as MappingError).code}: ${(err as MappingError).message}`;
    }
  };
  const key = fc.oneof(fc.constantFrom('a', 'b', 'id', '__proto__', 'constructor', 'prototype', 'x'.repeat(30)), fc.string({ maxLength: 6 }));
  const leaf = fc.oneof(fc.string({ maxLength: 40 }), fc.double(), fc.integer(), fc.constantFrom(2 ** 60, -(2 ** 60), 2 ** 53 - 1, null, true, undefined));
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('tree'), { maxLength: 6 }),
    object: fc.dictionary(key, tie('tree'), { maxKeys: 6 }).map((entries) => {
      // JSON.parse makes "__proto__" an own key, as untrusted input would carry it
      return JSON.parse(JSON.stringify(entries)) as Record<string, unknown>;
    }),
  }));

  it('fails on the same value with the same message as the explicit stack', () => {
    fc.assert(
      fc.property(tree, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 10, max: 400 }), (value, maxInputDepth, maxArrayLength, maxInputBytes) => {
        const g = resolveGuardrails({ maxInputDepth, maxArrayLength, maxInputBytes });
        expect(outcome(() => checkResolvedValueHygiene(value, g))).toBe(outcome(() => checkWithExplicitStack(value, g)));
        // and with the default limits, where the quick pass decides most values on its own
        expect(outcome(() => checkResolvedValueHygiene(value, resolveGuardrails()))).toBe(outcome(() => checkWithExplicitStack(value, resolveGuardrails())));
      }),
      { numRuns: 3000 },
    );
  });

  it('counts a bare string at the root against the size limit', () => {
    const g = resolveGuardrails({ maxInputBytes: 10 });
    // 9 characters and two quotes: 11 bytes of JSON
    expect(outcome(() => checkResolvedValueHygiene(' '.repeat(9), g))).toBe(outcome(() => checkWithExplicitStack(' '.repeat(9), g)));
    expect(() => checkResolvedValueHygiene(' '.repeat(9), g)).toThrow(expect.objectContaining({ code: 'MW_INPUT_TOO_LARGE' }));
    expect(() => checkResolvedValueHygiene(' '.repeat(8), g)).not.toThrow();
  });
});
