import type { BillableTransaction, Contract, DateRange, Lineage, Quantity } from '@mapwright/canonical-model';
import type { Money } from '../money/billing.money';

/** A contract as billed: the canonical terms plus the version that priced the run. */
export interface BillingContract extends Contract {
  version: number;
}

/**
 * Canonical Lineage plus what the canonical object cannot yet hold: the
 * contract version and each time entry's revision. `toCanonicalLineage`
 * drops the extras when a schema-valid object is needed.
 */
export interface BillingLineage extends Lineage {
  contractId: string;
  contractVersion: number;
  timeEntries: Array<{ id: string; revision: number | null }>;
  billableTransactionIds: string[];
}

export type LineKind = 'time' | 'expense' | 'fixedFee' | 'milestone' | 'retainerFee' | 'retainerOverage' | 'prepaidBlock' | 'prepaidOverage' | 'adjustment';

/**
 * Which account a line's net amount is credited to when invoiced: time and
 * expenses relieve unbilled (WIP accrued at rating), fees paid ahead go to
 * deferred revenue, earned fees and overage go straight to revenue.
 */
export type CreditRole = 'unbilled' | 'revenue' | 'deferredRevenue';

/** A proposed invoice line; tax is added at finalisation. */
export interface CandidateLine {
  id: string;
  lineNumber: number;
  kind: LineKind;
  creditRole: CreditRole;
  description: string;
  quantity: Quantity;
  /** Price per unit; one rate per line, never a blend. */
  unitPrice: Money;
  /** What the sources were rated at (or the fee), before any write-off. */
  ratedAmount: Money;
  /** Cap write-offs plus operator write-downs. */
  writeOff: Money;
  /** ratedAmount − writeOff. */
  amount: Money;
  /** Held lines stay on the candidate but are not invoiced; their transactions stay unbilled. */
  held: boolean;
  /**
   * What posting accrued to unbilled for each time or expense transaction the
   * line settles (approval plus correction deltas). Invoicing relieves exactly
   * this; any difference from the invoiced net is revenue. Empty on fee lines.
   */
  accruals: AccruedTransaction[];
  glAccountId: string;
  projectId?: string;
  taskId?: string;
  employeeId?: string;
  serviceType?: string;
  servicePeriod: DateRange;
  lineage: BillingLineage;
}

export type BillingExceptionCode =
  | 'CAP_WARNING'
  | 'CAP_BLOCKED'
  | 'CAP_WRITTEN_OFF'
  | 'CAP_DEFERRED'
  | 'ALREADY_BILLED'
  | 'CONTRACT_NOT_ACTIVE'
  | 'CONTRACT_MISSING'
  | 'CURRENCY_MISMATCH'
  | 'PREPAID_EXHAUSTED'
  | 'PREPAID_EXPIRED'
  | 'RETAINER_HOURS_FORFEITED';

/** A finding for finance; blocking ones force review. */
export interface BillingException {
  code: BillingExceptionCode;
  contractId: string | null;
  transactionIds: string[];
  message: string;
  blocking: boolean;
}

/** Deferred revenue moved to revenue: hours consumed, or hours forfeited / expired. */
export interface RevenueRelease {
  contractId: string;
  period: DateRange;
  reason: 'consumed' | 'forfeited' | 'expired';
  hours: string;
  amount: Money;
}

/** One transaction and the amount posting accrued to unbilled for it. */
export interface AccruedTransaction {
  id: string;
  amount: Money;
}

/**
 * Time covered by a fee (retainer hours, prepaid drawdown, time on fixed-fee
 * and milestone contracts). Rating accrued it to unbilled as time revenue;
 * the fee earns the revenue instead, so billing reverses that accrual
 * (Dr revenue, Cr unbilled) at the amount accrued when the work is settled.
 */
export type AbsorbedTransaction = AccruedTransaction;

export interface AbsorbedWork {
  contractId: string;
  transactions: AbsorbedTransaction[];
}

export type TransactionOutcome =
  | 'invoiced' // on a candidate line
  | 'absorbed' // covered by a fee (retainer hours, prepaid drawdown, milestone time): billed through the fee line
  | 'writtenOff'
  | 'deferred'
  | 'blocked'
  | 'skipped'; // not eligible this run (wrong status, outside period, no active contract)

export interface TransactionDisposition {
  transactionId: string;
  outcome: TransactionOutcome;
  candidateId: string | null;
  /** Written-off part, when any. */
  writeOff?: Money;
  reason: string;
}

export interface CandidateApproval {
  policy: 'auto' | 'review';
  status: 'pending' | 'approved' | 'rejected';
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
}

/** Canonical InvoiceCandidate fields, before tax, plus the contract version and revenue releases. */
export interface BillingCandidate {
  id: string;
  billingRunId: string;
  legalEntityId: string;
  customerId: string;
  contractId: string;
  contractVersion: number;
  projectIds: string[];
  period: DateRange;
  currency: string;
  lines: CandidateLine[];
  /** Sum of amounts of lines not held. */
  subtotal: Money;
  billableTransactionIds: string[];
  approval: CandidateApproval;
  exceptions: BillingException[];
  revenueReleases: RevenueRelease[];
  /** Absorbed time settled by this candidate; its accrual is reversed in the invoice journal. */
  absorbedTransactions: AbsorbedTransaction[];
  status: 'pendingReview' | 'approved' | 'rejected' | 'finalised';
  correlationId: string;
}

/** What a contract carries from one run to the next; the runtime stores it. */
export interface ContractBillingState {
  billedInstalmentIds?: string[];
  invoicedMilestoneIds?: string[];
  /** Capped: amount already billed against the cap. */
  capBilledToDate?: Money;
  /** Recurring retainer: hours carried in and the fee value still deferred. */
  retainer?: { rolloverHours: string; deferredBalance: Money; periodsBilled: string[] };
  /** Prepaid block: whether its fee was invoiced, hours left, fee value still deferred. */
  prepaid?: { blockInvoiced: boolean; remainingHours: string; deferredBalance: Money; expired: boolean };
}

/** Revenue account per line; the runtime resolves it from posting configuration. */
export interface RevenueAccountMap {
  default: string;
  byServiceType?: Record<string, string>;
}

export interface BillingRunInput {
  billingRunId: string;
  correlationId: string;
  /** Inclusive service period the run covers. */
  period: DateRange;
  contracts: BillingContract[];
  transactions: BillableTransaction[];
  states?: Record<string, ContractBillingState>;
  revenueAccounts: RevenueAccountMap;
  /** Mapping spec `id@version` that produced the source records, when known. */
  mappingSpec?: string;
  reviewPolicy?: ReviewPolicy;
  /** Billed-once check: transactions the ledger holds on a live invoice are skipped whatever their stored status. */
  ledger?: { liveInvoiceOf(transactionId: string): string | null };
  /**
   * Amount posting accrued to unbilled per transaction id (approval plus
   * correction deltas), in the transaction currency. Absent for a transaction:
   * its rated amount, which is what the default rules accrue for tax-exclusive
   * prices. Under tax-inclusive prices posting accrues the net.
   */
  accruals?: Record<string, Money>;
}

export interface BillingRunResult {
  candidates: BillingCandidate[];
  dispositions: TransactionDisposition[];
  exceptions: BillingException[];
  revenueReleases: RevenueRelease[];
  /** Releases of contracts with no candidate this run (e.g. prepaid drawdown): journal them with `buildRevenueReleaseJournal`. */
  standaloneReleases: RevenueRelease[];
  /** Absorbed time of contracts with no candidate this run: reverse its accrual with `buildRevenueReleaseJournal`. */
  standaloneAbsorbed: AbsorbedWork[];
  states: Record<string, ContractBillingState>;
}

/** Auto-approval: contract flag `auto`, no blocking exception, subtotal at most the threshold for its currency. */
export interface ReviewPolicy {
  autoApproveMax?: Record<string, string>;
}

/** What one contract-type biller returns for one group of transactions. */
export interface BillerOutput {
  lines: Omit<CandidateLine, 'id' | 'lineNumber'>[];
  dispositions: Array<Omit<TransactionDisposition, 'candidateId'>>;
  exceptions: BillingException[];
  revenueReleases: RevenueRelease[];
  state: ContractBillingState;
}

export interface BillerInput {
  contract: BillingContract;
  transactions: BillableTransaction[];
  period: DateRange;
  state: ContractBillingState;
  revenueAccounts: RevenueAccountMap;
  correlationId: string;
  mappingSpec?: string;
  accruals?: Record<string, Money>;
}
