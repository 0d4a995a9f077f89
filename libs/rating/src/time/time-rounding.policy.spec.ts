import { applyRounding, roundMinutes, type RoundableTime } from './time-rounding.policy';

const t = (id: string, minutes: number, startedAt: string, date = '2026-03-02', employeeId = 'emp-ana'): RoundableTime => ({ id, employeeId, date, startedAt, minutes });

describe('roundMinutes', () => {
  it.each([
    [7, 15, 'nearest', 0], [8, 15, 'nearest', 15], [22, 15, 'nearest', 15], [23, 15, 'nearest', 30],
    [3, 6, 'nearest', 6], [2, 6, 'nearest', 0], [61, 6, 'nearest', 60],
    [1, 15, 'up', 15], [15, 15, 'up', 15], [16, 15, 'up', 30], [61, 6, 'up', 66],
    [14, 15, 'down', 0], [29, 15, 'down', 15], [30, 15, 'down', 30], [65, 6, 'down', 60],
  ] as const)('%i min to %i (%s) → %i', (minutes, increment, mode, expected) => {
    expect(roundMinutes(minutes, increment, mode)).toBe(expected);
  });
});

describe('applyRounding', () => {
  const day = [t('a', 7, '09:00'), t('b', 7, '10:00'), t('c', 7, '11:00')];

  it('rounds each entry on its own in entry scope', () => {
    const out = applyRounding(day, { incrementMinutes: 15, mode: 'up', scope: 'entry' });
    expect(['a', 'b', 'c'].map((id) => out.get(id)?.roundedMinutes)).toEqual([15, 15, 15]);
    expect(out.get('a')).toEqual({ rawMinutes: 7, roundedMinutes: 15, adjustmentMinutes: 8 });
  });

  it.each([
    ['nearest', [7, 7, 1]],
    ['up', [7, 7, 16]],
    ['down', [7, 7, 1]],
  ] as const)('rounds the day total (%s) and books the difference on the last entry', (mode, expected) => {
    const out = applyRounding(day, { incrementMinutes: 15, mode, scope: 'day' });
    expect(['a', 'b', 'c'].map((id) => out.get(id)?.roundedMinutes)).toEqual(expected);
  });

  it('picks the last entry by start time, not by arrival order', () => {
    const out = applyRounding([day[2], day[0], day[1]], { incrementMinutes: 15, mode: 'up', scope: 'day' });
    expect(out.get('c')?.adjustmentMinutes).toBe(9);
    expect(out.get('a')?.adjustmentMinutes).toBe(0);
  });

  it('carries a negative difference backwards when the last entry is too short', () => {
    const out = applyRounding([t('a', 20, '09:00'), t('b', 3, '10:00')], { incrementMinutes: 15, mode: 'down', scope: 'day' });
    expect(out.get('b')?.roundedMinutes).toBe(0);
    expect(out.get('a')?.roundedMinutes).toBe(15);
  });

  it('rounds each employee-day separately', () => {
    const out = applyRounding([t('a', 10, '09:00'), t('b', 10, '09:00', '2026-03-03'), t('c', 10, '09:00', '2026-03-02', 'emp-ben')], { incrementMinutes: 15, mode: 'up', scope: 'day' });
    expect(['a', 'b', 'c'].map((id) => out.get(id)?.roundedMinutes)).toEqual([15, 15, 15]);
  });

  it('rejects a malformed policy', () => {
    expect(() => applyRounding(day, { incrementMinutes: 0, mode: 'up', scope: 'day' })).toThrow(expect.objectContaining({ code: 'RATING_INVALID_ROUNDING_POLICY' }));
  });
});
