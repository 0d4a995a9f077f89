import { addMoney, amountForMinutes, moneyFromMinor, subtractMoney, toMinor, Dec } from './money';
import { minorUnits } from './currency.minor-units';

describe('money in minor units', () => {
  it('knows JPY, USD and BHD minor units and refuses unknown currencies', () => {
    expect([minorUnits('JPY'), minorUnits('USD'), minorUnits('BHD')]).toEqual([0, 2, 3]);
    expect(() => minorUnits('XXX')).toThrow(expect.objectContaining({ code: 'RATING_UNKNOWN_CURRENCY' }));
  });

  it('formats minor units per currency', () => {
    expect(moneyFromMinor(new Dec(12345), 'USD').amount).toBe('123.45');
    expect(moneyFromMinor(new Dec(12345), 'JPY').amount).toBe('12345');
    expect(moneyFromMinor(new Dec(12345), 'BHD').amount).toBe('12.345');
    expect(moneyFromMinor(new Dec(0), 'USD').amount).toBe('0.00');
  });

  it('refuses amounts finer than the currency allows and floats in disguise', () => {
    expect(() => toMinor({ amount: '1.005', currency: 'USD' })).toThrow(expect.objectContaining({ code: 'RATING_INVALID_AMOUNT' }));
    expect(() => toMinor({ amount: '1e3', currency: 'USD' })).toThrow(expect.objectContaining({ code: 'RATING_INVALID_AMOUNT' }));
  });

  it('adds and subtracts exactly, never across currencies', () => {
    expect(addMoney({ amount: '0.10', currency: 'USD' }, { amount: '0.20', currency: 'USD' }).amount).toBe('0.30');
    expect(subtractMoney({ amount: '1.000', currency: 'BHD' }, { amount: '2.001', currency: 'BHD' }).amount).toBe('-1.001');
    expect(() => addMoney({ amount: '1', currency: 'USD' }, { amount: '1', currency: 'EUR' })).toThrow(expect.objectContaining({ code: 'RATING_CURRENCY_MISMATCH' }));
  });

  it('rounds minutes × rate × factor half-up once', () => {
    expect(amountForMinutes(1, { amount: '0.30', currency: 'USD' }, '1').amount).toBe('0.01');
    expect(amountForMinutes(10, { amount: '0.03', currency: 'USD' }, '1').amount).toBe('0.01');
    expect(amountForMinutes(7, { amount: '100', currency: 'JPY' }, '1.5').amount).toBe('18');
  });
});
