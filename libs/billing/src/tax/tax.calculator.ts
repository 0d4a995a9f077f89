import { BillingError } from '../errors/billing.error';
import { Dec, fromMinor, minorUnits, parseDecimal, roundToMinor, sub, toMinor, zero, type Money, type RoundingMode } from '../money/billing.money';

/** The parts of a tax rule the arithmetic needs, frozen on each invoice line so corrections reuse them. */
export interface AppliedTax {
  ruleId: string;
  ruleVersion: number;
  taxCodeId: string;
  /** Percent, decimal string. */
  rate: string;
  calculation: 'exclusive' | 'inclusive';
  rounding: 'perLine' | 'perDocument';
  roundingMode: RoundingMode;
  reverseCharge: boolean;
}

export interface TaxableLine {
  id: string;
  /** Price basis of the line: net under exclusive rules, gross under inclusive ones. */
  amount: Money;
  tax: AppliedTax;
}

export interface LineTax {
  id: string;
  tax: Money;
  /** amount less tax under inclusive rules; the amount itself under exclusive ones. */
  net: Money;
}

/** Unrounded tax in major units for one amount. */
function rawTax(amount: Money, tax: AppliedTax): Dec {
  if (tax.reverseCharge) return new Dec(0);
  const base = parseDecimal(amount.amount, 'line amount');
  const rate = parseDecimal(tax.rate, 'tax rate');
  return tax.calculation === 'exclusive' ? base.mul(rate).div(100) : base.mul(rate).div(rate.add(100));
}

function groupKey(t: AppliedTax): string {
  return [t.ruleId, t.ruleVersion, t.rate, t.calculation, t.roundingMode, t.reverseCharge].join('\u0000');
}

/**
 * Tax for every line of one document. Per-line rules round each line; a
 * per-document rule rounds once over all its lines and then spreads the
 * result back by largest remainder, so line taxes always add up to the
 * document tax and every line keeps an exact net amount for the journal.
 */
export function calculateTax(lines: readonly TaxableLine[], currency: string): LineTax[] {
  const result = new Map<string, Money>();
  const perDocument = new Map<string, TaxableLine[]>();
  for (const line of lines) {
    if (line.amount.currency !== currency) throw new BillingError('BILLING_CURRENCY_MISMATCH', `Line ${line.id} is in ${line.amount.currency}, the document in ${currency}.`, { lineId: line.id });
    if (toMinor(line.amount).isNegative()) throw new BillingError('BILLING_INVALID_AMOUNT', `Line ${line.id} has a negative amount; credit notes carry positive amounts.`, { lineId: line.id });
    if (line.tax.rounding === 'perLine') {
      result.set(line.id, fromMinor(roundToMinor(rawTax(line.amount, line.tax), currency, line.tax.roundingMode), currency));
    } else {
      const key = groupKey(line.tax);
      perDocument.set(key, [...(perDocument.get(key) ?? []), line]);
    }
  }
  for (const group of perDocument.values()) {
    const scale = new Dec(10).pow(minorUnits(currency));
    const raws = group.map((l) => rawTax(l.amount, l.tax).mul(scale));
    const total = roundToMinor(raws.reduce((a, r) => a.add(r), new Dec(0)).div(scale), currency, group[0].tax.roundingMode);
    const floors = raws.map((r) => r.floor());
    let left = total.sub(floors.reduce((a, f) => a.add(f), new Dec(0)));
    const order = raws.map((r, i) => ({ i, frac: r.sub(floors[i]) })).sort((a, b) => b.frac.cmp(a.frac) || a.i - b.i);
    const shares = [...floors];
    for (const { i } of order) {
      if (left.lte(0)) break;
      shares[i] = shares[i].add(1);
      left = left.sub(1);
    }
    group.forEach((l, i) => result.set(l.id, fromMinor(shares[i], currency)));
  }
  return lines.map((l) => {
    const tax = result.get(l.id) ?? zero(currency);
    return { id: l.id, tax, net: l.tax.calculation === 'inclusive' ? sub(l.amount, tax) : l.amount };
  });
}
