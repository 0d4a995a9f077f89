import { calculateTax, type AppliedTax } from './tax.calculator';
import { resolveTaxRule } from './tax-rule.resolver';
import { taxRule } from '../testing/billing.fixtures';

const applied = (over: Partial<AppliedTax> = {}): AppliedTax => ({
  ruleId: 'tr', ruleVersion: 1, taxCodeId: 'tc', rate: '20', calculation: 'exclusive', rounding: 'perLine', roundingMode: 'halfUp', reverseCharge: false, ...over,
});
const lines = (amounts: string[], currency: string, tax: AppliedTax) => amounts.map((amount, i) => ({ id: `l${i + 1}`, amount: { amount, currency }, tax }));
const taxes = (result: ReturnType<typeof calculateTax>) => result.map((r) => r.tax.amount);

describe('tax calculator', () => {
  it('exclusive: per-line rounding rounds each line, per-document rounds the total and spreads it', () => {
    expect(taxes(calculateTax(lines(['0.03', '0.03', '0.03'], 'USD', applied()), 'USD'))).toEqual(['0.01', '0.01', '0.01']);
    expect(taxes(calculateTax(lines(['0.03', '0.03', '0.03'], 'USD', applied({ rounding: 'perDocument' })), 'USD'))).toEqual(['0.01', '0.01', '0.00']);
  });

  it('inclusive: extracts tax from the price and keeps net + tax = amount', () => {
    const perLine = calculateTax(lines(['10.00', '10.00', '10.00', '120.00'], 'USD', applied({ calculation: 'inclusive' })), 'USD');
    expect(perLine.map((r) => [r.tax.amount, r.net.amount])).toEqual([['1.67', '8.33'], ['1.67', '8.33'], ['1.67', '8.33'], ['20.00', '100.00']]);
    const perDoc = calculateTax(lines(['10.00', '10.00', '10.00'], 'USD', applied({ calculation: 'inclusive', rounding: 'perDocument' })), 'USD');
    expect(perDoc.map((r) => [r.tax.amount, r.net.amount])).toEqual([['1.67', '8.33'], ['1.67', '8.33'], ['1.66', '8.34']]);
  });

  it.each([
    ['halfUp', '101'], ['halfEven', '100'], ['down', '100'], ['up', '101'],
  ] as const)('rounds JPY with %s to whole yen', (roundingMode, expected) => {
    expect(taxes(calculateTax(lines(['1005'], 'JPY', applied({ rate: '10', roundingMode })), 'JPY'))).toEqual([expected]);
  });

  it('rounds BHD to fils and gives zero under reverse charge', () => {
    expect(taxes(calculateTax(lines(['1.234'], 'BHD', applied({ rate: '5' })), 'BHD'))).toEqual(['0.062']);
    expect(taxes(calculateTax(lines(['500.00'], 'USD', applied({ reverseCharge: true })), 'USD'))).toEqual(['0.00']);
  });

  it('refuses negative amounts and foreign currencies', () => {
    expect(() => calculateTax(lines(['-1.00'], 'USD', applied()), 'USD')).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_AMOUNT' }));
    expect(() => calculateTax(lines(['1.00'], 'EUR', applied()), 'USD')).toThrow(expect.objectContaining({ code: 'BILLING_CURRENCY_MISMATCH' }));
  });
});

describe('tax rule resolution', () => {
  const ctx = { legalEntityId: 'le-uk', customerCountry: 'GB', customerTaxExempt: false, serviceType: 'consulting', date: '2026-03-15' };
  const v1 = taxRule({ version: 1, rate: '20', effectivePeriod: { validFrom: '2026-01-01', validTo: '2026-04-01' } });
  const v2 = taxRule({ version: 2, rate: '17.5', effectivePeriod: { validFrom: '2026-04-01' } });

  it('picks the version in force on the tax point', () => {
    expect(resolveTaxRule([v1, v2], ctx).version).toBe(1);
    expect(resolveTaxRule([v1, v2], { ...ctx, date: '2026-04-01' }).version).toBe(2);
  });

  it('matches legal entity, customer country, service type and exemption; the highest priority wins', () => {
    const export0 = taxRule({ id: 'tr-export', priority: 20, customerCountry: 'US', rate: '0' });
    const training = taxRule({ id: 'tr-training', priority: 30, serviceType: 'training', rate: '5' });
    const exempt = taxRule({ id: 'tr-exempt', priority: 40, customerTaxExempt: true, rate: '0' });
    const rules = [v1, export0, training, exempt];
    expect(resolveTaxRule(rules, ctx).id).toBe('tr-vat');
    expect(resolveTaxRule(rules, { ...ctx, customerCountry: 'US' }).id).toBe('tr-export');
    expect(resolveTaxRule(rules, { ...ctx, serviceType: 'training' }).id).toBe('tr-training');
    expect(resolveTaxRule(rules, { ...ctx, customerTaxExempt: true }).id).toBe('tr-exempt');
    expect(() => resolveTaxRule(rules, { ...ctx, legalEntityId: 'le-de' })).toThrow(expect.objectContaining({ code: 'BILLING_NO_TAX_RULE' }));
  });

  it('refuses two different rules tied at the top priority', () => {
    expect(() => resolveTaxRule([v1, taxRule({ id: 'tr-other' })], ctx)).toThrow(expect.objectContaining({ code: 'BILLING_AMBIGUOUS_TAX_RULE' }));
  });
});
