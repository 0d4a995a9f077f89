import Decimal from 'decimal.js';
import { PostingError } from '../errors/posting.error';
import { Dec, formatMinor, parseDecimal, toMinor, type Money } from '../money/posting.money';
import type { RatedEntry } from './rated-entry.types';

/** The tax a rated price already includes: the rule's percent and rounding (billing's `AppliedTax` modes). */
export interface IncludedTax {
  /** Percent, decimal string. */
  rate: string;
  roundingMode?: 'halfUp' | 'halfEven' | 'down' | 'up';
}

const ROUNDING: Record<NonNullable<IncludedTax['roundingMode']>, Decimal.Rounding> = {
  halfUp: Decimal.ROUND_HALF_UP,
  halfEven: Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

function netOf(amount: Money, tax: IncludedTax): Money {
  const rate = parseDecimal(tax.rate, 'included tax rate');
  if (rate.isNegative()) throw new PostingError('POSTING_INVALID_AMOUNT', `Included tax rate ${tax.rate} is negative.`, { rate: tax.rate });
  const minor = toMinor(amount);
  const taxMinor = minor.mul(rate).div(rate.add(100)).toDecimalPlaces(0, ROUNDING[tax.roundingMode ?? 'halfUp']);
  return { amount: formatMinor(minor.sub(taxMinor), amount.currency), currency: amount.currency };
}

/**
 * The entry as revenue: each billable line less the tax its price includes,
 * rounded per line the way billing rounds an invoice line, and the billable
 * total the sum of those nets. Post this instead of the rated entry when the
 * price is tax-inclusive, so unbilled and revenue never hold tax; billing then
 * relieves exactly this accrual. Cost and payroll are untouched.
 */
export function netOfIncludedTax(entry: RatedEntry, tax: IncludedTax): RatedEntry {
  if (!entry.billing) return entry;
  const lines = entry.billing.lines.map((l) => ({ ...l, amount: netOf(l.amount, tax) }));
  const total = lines.reduce((n, l) => n.add(toMinor(l.amount)), new Dec(0));
  return { ...entry, billing: { ...entry.billing, lines, amount: { amount: formatMinor(total, entry.billing.amount.currency), currency: entry.billing.amount.currency } } };
}
