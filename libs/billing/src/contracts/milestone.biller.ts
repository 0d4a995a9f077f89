import type { MilestoneTerms } from '@mapwright/canonical-model';
import { BillingError } from '../errors/billing.error';
import { Dec, fromMinor, parseDecimal, roundToMinor, toMinor, type Money } from '../money/billing.money';
import type { BillerInput, BillerOutput } from '../model/billing.types';
import { absorbAll, feeLine, termsMoney } from './fee-line';

/**
 * Each milestone's share of the fee. All but the last are rounded half-up to
 * the minor unit; the last takes what remains, so the shares always add up
 * to the total whatever order milestones are achieved in.
 */
export function milestoneAmounts(terms: MilestoneTerms, contractId: string): Map<string, Money> {
  const currency = terms.totalAmount.currency;
  const totalMinor = toMinor(terms.totalAmount);
  const percentages = terms.items.map((m) => parseDecimal(m.percentage, `percentage of milestone ${m.id}`));
  const percentTotal = percentages.reduce((a, p) => a.add(p), new Dec(0));
  if (!percentTotal.eq(100)) {
    throw new BillingError('BILLING_INVALID_CONTRACT', `Milestone percentages of contract ${contractId} add up to ${percentTotal.toString()}, not 100.`, { contractId });
  }
  const amounts = new Map<string, Money>();
  let allocated = new Dec(0);
  terms.items.forEach((m, index) => {
    const minor = index === terms.items.length - 1
      ? totalMinor.sub(allocated)
      : roundToMinor(parseDecimal(terms.totalAmount.amount, 'milestone total').mul(percentages[index]).div(100), currency, 'halfUp');
    allocated = allocated.add(minor);
    amounts.set(m.id, fromMinor(minor, currency));
  });
  return amounts;
}

/** Bills achieved, not yet invoiced milestones; time booked to the contract is absorbed. */
export function billMilestones(input: BillerInput): BillerOutput {
  const { contract, period, state, transactions } = input;
  const terms = contract.milestones;
  if (!terms) throw new BillingError('BILLING_INVALID_CONTRACT', `Contract ${contract.id} is milestone but has no milestone terms.`, { contractId: contract.id });
  termsMoney(terms.totalAmount, contract, 'milestone totalAmount');
  const amounts = milestoneAmounts(terms, contract.id);
  const invoiced = new Set(state.invoicedMilestoneIds ?? []);
  const ready = terms.items.filter((m) => m.status === 'achieved' && !invoiced.has(m.id) && (m.achievedOn === undefined || m.achievedOn <= period.to));
  const lines = ready.map((m, index) =>
    feeLine(input, 'milestone', 'revenue', `Milestone ${m.name} (${m.percentage}%)`, amounts.get(m.id) as Money, { from: period.from, to: m.achievedOn ?? period.to }, index === 0 ? transactions : []),
  );
  return {
    lines,
    dispositions: absorbAll(transactions, 'time on a milestone contract is billed through its milestones'),
    exceptions: [],
    revenueReleases: [],
    state: { ...state, invoicedMilestoneIds: [...invoiced, ...ready.map((m) => m.id)].sort() },
  };
}
