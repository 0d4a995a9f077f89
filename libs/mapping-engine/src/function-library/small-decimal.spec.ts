import fc from 'fast-check';
import { decimalInvalid, decText, fixedText, ROUNDING, toDec, type RoundingMode } from './decimal-value';
import { decAdd, decCmp, decMul, decSub, decSum, money } from './decimal.functions';
import { smallAdd, smallCmp, smallDecimal, smallFixed, smallMul, smallText } from './small-decimal';

/*
 * The integer fast path against the general (decimal.js) implementation, over ranges
 * that cross its limits: up to 20 digits (it takes at most 15), scales to 20, signs,
 * zeros, padding zeros, whitespace, doubles of every magnitude, sums near 2^53.
 */

const digits = (max: number) => fc.bigInt({ min: 0n, max: 10n ** BigInt(max) - 1n });
const decimalText = fc
  .tuple(fc.constantFrom('', '-', '+'), digits(20), fc.integer({ min: 0, max: 20 }), fc.constantFrom('', '0', '00'), fc.constantFrom('', ' ', '\t', '\u00a0'))
  .map(([sign, n, scale, pad, space]) => {
    const text = n.toString().padStart(scale + 1, '0');
    const body = scale === 0 ? text : `${text.slice(0, text.length - scale)}.${text.slice(text.length - scale)}${pad}`;
    return `${space}${sign}${body}${space}`;
  });
const boundary = fc.constantFrom(
  '0', '-0', '-0.00', '0.0', '999999999999999', '-999999999999999', '9999999999999999', '0.000000000000001', '0.0000000000000001',
  '99999999.9999999', '4503599627370495', '9007199254740991', '9007199254740993', '1.', '.5', '1e3', '', '-', '1.2.3',
  1e15, 1e15 - 1, -(1e15 - 1), 2 ** 53, 0.1, 1e-7, 123456.789, -0, 5e-324,
);
const value = fc.oneof(decimalText, boundary, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 1000));
const modes = Object.keys(ROUNDING) as RoundingMode[];

/** What the general path returns, or the error code it raises. */
function general(fn: () => string | number): string | number {
  try {
    return fn();
  } catch (err) {
    return (err as { code?: string }).code ?? 'error';
  }
}

describe('small decimals', () => {
  it('parse only what decimal.js reads as the same value', () => {
    fc.assert(
      fc.property(value, (v) => {
        const small = smallDecimal(v);
        if (small === undefined) return;
        expect(Number.isSafeInteger(small.m)).toBe(true);
        expect(smallText(small)).toBe(decText(toDec(v)));
      }),
      { numRuns: 5000 },
    );
  });

  it('take every plain decimal of at most 15 digits', () => {
    fc.assert(
      fc.property(fc.boolean(), digits(15), fc.integer({ min: 0, max: 14 }), (negative, n, scale) => {
        const text = n.toString().padStart(scale + 1, '0');
        const body = scale === 0 ? text : `${text.slice(0, text.length - scale)}.${text.slice(text.length - scale)}`;
        if (body.replace('.', '').length > 15) return;
        expect(smallDecimal(`${negative ? '-' : ''}${body}`)).toBeDefined();
      }),
    );
  });

  it('add, subtract, multiply and compare exactly, or decline on overflow', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const x = smallDecimal(a);
        const y = smallDecimal(b);
        if (!x || !y) return;
        const sum = smallAdd(x, y, false);
        if (sum) expect(smallText(sum)).toBe(decText(toDec(a).plus(toDec(b))));
        const difference = smallAdd(x, y, true);
        if (difference) expect(smallText(difference)).toBe(decText(toDec(a).minus(toDec(b))));
        const product = smallMul(x, y);
        if (product) expect(smallText(product)).toBe(decText(toDec(a).times(toDec(b))));
        else expect(Number.isSafeInteger(x.m * y.m) && x.s + y.s < 22).toBe(false);
        const order = smallCmp(x, y);
        if (order !== undefined) expect(order).toBe(toDec(a).comparedTo(toDec(b)));
      }),
      { numRuns: 5000 },
    );
  });

  it('round in every mode to every number of places like toDecimalPlaces', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 20 }), fc.constantFrom(...modes), (v, places, mode) => {
        const small = smallDecimal(v);
        if (!small) return;
        expect(smallFixed(small, places, mode)).toBe(fixedText(toDec(v), places, ROUNDING[mode]));
      }),
      { numRuns: 5000 },
    );
  });

  it('give the library functions the general path’s results and errors', () => {
    const viaGeneral = {
      add: (a: unknown, b: unknown) => general(() => decText(toDec(a, 'a').plus(toDec(b, 'b')))),
      sub: (a: unknown, b: unknown) => general(() => decText(toDec(a, 'a').minus(toDec(b, 'b')))),
      mul: (a: unknown, b: unknown) => general(() => decText(toDec(a, 'a').times(toDec(b, 'b')))),
      cmp: (a: unknown, b: unknown) => general(() => toDec(a, 'a').comparedTo(toDec(b, 'b'))),
    };
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(general(() => decAdd(a, b) as string)).toBe(viaGeneral.add(a, b));
        expect(general(() => decSub(a, b) as string)).toBe(viaGeneral.sub(a, b));
        expect(general(() => decMul(a, b) as string)).toBe(viaGeneral.mul(a, b));
        expect(general(() => decCmp(a, b) as number)).toBe(viaGeneral.cmp(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('sum like decimal.js, falling back when an item or a partial sum does not fit', () => {
    const item = fc.oneof(value, fc.constantFrom('9007199254740991', '4503599627370496', '999999999999999', '0.000000000000001'));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), (items) => {
        const expected = general(() => {
          let total = toDec(0);
          items.forEach((it, i) => (total = total.plus(toDec(it, `item ${i}`))));
          return decText(total);
        });
        expect(general(() => decSum(items) as string)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('round money to JPY, USD and BHD minor units exactly in every mode', () => {
    const units = { JPY: 0, USD: 2, BHD: 3, jpy: 0 } as const;
    fc.assert(
      fc.property(value, fc.constantFrom(...(Object.keys(units) as (keyof typeof units)[])), fc.constantFrom(...modes, undefined), (v, currency, mode) => {
        const expected = general(() => fixedText(toDec(v), units[currency], ROUNDING[mode ?? 'half-up']));
        expect(general(() => money(v, currency, mode) as string)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
    expect(money(decMul(0.5, 2.01), 'USD')).toBe('1.01');
    expect(money('2.345', 'USD', 'half-even')).toBe('2.34');
    expect(money('-2.345', 'USD', 'half-up')).toBe('-2.35');
    expect(money('1.0005', 'BHD', 'half-even')).toBe('1.000');
    expect(money('0.5', 'JPY', 'half-even')).toBe('0');
    expect(money('-0.001', 'USD', 'up')).toBe('-0.01');
    expect(money('-0.009', 'USD', 'down')).toBe('0.00');
  });

  it('refuse invalid text through the general path', () => {
    expect(general(() => decAdd('1e', 1) as string)).toBe(decimalInvalid('x').code);
    expect(general(() => decSum(['1', 'x']) as string)).toBe('MW_DECIMAL_INVALID');
  });
});
