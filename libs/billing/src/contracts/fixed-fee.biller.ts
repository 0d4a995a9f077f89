import { BillingError } from '../errors/billing.error';
import { compare, money, sum } from '../money/billing.money';
import type { BillerInput, BillerOutput } from '../model/billing.types';
import { absorbAll, feeLine, termsMoney } from './fee-line';

/** Bills each scheduled instalment once, when its due date falls on or before the period end. */
export function billFixedFee(input: BillerInput): BillerOutput {
  const { contract, period, state, transactions } = input;
  const terms = contract.fixedFee;
  if (!terms) throw new BillingError('BILLING_INVALID_CONTRACT', `Contract ${contract.id} is fixedFee but has no fixedFee terms.`, { contractId: contract.id });
  const currency = contract.currency;
  const scheduled = sum(terms.schedule.map((i) => termsMoney(i.amount, contract, `instalment ${i.id}`)), currency);
  if (compare(scheduled, termsMoney(terms.totalAmount, contract, 'totalAmount')) !== 0) {
    throw new BillingError('BILLING_INVALID_CONTRACT', `Instalments of contract ${contract.id} add up to ${scheduled.amount}, not the total ${terms.totalAmount.amount}.`, { contractId: contract.id });
  }
  const billed = new Set(state.billedInstalmentIds ?? []);
  const due = terms.schedule.filter((i) => i.dueDate <= period.to && !billed.has(i.id));
  const lines = due.map((i, index) =>
    feeLine(input, 'fixedFee', 'revenue', i.description ?? `Fixed fee instalment ${i.id} due ${i.dueDate}`, money(i.amount.amount, currency), { from: period.from, to: period.to }, index === 0 ? transactions : []),
  );
  return {
    lines,
    dispositions: absorbAll(transactions, 'covered by the fixed fee'),
    exceptions: [],
    revenueReleases: [],
    state: { ...state, billedInstalmentIds: [...billed, ...due.map((i) => i.id)].sort() },
  };
}
