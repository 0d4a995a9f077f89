import { classifyMinutes, DEFAULT_FACTOR_RULES, type FactorRuleSet } from './overtime.rules';

type E = { id: string; employeeId: string; date: string; startedAt?: string; minutes: number };
const run = (entries: E[], set: FactorRuleSet = DEFAULT_FACTOR_RULES) => {
  const minutes = new Map(entries.map((e) => [e.id, e.minutes]));
  const out = classifyMinutes(entries, (id) => minutes.get(id) as number, set);
  return (id: string) => Object.fromEntries((out.get(id) ?? []).map((s) => [s.payCode, s.minutes]));
};
const e = (id: string, date: string, minutes: number, startedAt = '09:00', employeeId = 'emp-ana'): E => ({ id, employeeId, date, startedAt, minutes });

describe('classifyMinutes', () => {
  it('splits the entry that crosses the daily threshold', () => {
    const seg = run([e('am', '2026-03-02', 300, '08:00'), e('pm', '2026-03-02', 300, '13:00')]);
    expect(seg('am')).toEqual({ REGULAR: 300 });
    expect(seg('pm')).toEqual({ REGULAR: 180, OT_DAILY: 120 });
  });

  it('gives the same split whatever the arrival order', () => {
    const seg = run([e('pm', '2026-03-02', 300, '13:00'), e('am', '2026-03-02', 300, '08:00')]);
    expect(seg('pm')).toEqual({ REGULAR: 180, OT_DAILY: 120 });
  });

  it('counts weekly overtime from regular minutes only, so daily overtime is not paid twice', () => {
    const week = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].map((d, i) => e(`d${i}`, d, 540));
    const seg = run([...week, e('sat', '2026-03-07', 120)]);
    for (let i = 0; i < 5; i++) expect(seg(`d${i}`)).toEqual({ REGULAR: 480, OT_DAILY: 60 });
    // 2400 regular minutes reached by Friday; weekly overtime is listed before the weekend rule.
    expect(seg('sat')).toEqual({ OT_WEEKLY: 120 });
  });

  it('uses the weekend factor until the weekly threshold is crossed inside the entry', () => {
    const week = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].map((d, i) => e(`d${i}`, d, 420));
    const seg = run([...week, e('sat', '2026-03-07', 420)]);
    expect(seg('sat')).toEqual({ WEEKEND: 300, OT_WEEKLY: 120 });
  });

  it('resets the weekly count on the ISO week boundary (Monday)', () => {
    const week = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].map((d, i) => e(`d${i}`, d, 480));
    const seg = run([...week, e('next-mon', '2026-03-09', 480)]);
    expect(seg('next-mon')).toEqual({ REGULAR: 480 });
  });

  it('keeps employees apart', () => {
    const seg = run([e('a', '2026-03-02', 480), e('b', '2026-03-02', 480, '12:00', 'emp-ben')]);
    expect(seg('b')).toEqual({ REGULAR: 480 });
  });

  it('honours rule order as precedence and supports a second daily tier', () => {
    const tiers: FactorRuleSet = {
      id: 'ca', version: 2, regularPayCode: 'REG',
      rules: [
        { id: 'double', kind: 'daily-overtime', thresholdMinutes: 720, payCode: 'DT', billingFactor: '2', costFactor: '2' },
        { id: 'ot', kind: 'daily-overtime', thresholdMinutes: 480, payCode: 'OT', billingFactor: '1.5', costFactor: '1.5' },
      ],
    };
    expect(run([e('long', '2026-03-02', 800)], tiers)('long')).toEqual({ REG: 480, OT: 240, DT: 80 });
  });

  it('rejects malformed rules', () => {
    const bad: FactorRuleSet = { id: 'x', version: 1, regularPayCode: 'R', rules: [{ id: 'w', kind: 'weekday', isoWeekdays: [8], payCode: 'W', billingFactor: '1', costFactor: '1' }] };
    expect(() => run([e('a', '2026-03-02', 60)], bad)).toThrow(expect.objectContaining({ code: 'RATING_INVALID_FACTOR_RULE' }));
  });
});
