import type { DateRange } from '@mapwright/canonical-model';
import type { Money } from '../money/billing.money';
import type { AppliedTax } from '../tax/tax.calculator';
import type { AbsorbedTransaction, CandidateLine, RevenueRelease } from './billing.types';

/** A candidate line with its tax: canonical InvoiceLine fields plus the credit role, write-off and net. */
export interface InvoicedLine extends CandidateLine {
  taxCodeId: string;
  /** Percent applied; "0" under reverse charge. */
  taxRate: string;
  taxAmount: Money;
  /** Revenue-side amount: `amount` under exclusive tax, `amount − taxAmount` under inclusive. */
  netAmount: Money;
  tax: AppliedTax;
}

export interface FxContext {
  functionalCurrency: string;
  /** Functional units per unit of document currency on the document date. */
  rate: string;
  /** Rate at which unbilled was accrued (the candidate's approval); defaults to `rate`. */
  approvalRate?: string;
}

/** Canonical Invoice fields plus what billing must carry forward: contract version, linked transactions, releases. */
export interface BillingInvoice {
  id: string;
  invoiceNumber: string;
  legalEntityId: string;
  customerId: string;
  contractId: string;
  contractVersion: number;
  invoiceCandidateId: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  purchaseOrderNumber?: string;
  lines: InvoicedLine[];
  subtotal: Money;
  taxTotal: Money;
  total: Money;
  taxCalculation: 'exclusive' | 'inclusive';
  taxRounding: 'perLine' | 'perDocument';
  functionalCurrency?: string;
  fxRate?: string;
  functionalTotal?: Money;
  status: 'finalised' | 'void';
  notes?: string;
  /** Transactions this invoice bills; the billed-once ledger links exactly these. */
  billableTransactionIds: string[];
  revenueReleases: RevenueRelease[];
  absorbedTransactions: AbsorbedTransaction[];
  period: DateRange;
  correlationId: string;
}

export type CreditNoteKind = 'difference' | 'full';

export interface BillingCreditNote {
  id: string;
  creditNoteNumber: string;
  kind: CreditNoteKind;
  legalEntityId: string;
  customerId: string;
  originalInvoiceId: string;
  issueDate: string;
  currency: string;
  reason: 'correction' | 'rateChange' | 'writeOff' | 'cancellation' | 'dispute' | 'other';
  reasonText?: string;
  /** Credited lines, amounts positive. */
  lines: InvoicedLine[];
  subtotal: Money;
  taxTotal: Money;
  total: Money;
  status: 'finalised' | 'void';
  /** A full credit note frees its invoice's transactions for re-billing; a difference one frees none. */
  releasedTransactionIds: string[];
  /** Full notes only: absorbed time whose accrual reversal is undone, because the time is free to bill again. */
  absorbedTransactions: AbsorbedTransaction[];
  correlationId: string;
}
