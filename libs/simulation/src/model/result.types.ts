import type { BillingCandidate, BillingCreditNote, BillingInvoice, BillingJournal, CandidateAuditRecord } from '@mapwright/billing';
import type { BillableTransaction } from '@mapwright/canonical-model';
import type { JournalEntry, PayrollPeriodInput } from '@mapwright/posting';

export type ExceptionSource = 'intake' | 'rating' | 'posting' | 'billing' | 'review' | 'correction';

/** A business finding, tied to the event that raised it; nothing is dropped silently. */
export interface SimulationException {
  code: string;
  source: ExceptionSource;
  /** Index of the event and its JSON pointer in the scenario. */
  eventIndex: number;
  pointer: string;
  message: string;
  blocking: boolean;
  entryId?: string;
  contractId?: string;
  transactionIds?: string[];
}

/** A time accrual (posting) or a billing journal; both carry balanced lines with functional amounts. */
export type SimulationJournal = (JournalEntry & { origin: 'posting' }) | (BillingJournal & { origin: 'billing' });

export interface MoneyTotals {
  subtotal: string;
  tax: string;
  total: string;
}

export interface GlTotal {
  legalEntityId: string;
  account: string;
  functionalCurrency: string;
  debit: string;
  credit: string;
  /** debit − credit. */
  balance: string;
}

export interface ScenarioTotals {
  invoices: { count: number; byCurrency: Record<string, MoneyTotals> };
  /** Live (not cancelled) credit notes. */
  creditNotes: { count: number; byCurrency: Record<string, MoneyTotals> };
  /** Invoiced less live credit notes. */
  net: Record<string, MoneyTotals>;
  /** Tax per tax code and currency, net of live credit notes. */
  taxByCode: Record<string, Record<string, string>>;
  gl: GlTotal[];
}

export interface SimulationResult {
  scenarioId: string;
  invoices: BillingInvoice[];
  creditNotes: BillingCreditNote[];
  journals: SimulationJournal[];
  payrollInputs: PayrollPeriodInput[];
  exceptions: SimulationException[];
  candidates: BillingCandidate[];
  /** Every billable transaction with its final status and invoice. */
  transactions: BillableTransaction[];
  /** Review actions on candidates, in order. */
  audit: CandidateAuditRecord[];
  totals: ScenarioTotals;
}
