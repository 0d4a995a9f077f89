import type { BillableTransaction } from '@mapwright/canonical-model';
import fc from 'fast-check';
import { Dec, fromMinor } from '../money/billing.money';
import { tx } from './billing.fixtures';

export const currencyArb = fc.constantFrom('JPY', 'USD', 'BHD');

export function moneyArb(currency: string, min = 1, max = 5_000_000) {
  return fc.integer({ min, max }).map((n) => fromMinor(new Dec(n), currency));
}

/** Up to `max` transactions on contract ctr-1, quarter hours, a few distinct rates so lines split. */
export function transactionsArb(currency: string, max = 12): fc.Arbitrary<BillableTransaction[]> {
  const one = fc.record({
    day: fc.integer({ min: 1, max: 28 }),
    quarters: fc.integer({ min: 1, max: 40 }),
    rate: fc.constantFrom(...['1', '3', '7']).chain((k) => moneyArb(currency, Number(k) * 1000, Number(k) * 1000 + 2)),
    project: fc.constantFrom('prj-1', 'prj-2'),
  });
  return fc.array(one, { minLength: 1, maxLength: max }).map((items) =>
    items.map((i, n) => tx({
      id: `p${String(n).padStart(3, '0')}`, date: `2026-03-${String(i.day).padStart(2, '0')}`, hours: new Dec(i.quarters).div(4).toString(), rate: i.rate, projectId: i.project,
    })),
  );
}
