import type { BillableTransaction, Lineage } from '@mapwright/canonical-model';
import type { RatedEntry } from '@mapwright/posting';
import { minorUnits, minutesToHours, type RatingSnapshot } from '@mapwright/rating';
import Decimal from 'decimal.js';

export interface TransactionContext {
  contractId?: string;
  serviceType?: string;
  correlationId: string;
}

/** Transaction id for one pay code of one entry: stable across revisions, so a correction updates it in place. */
export function transactionIdFor(entryId: string, payCode: string): string {
  return `bt:${entryId}:${payCode}`;
}

function hours(minutes: number): string {
  // Trailing zeros dropped so quantities read as written ("1.5", not "1.5000").
  return new Decimal(minutesToHours(minutes)).toString();
}

/** Card rate × factor, written to the currency's minor unit unless the factor needs more places. */
function billRate(rate: string, factor: string, currency: string): string {
  const product = new Decimal(rate).mul(factor);
  const places = minorUnits(currency);
  return product.decimalPlaces() <= places ? product.toFixed(places) : product.toString();
}

/**
 * Rating output → billing input. One canonical BillableTransaction per pay
 * code line of the snapshot, so overtime and weekend minutes (another factor,
 * hence another bill rate) never blend into one price. The amount is the
 * rated line amount as is, so invoices tie to the accrual to the minor unit;
 * the rate is the card rate times the line's factor. Non-billable time gives
 * none. The entry must carry customer and legal entity (the caller enriches
 * it from the project).
 */
export function toBillableTransactions(snapshot: RatingSnapshot, ctx: TransactionContext): BillableTransaction[] {
  const billing = snapshot.billing;
  const { entry } = snapshot;
  if (!billing) return [];
  if (!entry.customerId || !entry.legalEntityId) throw new Error(`Entry ${entry.id} is not enriched with its customer and legal entity.`);
  const r = billing.resolution;
  const lineage: Lineage = { timeEntryIds: [entry.id], correlationId: ctx.correlationId };
  if (r.rateCardId !== null) lineage.rateCardId = r.rateCardId;
  if (r.rateCardVersion !== null) lineage.rateCardVersion = r.rateCardVersion;
  if (r.rowId !== null) lineage.rateCardRowId = r.rowId;
  return billing.lines
    .filter((line) => line.minutes > 0)
    .map((line) => {
      const tx: BillableTransaction = {
        id: transactionIdFor(entry.id, line.payCode),
        externalRefs: [],
        legalEntityId: entry.legalEntityId as string,
        customerId: entry.customerId as string,
        projectId: entry.projectId,
        employeeId: entry.employeeId,
        sourceType: 'timeEntry',
        sourceId: entry.id,
        sourceRevision: entry.revision,
        date: entry.date,
        quantity: { value: hours(line.minutes), unit: 'HUR' },
        rate: { amount: billRate(r.rate.amount, line.factor, r.rate.currency), currency: r.rate.currency },
        amount: line.amount,
        status: 'unbilled',
        lineage: { ...lineage, timeEntryIds: [entry.id] },
      };
      if (ctx.contractId) tx.contractId = ctx.contractId;
      if (entry.taskId) tx.taskId = entry.taskId;
      if (ctx.serviceType) tx.serviceType = ctx.serviceType;
      return tx;
    });
}

/** Posting reads the snapshot through its own structural type; the compiler checks they still agree. */
export function toRatedEntry(snapshot: RatingSnapshot): RatedEntry {
  return snapshot;
}
