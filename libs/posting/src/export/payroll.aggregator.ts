import { assertIsoDate, monthEnd } from '../calendar/posting-date';
import { PostingError } from '../errors/posting.error';
import { legalEntityOf } from '../journal/journal-line.drafts';
import type { RatedEntry } from '../journal/rated-entry.types';
import { Dec } from '../money/posting.money';

export type CanonicalPayCode = 'regular' | 'overtime' | 'holiday' | 'leave' | 'allowance' | 'expenseReimbursement';

/** Rating pay codes onto the canonical PayrollInput codes; premiums are paid as overtime by default. */
export const DEFAULT_PAY_CODE_MAP: Readonly<Record<string, CanonicalPayCode>> = Object.freeze({
  REGULAR: 'regular',
  OT_DAILY: 'overtime',
  OT_WEEKLY: 'overtime',
  WEEKEND: 'overtime',
});

export interface PayPeriod {
  /** Inclusive. */
  from: string;
  /** Inclusive. */
  to: string;
}

/** Canonical PayrollInput fields, hours as a decimal string in HUR. */
export interface PayrollPeriodInput {
  id: string;
  externalRefs: [];
  legalEntityId: string;
  employeeId: string;
  payPeriod: PayPeriod;
  payCode: CanonicalPayCode;
  quantity: { value: string; unit: 'HUR' };
  timeEntryIds: string[];
  status: 'pending';
}

export interface PayrollAggregationOptions {
  /** Explicit pay periods; calendar months when absent. */
  periods?: readonly PayPeriod[];
  payCodeMap?: Readonly<Record<string, CanonicalPayCode>>;
}

function periodOf(date: string, periods: readonly PayPeriod[] | undefined): PayPeriod {
  if (!periods) return { from: `${date.slice(0, 7)}-01`, to: monthEnd(date) };
  const found = periods.find((p) => date >= p.from && date <= p.to);
  if (!found) throw new PostingError('POSTING_NO_PAY_PERIOD', `No pay period covers ${date}; add one before exporting payroll.`, { date });
  return found;
}

/**
 * Hours per legal entity, employee, pay period and pay code from the latest
 * snapshot of each entry. Minutes are summed before converting, so hours
 * never drift by rounding.
 */
export function aggregatePayrollInputs(snapshots: readonly RatedEntry[], options: PayrollAggregationOptions = {}): PayrollPeriodInput[] {
  const map = options.payCodeMap ?? DEFAULT_PAY_CODE_MAP;
  options.periods?.forEach((p) => { assertIsoDate(p.from); assertIsoDate(p.to); });
  const latest = new Map<string, RatedEntry>();
  for (const s of snapshots) {
    const seen = latest.get(s.entry.id);
    if (!seen || s.entry.revision > seen.entry.revision) latest.set(s.entry.id, s);
  }
  const groups = new Map<string, { input: Omit<PayrollPeriodInput, 'quantity' | 'id'>; minutes: number }>();
  for (const s of latest.values()) {
    const legalEntityId = legalEntityOf(s);
    for (const p of s.payroll) {
      const payCode = map[p.payCode];
      if (!payCode) throw new PostingError('POSTING_UNMAPPED_PAY_CODE', `Pay code ${p.payCode} has no payroll mapping; add it to the pay code map.`, { payCode: p.payCode });
      const period = periodOf(p.date, options.periods);
      const key = JSON.stringify([legalEntityId, p.employeeId, period.from, period.to, payCode]);
      const g = groups.get(key) ?? { input: { externalRefs: [], legalEntityId, employeeId: p.employeeId, payPeriod: period, payCode, timeEntryIds: [], status: 'pending' }, minutes: 0 };
      g.minutes += p.minutes;
      if (!g.input.timeEntryIds.includes(s.entry.id)) g.input.timeEntryIds.push(s.entry.id);
      groups.set(key, g);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .filter(([, g]) => g.minutes !== 0)
    .map(([, g]) => ({
      id: `pay-${g.input.legalEntityId}-${g.input.employeeId}-${g.input.payPeriod.from}-${g.input.payCode}`,
      ...g.input,
      timeEntryIds: [...g.input.timeEntryIds].sort(),
      quantity: { value: new Dec(g.minutes).div(60).toDecimalPlaces(4).toFixed(4), unit: 'HUR' as const },
    }));
}
