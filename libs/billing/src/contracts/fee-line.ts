import type { BillableTransaction, DateRange } from '@mapwright/canonical-model';
import { lineageFor } from '../lineage/line.lineage';
import type { LineDraft } from '../lines/rate-line.builder';
import { revenueAccountFor } from '../lines/rate-line.builder';
import { zero, type Money } from '../money/billing.money';
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
    glAccountId: revenueAccountFor(input.revenueAccounts, undefined),
    servicePeriod,
    lineage: lineageFor(input.contract, sources, input.correlationId, input.mappingSpec),
  };
}

/** Time booked to a fee contract never becomes a line of its own: the fee covers it. */
export function absorbAll(transactions: readonly BillableTransaction[], reason: string): Array<Omit<TransactionDisposition, 'candidateId'>> {
  return transactions.map((t) => ({ transactionId: t.id, outcome: 'absorbed', reason }));
}
