import type { BillableTransaction } from '@mapwright/canonical-model';
import { BillingError } from '../errors/billing.error';
import { money, type Money } from '../money/billing.money';
import type { AccruedTransaction } from '../model/billing.types';

/**
 * What posting accrued to unbilled for one transaction: the caller's figure
 * when given (net of included tax, corrections applied), else the rated amount.
 */
export function accrualOf(tx: BillableTransaction, accruals: Readonly<Record<string, Money>> | undefined): AccruedTransaction {
  const given = accruals?.[tx.id];
  if (given === undefined) return { id: tx.id, amount: money(tx.amount.amount, tx.amount.currency) };
  if (given.currency !== tx.amount.currency) {
    throw new BillingError('BILLING_CURRENCY_MISMATCH', `Accrual of ${tx.id} is in ${given.currency}, the transaction in ${tx.amount.currency}.`, { transactionId: tx.id });
  }
  return { id: tx.id, amount: money(given.amount, given.currency) };
}

export function accrualsOf(transactions: readonly BillableTransaction[], accruals: Readonly<Record<string, Money>> | undefined): AccruedTransaction[] {
  return transactions.map((t) => accrualOf(t, accruals)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
