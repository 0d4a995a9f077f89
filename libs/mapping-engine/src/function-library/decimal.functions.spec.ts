import Decimal from 'decimal.js';
import fc from 'fast-check';
import { MappingEngine } from '../engine/mapping-engine';
import { MappingError } from '../errors/mapping-error';
import { decAdd, decCmp, decDiv, decMul, decRound, decSub, decSum, minorUnits, money } from './decimal.functions';

const Ref = Decimal.clone({ precision: 50, toExpNeg: -9e15, toExpPos: 9e15 });
const decimalString = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 8 }))
  .map(([neg, digits, scale]) => {
    const text = digits.toString().padStart(scale + 1, '0');
    const body = scale === 0 ? text : `${text.slice(0, text.length - scale)}.${text.slice(text.length - scale)}`;
    return `${neg && digits !== 0n ? '-' : ''}${body}`;
  });
const operand = fc.oneof(decimalString, fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }));
const canon = (v: string | number) => new Ref(typeof v === 'number' ? String(v) : v);
const text = (d: Decimal) => (d.isZero() ? '0' : d.toString());

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof MappingError ? err.code : 'not a MappingError';
  }
  return undefined;
}

describe('decimal functions agree with decimal.js', () => {
  it('add, subtract and multiply exactly', () => {
    fc.assert(
      fc.property(operand, operand, (a, b) => {
        expect(decAdd(a, b)).toBe(text(canon(a).plus(canon(b))));
        expect(decSub(a, b)).toBe(text(canon(a).minus(canon(b))));
        expect(decMul(a, b)).toBe(text(canon(a).times(canon(b))));
      }),
    );
  });

  it('divides to a fixed number of places, half-up', () => {
    fc.assert(
      fc.property(operand, operand, fc.integer({ min: 0, max: 10 }), (a, b, places) => {
        fc.pre(!canon(b).isZero());
        const expected = canon(a).dividedBy(canon(b)).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
        expect(decDiv(a, b, places)).toBe((expected.isZero() ? expected.abs() : expected).toFixed(places));
      }),
    );
  });

  it('rounds with each mode like decimal.js', () => {
    const modes = { 'half-up': Decimal.ROUND_HALF_UP, 'half-even': Decimal.ROUND_HALF_EVEN, up: Decimal.ROUND_UP, down: Decimal.ROUND_DOWN } as const;
    fc.assert(
      fc.property(decimalString, fc.integer({ min: 0, max: 6 }), fc.constantFrom(...(Object.keys(modes) as (keyof typeof modes)[])), (v, places, mode) => {
        const expected = canon(v).toDecimalPlaces(places, modes[mode]);
        expect(decRound(v, places, mode)).toBe((expected.isZero() ? expected.abs() : expected).toFixed(places));
      }),
    );
  });

  it('sums and compares like decimal.js', () => {
    fc.assert(
      fc.property(fc.array(operand, { maxLength: 20 }), operand, (items, b) => {
        const expected = items.reduce<Decimal>((acc, v) => acc.plus(canon(v)), new Ref(0));
        expect(decSum(items)).toBe(text(expected));
        expect(decCmp(items[0] ?? 0, b)).toBe(canon(items[0] ?? 0).comparedTo(canon(b)));
      }),
    );
  });
});

describe('money and minor units', () => {
  it('reads numbers through their shortest string, so 0.5 × 2.01 is 1.01 in USD', () => {
    expect(decMul(0.5, 2.01)).toBe('1.005');
    expect(money(decMul(0.5, 2.01), 'USD')).toBe('1.01');
    expect(decAdd(0.1, 0.2)).toBe('0.3');
  });

  it('rounds to each currency’s ISO 4217 minor units', () => {
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('usd')).toBe(2);
    expect(minorUnits('BHD')).toBe(3);
    expect(money('1234.5', 'JPY')).toBe('1235');
    expect(money('1.0005', 'BHD')).toBe('1.001');
    expect(money('2.5', 'JPY', 'half-even')).toBe('2');
    expect(money('-0.001', 'EUR')).toBe('0.00');
    expect(decRound('2.345', 'EUR', 'down')).toBe('2.34');
  });

  it('refuses unknown currencies, bad modes, non-decimals and division by zero with MW_DECIMAL_INVALID', () => {
    expect(codeOf(() => money('1', 'XYZ'))).toBe('MW_DECIMAL_INVALID');
    expect(codeOf(() => decRound('1', 2, 'ceiling'))).toBe('MW_DECIMAL_INVALID');
    expect(codeOf(() => decAdd('0x10', 1))).toBe('MW_DECIMAL_INVALID');
    expect(codeOf(() => decAdd('Infinity', 1))).toBe('MW_DECIMAL_INVALID');
    expect(codeOf(() => decAdd('1e999999999', 1))).toBe('MW_DECIMAL_INVALID');
    expect(codeOf(() => decDiv(1, '0'))).toBe('MW_DECIMAL_INVALID');
    expect(codeOf(() => decRound(1, 99))).toBe('MW_DECIMAL_INVALID');
  });

  it('passes undefined through like JSONata functions do', () => {
    expect(decAdd(undefined, 1)).toBeUndefined();
    expect(money(undefined, 'USD')).toBeUndefined();
  });
});

describe('decimal functions inside a mapping', () => {
  const engine = new MappingEngine();

  it('are registered with signatures and return strings', async () => {
    const result = await engine.run(
      { id: 'dec', version: '1.0.0', expression: '{"total": $money($decSum(lines.amount), "USD"), "cmp": $decCmp("1.10", 1.1), "div": $decDiv(10, 3, 4)}' },
      { lines: [{ amount: '0.105' }, { amount: 0.2 }, { amount: '1' }] },
    );
    expect(result).toMatchObject({ ok: true, output: { total: '1.31', cmp: 0, div: '3.3333' } });
  });

  it('report JSONata signature errors and engine codes with a position', async () => {
    const wrongType = await engine.run({ id: 'dec', version: '1.0.1', expression: '$decAdd(true, 1)' }, {});
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'T0410', specId: 'dec', version: '1.0.1' } });
    const invalid = await engine.run({ id: 'dec', version: '1.0.2', expression: '$money("abc", "USD")' }, {});
    expect(invalid).toMatchObject({ ok: false, error: { code: 'MW_DECIMAL_INVALID', position: expect.any(Number) } });
  });
});

describe('small-number fast path agrees with decimal.js', () => {
  const small = fc.oneof(
    fc.integer({ min: -10_000_000, max: 10_000_000 }).chain((n) => fc.integer({ min: 0, max: 6 }).map((s) => (n / 10 ** s).toFixed(s))),
    fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
    fc.constantFrom('0', '-0', '-0.00', ' 1.50 ', '999999999999999', '0.000000000000001', '123456789.123456', 7.5, -0.005, 0.125),
  );
  const viaDecimal = {
    add: (a: unknown, b: unknown) => text(canon(a as string).plus(canon(b as string))),
    sub: (a: unknown, b: unknown) => text(canon(a as string).minus(canon(b as string))),
    mul: (a: unknown, b: unknown) => text(canon(a as string).times(canon(b as string))),
    cmp: (a: unknown, b: unknown) => canon(a as string).comparedTo(canon(b as string)),
  };
  const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

  it('adds, subtracts, multiplies and compares exactly', () => {
    fc.assert(
      fc.property(small, small, (a, b) => {
        const [x, y] = [trimmed(a), trimmed(b)];
        expect([decAdd(a, b), decSub(a, b), decMul(a, b), decCmp(a, b)]).toEqual([viaDecimal.add(x, y), viaDecimal.sub(x, y), viaDecimal.mul(x, y), viaDecimal.cmp(x, y)]);
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds in every mode like toDecimalPlaces, and prints negative zero as zero', () => {
    const modes = ['half-up', 'half-even', 'up', 'down'] as const;
    const rounding = { 'half-up': Decimal.ROUND_HALF_UP, 'half-even': Decimal.ROUND_HALF_EVEN, up: Decimal.ROUND_UP, down: Decimal.ROUND_DOWN };
    fc.assert(
      fc.property(small, fc.integer({ min: 0, max: 8 }), fc.constantFrom(...modes), (a, places, mode) => {
        const r = canon(trimmed(a) as string).toDecimalPlaces(places, rounding[mode]);
        const expected = (r.isZero() ? r.abs() : r).toFixed(places);
        expect(decRound(a, places, mode)).toBe(expected);
        if (places === 2) expect(money(a, 'USD', mode)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    expect(money(-0.004, 'USD')).toBe('0.00');
    expect(decRound('2.5', 0, 'half-even')).toBe('2');
    expect(decRound('-2.5', 0)).toBe('-3');
  });

  it('still refuses what decimal.js refuses, in the same order', () => {
    expect(codeOf(() => money(1.5, 'XXXX'))).toBe('MW_DECIMAL_INVALID');
    expect(codeOf(() => decRound(1.5, 2, 'sideways'))).toBe('MW_DECIMAL_INVALID');
    expect(codeOf(() => money('abc', 5 as unknown as string))).toBe('MW_DECIMAL_INVALID');
    expect(decMul('99999999999', '99999999999')).toBe('9999999999800000000001');
  });
});
