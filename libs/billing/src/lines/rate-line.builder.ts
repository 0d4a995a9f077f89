import type { BillableTransaction } from '@mapwright/canonical-model';
import { lineageFor } from '../lineage/line.lineage';
import { accrualsOf } from './accrual';
import { Dec, add, sub, sum, zero, type Money, parseDecimal } from '../money/billing.money';
import type { BillingContract, CandidateLine, RevenueAccountMap } from '../model/billing.types';

export type LineDraft = Omit<CandidateLine, 'id' | 'lineNumber'>;

export function revenueAccountFor(accounts: RevenueAccountMap, serviceType: string | undefined): string {
  return (serviceType !== undefined && accounts.byServiceType?.[serviceType]) || accounts.default;
}

function rateKey(tx: BillableTransaction): string {
  return [
    tx.sourceType, tx.projectId, tx.taskId ?? '', tx.serviceType ?? '', tx.quantity.unit,
    tx.rate.currency, new Dec(tx.rate.amount).toString(),
    tx.lineage.rateCardId ?? '', tx.lineage.rateCardVersion ?? '', tx.lineage.rateCardRowId ?? '',
  ].join('\u0000');
}

function byDateThenId(a: BillableTransaction, b: BillableTransaction): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One line per (project, task, service type, rate, rate card row and version):
 * a rate change inside the period therefore yields two lines, never a blended
 * rate. Line amounts are sums of the rated transaction amounts, so invoices
 * tie to what rating accrued.
 */
export function buildRateLines(
  contract: BillingContract,
  transactions: readonly BillableTransaction[],
  writeOffs: ReadonlyMap<string, Money>,
  revenueAccounts: RevenueAccountMap,
  correlationId: string,
  mappingSpec?: string,
  accruals?: Readonly<Record<string, Money>>,
): LineDraft[] {
  const groups = new Map<string, BillableTransaction[]>();
  for (const tx of [...transactions].sort(byDateThenId)) {
    const key = rateKey(tx);
    const group = groups.get(key);
    if (group) group.push(tx);
    else groups.set(key, [tx]);
  }
  const lines: LineDraft[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    const currency = first.amount.currency;
    const rated = sum(group.map((t) => t.amount), currency);
    const writeOff = group.reduce((acc, t) => add(acc, writeOffs.get(t.id) ?? zero(currency)), zero(currency));
    const quantity = group.reduce((acc, t) => acc.add(parseDecimal(t.quantity.value, `quantity of ${t.id}`)), new Dec(0));
    const isExpense = first.sourceType === 'expense';
    const line: LineDraft = {
      kind: isExpense ? 'expense' : first.sourceType === 'adjustment' ? 'adjustment' : 'time',
      creditRole: 'unbilled',
      description: `${isExpense ? 'Expenses' : 'Professional services'} – project ${first.projectId}${first.taskId ? `, task ${first.taskId}` : ''} at ${first.rate.amount} ${first.rate.currency}`,
      quantity: { value: quantity.toString(), unit: first.quantity.unit },
      unitPrice: { amount: first.rate.amount, currency: first.rate.currency },
      ratedAmount: rated,
      writeOff,
      amount: sub(rated, writeOff),
      held: false,
      accruals: accrualsOf(group, accruals),
      glAccountId: revenueAccountFor(revenueAccounts, first.serviceType),
      projectId: first.projectId,
      servicePeriod: { from: group[0].date, to: group[group.length - 1].date },
      lineage: lineageFor(contract, group, correlationId, mappingSpec),
    };
    if (first.taskId) line.taskId = first.taskId;
    if (first.serviceType) line.serviceType = first.serviceType;
    const employees = new Set(group.map((t) => t.employeeId));
    if (employees.size === 1 && first.employeeId) line.employeeId = first.employeeId;
    lines.push(line);
  }
  return lines;
}

export { byDateThenId };
