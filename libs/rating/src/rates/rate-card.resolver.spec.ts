import { RatingError } from '../errors/rating.error';
import type { RateCard } from '../rating/rating.types';
import { entry, RATE_CARD } from '../testing/rating.fixtures';
import { resolveRate } from './rate-card.resolver';

function without(...rowIds: string[]): RateCard {
  return { ...RATE_CARD, rows: RATE_CARD.rows.filter((r) => !rowIds.includes(r.id)) };
}

describe('resolveRate precedence', () => {
  it('picks employee-on-project over every less specific row and explains why', () => {
    const r = resolveRate(entry(), RATE_CARD);
    expect(r.rule).toBe('employeeProject');
    expect(r.rowId).toBe('row-emp-prj');
    expect(r.rate).toEqual({ amount: '100', currency: 'USD' });
    expect(r.rateCardId).toBe('rc-standard');
    expect(r.rateCardVersion).toBe(3);
    expect(r.reason).toContain('this employee on this project');
    expect(r.candidates.map((c) => [c.rowId, c.outcome])).toEqual([
      ['row-emp-prj', 'fired'],
      ['row-role-prj', 'outranked'],
      ['row-prj', 'outranked'],
      ['row-cus', 'outranked'],
      ['row-role', 'outranked'],
    ]);
  });

  it.each([
    [['row-emp-prj'], 'roleProject', 'row-role-prj'],
    [['row-emp-prj', 'row-role-prj'], 'project', 'row-prj'],
    [['row-emp-prj', 'row-role-prj', 'row-prj'], 'customer', 'row-cus'],
    [['row-emp-prj', 'row-role-prj', 'row-prj', 'row-cus'], 'roleDefault', 'row-role'],
  ])('falls through to the next level when %j are missing', (missing, rule, rowId) => {
    const r = resolveRate(entry(), without(...missing));
    expect([r.rule, r.rowId]).toEqual([rule, rowId]);
  });

  it('ignores rows scoped to someone else', () => {
    const r = resolveRate(entry({ employeeId: 'emp-ben', roleCode: 'JUNIOR' }), RATE_CARD);
    expect(r.rowId).toBe('row-prj');
    expect(r.candidates.map((c) => c.rowId)).toEqual(['row-prj', 'row-cus']);
  });

  it('lets an explicit rate on the entry override the card', () => {
    const r = resolveRate(entry({ explicitRate: { amount: '125.50', currency: 'USD' } }), RATE_CARD);
    expect(r.rule).toBe('explicit-rate');
    expect(r.rowId).toBeNull();
    expect(r.rateCardVersion).toBeNull();
    expect(r.rate).toEqual({ amount: '125.5', currency: 'USD' });
    expect(r.candidates).toHaveLength(5);
  });

  it('treats validFrom as inclusive and validTo as exclusive', () => {
    const card: RateCard = {
      ...RATE_CARD,
      rows: [
        { id: 'old', scope: { level: 'project', projectId: 'prj-apollo' }, effectivePeriod: { validFrom: '2026-01-01', validTo: '2026-03-15' }, rate: { amount: '80', currency: 'USD' }, unit: 'HUR' },
        { id: 'new', scope: { level: 'project', projectId: 'prj-apollo' }, effectivePeriod: { validFrom: '2026-03-15' }, rate: { amount: '95', currency: 'USD' }, unit: 'HUR' },
      ],
    };
    expect(resolveRate(entry({ date: '2026-03-14' }), card).rowId).toBe('old');
    const onChange = resolveRate(entry({ date: '2026-03-15' }), card);
    expect(onChange.rowId).toBe('new');
    expect(onChange.candidates.find((c) => c.rowId === 'old')?.outcome).toBe('not-effective');
    expect(() => resolveRate(entry({ date: '2025-12-31' }), card)).toThrow(expect.objectContaining({ code: 'RATING_NO_RATE' }));
  });

  it('breaks a tie within a level by row precedence and refuses a real tie', () => {
    const twin = { id: 'twin', scope: { level: 'project', projectId: 'prj-apollo' }, effectivePeriod: { validFrom: '2026-01-01' }, rate: { amount: '85', currency: 'USD' }, unit: 'HUR' };
    const card = without('row-emp-prj', 'row-role-prj');
    expect(resolveRate(entry(), { ...card, rows: [...card.rows, { ...twin, precedence: 1 }] }).rowId).toBe('row-prj');
    expect(resolveRate(entry(), { ...card, rows: [...card.rows.map((r) => ({ ...r, precedence: 5 })), { ...twin, precedence: 1 }] }).rowId).toBe('twin');
    const err = (() => { try { resolveRate(entry(), { ...card, rows: [...card.rows, twin] }); } catch (e) { return e as RatingError; } })();
    expect(err?.code).toBe('RATING_AMBIGUOUS_RATE');
  });

  it('converts per-minute rows to an hourly rate and refuses daily rows', () => {
    const card: RateCard = { ...RATE_CARD, rows: [{ id: 'pm', scope: { level: 'project', projectId: 'prj-apollo' }, effectivePeriod: { validFrom: '2026-01-01' }, rate: { amount: '1.25', currency: 'USD' }, unit: 'MIN' }] };
    expect(resolveRate(entry(), card).rate.amount).toBe('75');
    expect(() => resolveRate(entry(), { ...card, rows: [{ ...card.rows[0], unit: 'DAY' }] })).toThrow(expect.objectContaining({ code: 'RATING_UNSUPPORTED_RATE_UNIT' }));
  });

  it('refuses a draft or retired card', () => {
    expect(() => resolveRate(entry(), { ...RATE_CARD, status: 'retired' })).toThrow(expect.objectContaining({ code: 'RATING_INACTIVE_RATE_CARD' }));
  });
});
