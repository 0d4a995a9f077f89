import type { BillableTransaction, Lineage } from '@mapwright/canonical-model';
import type { BillingContract, BillingLineage } from '../model/billing.types';

function uniqueOrUndefined<T>(values: Array<T | undefined>): T | undefined {
  const set = new Set(values);
  return set.size === 1 ? values[0] : undefined;
}

/**
 * Lineage of a line built from transactions: every time entry with its
 * revision, and the rate card / mapping versions when the sources agree on
 * one (rate lines always do, because they never blend rates).
 */
export function lineageFor(contract: BillingContract, transactions: readonly BillableTransaction[], correlationId: string, mappingSpec?: string): BillingLineage {
  const timeEntries = new Map<string, number | null>();
  const expenseIds = new Set<string>();
  for (const tx of transactions) {
    if (tx.sourceType === 'timeEntry') timeEntries.set(tx.sourceId, tx.sourceRevision ?? null);
    if (tx.sourceType === 'expense') expenseIds.add(tx.sourceId);
    for (const id of tx.lineage.timeEntryIds ?? []) if (!timeEntries.has(id)) timeEntries.set(id, null);
    for (const id of tx.lineage.expenseIds ?? []) expenseIds.add(id);
  }
  const lineage: BillingLineage = {
    contractId: contract.id,
    contractVersion: contract.version,
    timeEntries: [...timeEntries].map(([id, revision]) => ({ id, revision })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    timeEntryIds: [...timeEntries.keys()].sort(),
    billableTransactionIds: transactions.map((t) => t.id).sort(),
    correlationId,
  };
  if (expenseIds.size > 0) lineage.expenseIds = [...expenseIds].sort();
  const rateCardId = uniqueOrUndefined(transactions.map((t) => t.lineage.rateCardId));
  const rateCardVersion = uniqueOrUndefined(transactions.map((t) => t.lineage.rateCardVersion));
  const rateCardRowId = uniqueOrUndefined(transactions.map((t) => t.lineage.rateCardRowId));
  if (rateCardId !== undefined) lineage.rateCardId = rateCardId;
  if (rateCardId !== undefined && rateCardVersion !== undefined) lineage.rateCardVersion = rateCardVersion;
  if (rateCardRowId !== undefined) lineage.rateCardRowId = rateCardRowId;
  const spec = mappingSpec ?? uniqueOrUndefined(transactions.map((t) => t.lineage.mappingSpec));
  if (spec !== undefined) lineage.mappingSpec = spec;
  return lineage;
}

/** Schema-valid canonical Lineage: the contract version and revisions are dropped. */
export function toCanonicalLineage(lineage: BillingLineage): Lineage {
  const { contractVersion: _v, timeEntries: _t, ...rest } = lineage;
  return rest;
}

/** `id@version` references for display and audit. */
export function lineageRefs(lineage: BillingLineage): string[] {
  const refs = [`contract:${lineage.contractId}@${lineage.contractVersion}`];
  if (lineage.rateCardId) refs.push(`rateCard:${lineage.rateCardId}@${lineage.rateCardVersion ?? '?'}`);
  if (lineage.taxRuleId) refs.push(`taxRule:${lineage.taxRuleId}@${lineage.taxRuleVersion ?? '?'}`);
  if (lineage.mappingSpec) refs.push(`mappingSpec:${lineage.mappingSpec}`);
  if (lineage.postingRuleId) refs.push(`postingRule:${lineage.postingRuleId}@${lineage.postingRuleVersion ?? '?'}`);
  for (const e of lineage.timeEntries) refs.push(`timeEntry:${e.id}@${e.revision ?? '?'}`);
  return refs;
}
