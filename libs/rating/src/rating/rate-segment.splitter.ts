import { Dec, minutesToHours, moneyFromMinor, toMinor, type Money } from '../money/money';
import type { RatingSnapshot } from './rating-snapshot.types';

/** One billing line: a single rate, a single factor, over a date range. */
export interface RateSegment {
  rule: string;
  rowId: string | null;
  rateCardId: string | null;
  rateCardVersion: number | null;
  rate: Money;
  payCode: string;
  factor: string;
  firstDate: string;
  lastDate: string;
  minutes: number;
  hours: string;
  amount: Money;
  entries: Array<{ id: string; revision: number }>;
}

/**
 * Groups billable snapshots into segments that each carry exactly one rate,
 * so a rate change inside a billing period yields separate lines and never a
 * blended rate. Amounts are sums of the rated entry amounts, so segment
 * totals tie to the journals.
 */
export function splitIntoRateSegments(snapshots: readonly RatingSnapshot[]): RateSegment[] {
  const groups = new Map<string, RateSegment>();
  const ordered = [...snapshots].sort((a, b) => (a.entry.date < b.entry.date ? -1 : a.entry.date > b.entry.date ? 1 : a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
  for (const s of ordered) {
    if (!s.billing) continue;
    const r = s.billing.resolution;
    for (const line of s.billing.lines) {
      const key = [r.rateCardId, r.rateCardVersion, r.rowId, r.rule, r.rate.currency, r.rate.amount, line.payCode, line.factor].join('\u0000');
      const seg = groups.get(key);
      if (!seg) {
        groups.set(key, {
          rule: r.rule, rowId: r.rowId, rateCardId: r.rateCardId, rateCardVersion: r.rateCardVersion, rate: r.rate,
          payCode: line.payCode, factor: line.factor, firstDate: s.entry.date, lastDate: s.entry.date,
          minutes: line.minutes, hours: minutesToHours(line.minutes), amount: line.amount, entries: [{ id: s.entry.id, revision: s.entry.revision }],
        });
        continue;
      }
      seg.lastDate = s.entry.date;
      seg.minutes += line.minutes;
      seg.hours = minutesToHours(seg.minutes);
      seg.amount = moneyFromMinor(toMinor(seg.amount).add(toMinor(line.amount)), line.amount.currency);
      if (!seg.entries.some((e) => e.id === s.entry.id)) seg.entries.push({ id: s.entry.id, revision: s.entry.revision });
    }
  }
  return [...groups.values()].sort((a, b) => (a.firstDate < b.firstDate ? -1 : a.firstDate > b.firstDate ? 1 : 0) || (a.payCode < b.payCode ? -1 : a.payCode > b.payCode ? 1 : 0) || new Dec(a.rate.amount).cmp(b.rate.amount));
}
