import type { BillingAccounts, BillingContract, CorrectionPolicy, ReviewPolicy, RevenueAccountMap } from '@mapwright/billing';
import type { TaxRule, TimeEntry } from '@mapwright/canonical-model';
import type { PostingRuleSet, FxRateInput } from '@mapwright/posting';
import type { CostRateTable, FactorRuleSet, RateCard, TimeRoundingPolicy } from '@mapwright/rating';

/**
 * A billing scenario: master data, policies and an ordered list of events.
 * The JSON Schema in `schemas/scenario.schema.json` is the contract; these
 * types mirror it after defaults are filled in.
 */
export interface Scenario {
  schemaVersion: 1;
  id: string;
  description: string;
  /** Carried on every document and journal; defaults to `sim:<id>`. */
  correlationId?: string;
  masterData: MasterData;
  policies?: ScenarioPolicies;
  events: ScenarioEvent[];
}

export interface ScenarioLegalEntity {
  id: string;
  functionalCurrency: string;
  /** Invoice numbers are `<invoicePrefix><000001>`; default `<id>-INV-`. */
  invoicePrefix?: string;
  creditNotePrefix?: string;
  numberWidth?: number;
  /** Accounting periods (YYYY-MM) closed to new time. */
  closedPeriods?: string[];
  /** When listed, only these cost centres may book time in the entity. */
  costCenterIds?: string[];
}

export interface ScenarioCustomer {
  id: string;
  countryCode: string;
  taxExempt?: boolean;
  paymentTermsDays?: number;
}

export interface ScenarioEmployee {
  id: string;
  legalEntityId: string;
  status: 'active' | 'onLeave' | 'inactive' | 'terminated';
  roleCode?: string;
  costCenterId?: string;
  terminationDate?: string;
}

export interface ScenarioProject {
  id: string;
  customerId: string;
  legalEntityId: string;
  contractId?: string;
  status: 'planned' | 'active' | 'onHold' | 'closed';
  serviceType?: string;
  /** Overrides the contract's rate card. */
  rateCardId?: string;
}

/** A contract as written in a scenario: canonical fields, with bookkeeping fields optional. */
export type ScenarioContract = Omit<BillingContract, 'externalRefs' | 'sourceSystem' | 'number' | 'status' | 'billingFrequency' | 'invoiceApproval' | 'version'> &
  Partial<Pick<BillingContract, 'externalRefs' | 'sourceSystem' | 'number' | 'status' | 'billingFrequency' | 'invoiceApproval' | 'version'>>;

export type ScenarioTaxRule = Omit<TaxRule, 'externalRefs'> & { externalRefs?: TaxRule['externalRefs'] };

export type ScenarioFxRate = Omit<FxRateInput, 'rateType'> & { rateType?: string };

export interface MasterData {
  legalEntities: ScenarioLegalEntity[];
  customers: ScenarioCustomer[];
  employees: ScenarioEmployee[];
  projects: ScenarioProject[];
  contracts: ScenarioContract[];
  rateCards: RateCard[];
  costRates: CostRateTable;
  taxRules: ScenarioTaxRule[];
  fxRates?: ScenarioFxRate[];
  /** Default: the shipped `defaultPostingRules()`. */
  postingRules?: PostingRuleSet;
}

export interface ScenarioPolicies {
  timeRounding?: TimeRoundingPolicy;
  factorRules?: FactorRuleSet;
  reviewPolicy?: ReviewPolicy;
  /** How `correctInvoice` events are applied unless they say otherwise. */
  correctionPolicy?: InvoiceCorrectionPolicy;
  accounts?: Partial<BillingAccounts>;
  revenueAccounts?: RevenueAccountMap;
  /** Posting rule recorded on billing journals. */
  billingPostingRule?: { id: string; version: number };
  paymentTermsDays?: number;
}

/** Billing's two policies, plus a full credit that leaves the work free to bill again later. */
export type InvoiceCorrectionPolicy = CorrectionPolicy | 'fullCredit';

/** A time entry as written in a scenario: canonical, with bookkeeping fields optional. */
export type ScenarioTimeEntry = Omit<TimeEntry, 'externalRefs' | 'sourceSystem' | 'status' | 'revision'> &
  Partial<Pick<TimeEntry, 'externalRefs' | 'sourceSystem' | 'status' | 'revision'>>;

export interface TimeEntryEvent { type: 'timeEntry'; date: string; entry: ScenarioTimeEntry }
export interface ApproveEvent { type: 'approve'; date: string; entryId: string; by?: string }
export interface RejectEvent { type: 'reject'; date: string; entryId: string; reason?: string }
export interface CorrectEvent { type: 'correct'; date: string; entry: ScenarioTimeEntry }
export interface BillingRunEvent {
  type: 'billingRun';
  id?: string;
  legalEntityId: string;
  periodEnd: string;
  /** Default: the first day of periodEnd's month. */
  periodStart?: string;
  contractIds?: string[];
  /** Run date; default periodEnd. */
  date?: string;
  /** Finalise every candidate the run approves automatically, issued on the run date. */
  finaliseApproved?: boolean;
}
export type ReviewAction = 'approve' | 'reject' | 'writeDown' | 'hold' | 'release';
export interface ReviewEvent {
  type: 'review';
  date: string;
  candidateId: string;
  action: ReviewAction;
  lineNumber?: number;
  amount?: string;
  by: string;
  reason?: string;
}
export interface FinaliseEvent { type: 'finalise'; date: string; candidateId: string; purchaseOrderNumber?: string }
export interface CorrectInvoiceEvent {
  type: 'correctInvoice';
  date: string;
  invoiceNumber: string;
  /** Corrected amounts of the named lines; absent under `fullCredit`. */
  lines?: Array<{ lineNumber: number; amount: string }>;
  policy?: InvoiceCorrectionPolicy;
  reason?: 'correction' | 'rateChange' | 'writeOff' | 'cancellation' | 'dispute' | 'other';
  reasonText?: string;
}
export interface CancelCreditNoteEvent { type: 'cancelCreditNote'; date: string; creditNoteNumber: string }

export type ScenarioEvent =
  | TimeEntryEvent | ApproveEvent | RejectEvent | CorrectEvent | BillingRunEvent
  | ReviewEvent | FinaliseEvent | CorrectInvoiceEvent | CancelCreditNoteEvent;

/** A scenario that cannot run: coded, with a JSON pointer into the scenario. */
export interface ScenarioIssue {
  code: ScenarioIssueCode;
  pointer: string;
  message: string;
}

export type ScenarioIssueCode =
  | 'SCENARIO_SCHEMA'
  | 'SCENARIO_CANONICAL'
  | 'SCENARIO_DUPLICATE_ID'
  | 'SCENARIO_UNKNOWN_REFERENCE';
