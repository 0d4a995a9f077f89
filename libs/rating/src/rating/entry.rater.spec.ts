import { COST_RATES, CONTEXT, entry, FLAT_CONTEXT, RATE_CARD } from '../testing/rating.fixtures';
import { latestRevisions, rateEntries, rateEntry } from './entry.rater';
import type { RateCard } from './rating.types';

describe('rateEntry', () => {
  it('produces billable, cost and payroll from one approved entry', () => {
    const s = rateEntry(entry({ minutes: 90 }), CONTEXT);
    expect(s.billing?.amount).toEqual({ amount: '150.00', currency: 'USD' });
    expect(s.billing?.resolution.rowId).toBe('row-emp-prj');
    expect(s.cost.amount).toEqual({ amount: '60.00', currency: 'USD' });
    expect(s.cost.resolution).toMatchObject({ rowId: 'cost-ana', costTableId: 'cost-2026', costTableVersion: 1 });
    expect(s.payroll).toEqual([{ employeeId: 'emp-ana', date: '2026-03-02', payCode: 'REGULAR', minutes: 90, hours: '1.5000' }]);
    expect(s.rounding).toMatchObject({ rawMinutes: 90, roundedMinutes: 90, adjustmentMinutes: 0 });
    expect(s.entry).toMatchObject({ id: 'te-1', revision: 1, legalEntityId: 'le-us', costCenterId: 'cc-delivery' });
  });

  it('accepts hours as the canonical model carries them', () => {
    const s = rateEntry(entry({ quantity: { value: '7.5', unit: 'HUR' } }), CONTEXT);
    expect(s.rounding.rawMinutes).toBe(450);
    expect(s.billing?.amount.amount).toBe('750.00');
  });

  it('refuses fractions of a minute and entries not yet approved', () => {
    expect(() => rateEntry(entry({ quantity: { value: '0.01', unit: 'HUR' } }), CONTEXT)).toThrow(expect.objectContaining({ code: 'RATING_INVALID_DURATION' }));
    expect(() => rateEntry(entry({ status: 'submitted' }), CONTEXT)).toThrow(expect.objectContaining({ code: 'RATING_ENTRY_NOT_APPROVED' }));
  });

  it('applies the weekend factor to billing and cost and reports the pay code', () => {
    const s = rateEntry(entry({ date: '2026-03-07', minutes: 60 }), CONTEXT);
    expect(s.billing?.lines).toEqual([{ payCode: 'WEEKEND', minutes: 60, factor: '1.5', amount: { amount: '150.00', currency: 'USD' } }]);
    expect(s.cost.amount.amount).toBe('60.00');
    expect(s.payroll.map((p) => p.payCode)).toEqual(['WEEKEND']);
  });

  it('prices daily overtime at its factor on the entry that crosses the threshold', () => {
    const am = entry({ id: 'am', minutes: 300, startedAt: '2026-03-02T08:00:00Z' });
    const pm = entry({ id: 'pm', minutes: 300, startedAt: '2026-03-02T14:00:00Z' });
    const s = rateEntry(pm, CONTEXT, [am]);
    expect(s.billing?.lines.map((l) => [l.payCode, l.minutes, l.amount.amount])).toEqual([['REGULAR', 180, '300.00'], ['OT_DAILY', 120, '300.00']]);
    expect(s.billing?.amount.amount).toBe('600.00');
    expect(s.cost.amount.amount).toBe('240.00');
  });

  it('rates non-billable time for cost and payroll only', () => {
    const s = rateEntry(entry({ billable: false, minutes: 120 }), CONTEXT);
    expect(s.billing).toBeNull();
    expect(s.cost.amount.amount).toBe('80.00');
    expect(s.payroll[0].minutes).toBe(120);
  });

  it('rates non-billable time even when no billing row would apply', () => {
    const s = rateEntry(entry({ billable: false, projectId: 'prj-internal', customerId: null, roleCode: null }), CONTEXT);
    expect(s.billing).toBeNull();
    expect(() => rateEntry(entry({ projectId: 'prj-internal', customerId: null, roleCode: null }), CONTEXT)).toThrow(expect.objectContaining({ code: 'RATING_NO_RATE' }));
  });

  it('uses an explicit entry rate in its own currency', () => {
    const s = rateEntry(entry({ minutes: 30, explicitRate: { amount: '210', currency: 'GBP' } }), CONTEXT);
    expect(s.billing?.amount).toEqual({ amount: '105.00', currency: 'GBP' });
    expect(s.billing?.resolution.rule).toBe('explicit-rate');
  });

  it('respects JPY (no decimals) and BHD (three decimals)', () => {
    const jpy: RateCard = { id: 'rc-jp', version: 1, currency: 'JPY', rows: [{ id: 'jp', scope: { level: 'project', projectId: 'prj-apollo' }, effectivePeriod: { validFrom: '2026-01-01' }, rate: { amount: '12345', currency: 'JPY' }, unit: 'HUR' }] };
    const bhd: RateCard = { id: 'rc-bh', version: 1, currency: 'BHD', rows: [{ id: 'bh', scope: { level: 'project', projectId: 'prj-apollo' }, effectivePeriod: { validFrom: '2026-01-01' }, rate: { amount: '10.125', currency: 'BHD' }, unit: 'HUR' }] };
    expect(rateEntry(entry({ minutes: 20 }), { ...FLAT_CONTEXT, rateCard: jpy }).billing?.amount).toEqual({ amount: '4115', currency: 'JPY' });
    expect(rateEntry(entry({ minutes: 50 }), { ...FLAT_CONTEXT, rateCard: bhd }).billing?.amount).toEqual({ amount: '8.438', currency: 'BHD' });
  });

  it('uses the cost rate effective on the work date', () => {
    const costs = { ...COST_RATES, rows: [
      { id: 'c-old', employeeId: 'emp-ana', rate: { amount: '40', currency: 'USD' }, effectivePeriod: { validFrom: '2026-01-01', validTo: '2026-03-03' } },
      { id: 'c-new', employeeId: 'emp-ana', rate: { amount: '44', currency: 'USD' }, effectivePeriod: { validFrom: '2026-03-03' } },
    ] };
    expect(rateEntry(entry({ date: '2026-03-02' }), { ...CONTEXT, costRates: costs }).cost.amount.amount).toBe('40.00');
    expect(rateEntry(entry({ date: '2026-03-03' }), { ...CONTEXT, costRates: costs }).cost.amount.amount).toBe('44.00');
    expect(() => rateEntry(entry({ employeeId: 'emp-zed' }), CONTEXT)).toThrow(expect.objectContaining({ code: 'RATING_NO_COST_RATE' }));
  });

  it('records the rounding applied per day on the last entry', () => {
    const ctx = { ...FLAT_CONTEXT, rounding: { incrementMinutes: 15, mode: 'up' as const, scope: 'day' as const } };
    const snaps = rateEntries([entry({ id: 'a', minutes: 50, startedAt: '2026-03-02T09:00:00Z' }), entry({ id: 'b', minutes: 20, startedAt: '2026-03-02T10:00:00Z' })], ctx);
    expect(snaps.map((s) => [s.entry.id, s.rounding.roundedMinutes, s.rounding.adjustmentMinutes])).toEqual([['a', 50, 0], ['b', 25, 5]]);
    expect(snaps[1].rounding).toMatchObject({ incrementMinutes: 15, mode: 'up', scope: 'day' });
  });

  it('records the rate card version so a later card change never re-prices a stored snapshot', () => {
    const before = rateEntry(entry(), CONTEXT);
    const repriced: RateCard = { ...RATE_CARD, version: 4, rows: RATE_CARD.rows.map((r) => ({ ...r, rate: { ...r.rate, amount: '999' } })) };
    const after = rateEntry(entry(), { ...CONTEXT, rateCard: repriced });
    expect(before.billing?.resolution.rateCardVersion).toBe(3);
    expect(before.billing?.amount.amount).toBe('100.00');
    expect(after.billing?.resolution.rateCardVersion).toBe(4);
  });
});

describe('latestRevisions', () => {
  it('collapses duplicate deliveries and keeps the newest revision', () => {
    const kept = latestRevisions([entry({ revision: 2, minutes: 30 }), entry({ revision: 1 }), entry({ revision: 2, minutes: 30 })]);
    expect(kept).toHaveLength(1);
    expect(kept[0].revision).toBe(2);
  });

  it('refuses the same revision with different content', () => {
    expect(() => latestRevisions([entry({ minutes: 30 }), entry({ minutes: 31 })])).toThrow(expect.objectContaining({ code: 'RATING_DUPLICATE_ENTRY' }));
  });
});

describe('contractual factors on the fired rate row', () => {
  const card: RateCard = {
    ...RATE_CARD,
    rows: [{
      id: 'row-contract', scope: { level: 'project', projectId: 'prj-apollo' }, effectivePeriod: { validFrom: '2026-01-01' }, rate: { amount: '100.00', currency: 'USD' }, unit: 'HUR',
      weekdayFactors: { sat: '2', fri: '1.25' }, overtime: { factor: '1.75' },
    }],
  };

  it('replaces the billing factor but leaves pay codes and cost to the factor rules', () => {
    const ctx = { ...CONTEXT, rateCard: card };
    const sat = rateEntry(entry({ date: '2026-03-07', minutes: 60 }), ctx);
    expect(sat.billing?.lines).toEqual([{ payCode: 'WEEKEND', minutes: 60, factor: '2', amount: { amount: '200.00', currency: 'USD' } }]);
    expect(sat.cost.lines[0].factor).toBe('1.5');
    const fri = rateEntry(entry({ date: '2026-03-06', minutes: 540 }), ctx);
    expect(fri.billing?.lines.map((l) => [l.payCode, l.factor, l.amount.amount])).toEqual([['REGULAR', '1.25', '1000.00'], ['OT_DAILY', '1.75', '175.00']]);
    expect(fri.billing?.resolution.factorOverrides).toEqual({ weekdayFactors: { sat: '2', fri: '1.25' }, overtimeFactor: '1.75' });
  });
});
