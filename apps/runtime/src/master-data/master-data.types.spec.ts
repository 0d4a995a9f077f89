import { defaultPostingRules } from '@mapwright/posting';
import { MASTER_DATA_TYPES, masterDataType } from './master-data.types';

describe('master-data types', () => {
  it('names one authoritative system per type', () => {
    expect(new Set(MASTER_DATA_TYPES.map((t) => t.type)).size).toBe(MASTER_DATA_TYPES.length);
    expect(masterDataType('employee')?.authority).toBe('hris');
    expect(masterDataType('rateCard')?.authority).toBe('psa');
    expect(masterDataType('nope')).toBeUndefined();
  });

  it('checks legal-entity attributes the canonical object has no field for', () => {
    const check = masterDataType('legalEntity')?.attributes as (a: Record<string, unknown>) => { pointer: string }[];
    const good = { invoiceNumberSequence: { prefix: 'UK-', next: 1 }, taxRegime: { code: 'UK-VAT', defaultTaxCodeId: 'tc' }, closedPeriods: ['2025-12'], maxDailyHours: '12' };
    expect(check(good)).toEqual([]);
    expect(check({ ...good, closedPeriods: ['2025-13'], maxDailyHours: '0' }).map((e) => e.pointer)).toEqual(['/attributes/closedPeriods', '/attributes/maxDailyHours']);
    expect(check({}).map((e) => e.pointer)).toContain('/attributes/invoiceNumberSequence');
  });

  it('validates runtime policies: posting rules through the posting library, rounding and overtime by shape', () => {
    expect(masterDataType('postingRuleSet')?.validate?.({ id: 'r', ruleSet: defaultPostingRules() })).toEqual([]);
    expect(masterDataType('postingRuleSet')?.validate?.({ id: 'r', ruleSet: { schemaVersion: 1, rules: [{}] } })?.[0].pointer).toBe('/ruleSet');
    expect(masterDataType('timeRoundingPolicy')?.validate?.({ id: 'p', incrementMinutes: 0, mode: 'sideways', scope: 'day' })?.map((e) => e.pointer)).toEqual(['/incrementMinutes', '/mode']);
    expect(masterDataType('overtimeRules')?.validate?.({ id: 'o', version: 1, regularPayCode: 'REGULAR', rules: [{ id: 'x', kind: 'monthly', payCode: 'X', billingFactor: '1', costFactor: '-1' }] })?.map((e) => e.pointer)).toEqual(['/rules/0/kind', '/rules/0/costFactor']);
  });

  it('validates canonical types with pointers into the object', () => {
    const errors = masterDataType('currency')?.validate?.({ id: 'ccy', externalRefs: [], code: 'gbp', name: 'x', minorUnits: 2, status: 'active' }) ?? [];
    expect(errors.map((e) => e.pointer)).toEqual(['/code']);
  });
});
