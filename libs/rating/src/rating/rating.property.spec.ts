import fc from 'fast-check';
import { Dec, toMinor } from '../money/money';
import { CONTEXT } from '../testing/rating.fixtures';
import { roundMinutes, type TimeRoundingPolicy } from '../time/time-rounding.policy';
import { rateEntries } from './entry.rater';
import type { RatableTimeEntry } from './rating.types';

const DATES = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'];

const entryArb = (id: string) =>
  fc.record({
    employeeId: fc.constantFrom('emp-ana', 'emp-ben'),
    date: fc.constantFrom(...DATES),
    startedAt: fc.constantFrom('08:00', '11:00', '14:00'),
    minutes: fc.integer({ min: 0, max: 600 }),
    billable: fc.boolean(),
  }).map(({ minutes, ...rest }): RatableTimeEntry => ({
    id, revision: 1, status: 'approved', roleCode: 'SENIOR', projectId: 'prj-apollo', customerId: 'cus-acme', legalEntityId: 'le-us',
    quantity: { value: String(minutes), unit: 'MIN' }, ...rest,
  }));

const entriesArb = fc.integer({ min: 1, max: 14 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => entryArb(`te-${i}`))));
const policyArb: fc.Arbitrary<TimeRoundingPolicy> = fc.record({
  incrementMinutes: fc.constantFrom(1, 6, 10, 15, 30),
  mode: fc.constantFrom('nearest', 'up', 'down'),
  scope: fc.constantFrom('entry', 'day'),
});

describe('rating properties', () => {
  it('is deterministic and independent of arrival order and duplicate delivery', () => {
    fc.assert(fc.property(entriesArb, policyArb, fc.infiniteStream(fc.integer()), (entries, rounding, noise) => {
      const ctx = { ...CONTEXT, rounding };
      const once = rateEntries(entries, ctx);
      const it = noise[Symbol.iterator]();
      const shuffled = [...entries, ...entries.slice(0, 3)].map((e) => ({ e, k: it.next().value as number })).sort((a, b) => a.k - b.k).map(({ e }) => e);
      expect(rateEntries(shuffled, ctx)).toEqual(once);
      expect(rateEntries(entries, ctx)).toEqual(once);
    }));
  });

  it('conserves minutes and money: segments sum to rounded time, lines sum to amounts', () => {
    fc.assert(fc.property(entriesArb, policyArb, (entries, rounding) => {
      const snaps = rateEntries(entries, { ...CONTEXT, rounding });
      for (const s of snaps) {
        expect(s.segments.reduce((n, seg) => n + seg.minutes, 0)).toBe(s.rounding.roundedMinutes);
        expect(s.payroll.reduce((n, p) => n + p.minutes, 0)).toBe(s.rounding.roundedMinutes);
        const costLines = s.cost.lines.reduce((sum, l) => sum.add(toMinor(l.amount)), new Dec(0));
        expect(costLines.eq(toMinor(s.cost.amount))).toBe(true);
        if (s.billing) expect(s.billing.lines.reduce((sum, l) => sum.add(toMinor(l.amount)), new Dec(0)).eq(toMinor(s.billing.amount))).toBe(true);
        else expect(s.entry.billable).toBe(false);
      }
      if (rounding.scope === 'day') {
        const days = new Map<string, { raw: number; rounded: number }>();
        for (const s of snaps) {
          const key = `${s.entry.employeeId}|${s.entry.date}`;
          const d = days.get(key) ?? { raw: 0, rounded: 0 };
          days.set(key, { raw: d.raw + s.rounding.rawMinutes, rounded: d.rounded + s.rounding.roundedMinutes });
        }
        for (const d of days.values()) expect(d.rounded).toBe(roundMinutes(d.raw, rounding.incrementMinutes, rounding.mode));
      }
    }));
  });
});
