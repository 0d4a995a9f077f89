import { buildRateLines } from '../lines/rate-line.builder';
import type { BillerInput, BillerOutput } from '../model/billing.types';

/** Every eligible transaction is billed at its rated amount, one line per rate. */
export function billTimeAndMaterials(input: BillerInput): BillerOutput {
  const { contract, transactions, revenueAccounts, correlationId, mappingSpec, state, accruals } = input;
  return {
    lines: buildRateLines(contract, transactions, new Map(), revenueAccounts, correlationId, mappingSpec, accruals),
    dispositions: transactions.map((t) => ({ transactionId: t.id, outcome: 'invoiced', reason: 'time and materials' })),
    exceptions: [],
    revenueReleases: [],
    state,
  };
}
