import type { BillableTransaction, DateRange } from '@mapwright/canonical-model';
import { lineageFor } from '../lineage/line.lineage';
import type { LineDraft } from '../lines/rate-line.builder';
import { revenueAccountFor } from '../lines/rate-line.builder';
import { BillingError } from '../errors/billing.error';
import { money, zero, type Money } from '../money/billing.money';
import type { BillerInput, CandidateLine, CreditRole, TransactionDisposition } from '../model/billing.types';

/** A single-quantity fee line (instalment, milestone, retainer fee, block price). */
export function feeLine(
  input: BillerInput,
  kind: CandidateLine['kind'],
  creditRole: CreditRole,
  description: string,
  amount: Money,
  servicePeriod: DateRange,
  sources: readonly BillableTransaction[] = [],
): LineDraft {
  return {
    kind,
    creditRole,
    description,
    quantity: { value: '1', unit: 'C62' },
    unitPrice: amount,
    ratedAmount: amount,
    writeOff: zero(amount.currency),
    amount,
    held: false,
    // A fee was never accrued by posting; covered time is settled through absorbedTransactions.
    accruals: [],
    glAccountId: revenueAccountFor(input.revenueAccounts, undefined),
    servicePeriod,
    lineage: lineageFor(input.contract, sources, input.correlationId, input.mappingSpec),
  };
}

/** Time booked to a fee contract never becomes a line of its own: the fee covers it. */
export function absorbAll(transactions: readonly BillableTransaction[], reason: string): Array<Omit<TransactionDisposition, 'candidateId'>> {
  return transactions.map((t) => ({ transactionId: t.id, outcome: 'absorbed', reason }));
}

/** An amount from the contract terms, refused unless it is in the contract currency. */
export function termsMoney(value: Money, contract: BillerInput['contract'], field: string): Money {
  if (value.currency !== contract.currency) {
    throw new BillingError('BILLING_INVALID_CONTRACT', `${field} of contract ${contract.id} is in ${value.currency}, the contract in ${contract.currency}.`, { contractId: contract.id, field });
  }
  return money(value.amount, value.currency);
}
