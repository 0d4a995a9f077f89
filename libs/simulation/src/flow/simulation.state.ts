import {
  BillingLedger, type BillingAccounts, type BillingCandidate, type BillingContract, type BillingCreditNote, type BillingInvoice,
  type CandidateAuditRecord, type ContractBillingState, type FxContext as BillingFx, type NumberSeries, type TransactionDisposition,
} from '@mapwright/billing';
import type { BillableTransaction, TaxRule, TimeEntry } from '@mapwright/canonical-model';
import { defaultPostingRules, fxRateFor, type FxContext, type PostingRuleSet, type RatedEntry } from '@mapwright/posting';
import type { RatingSnapshot } from '@mapwright/rating';
import type { ExceptionSource, SimulationException, SimulationJournal } from '../model/result.types';
import type { Scenario, ScenarioCustomer, ScenarioEmployee, ScenarioLegalEntity, ScenarioPolicies, ScenarioProject } from '../model/scenario.types';
import {
  canonicalContract, canonicalTaxRule, DEFAULT_ACCOUNTS, DEFAULT_BILLING_POSTING_RULE, DEFAULT_PAYMENT_TERMS_DAYS, DEFAULT_REVENUE_ACCOUNTS,
} from '../validation/scenario.defaults';

/** A canonical time entry plus the customer rating needs, taken from its project. */
export type EnrichedEntry = TimeEntry & { customerId: string; legalEntityId: string };

export interface EntryRecord {
  entry: EnrichedEntry;
  status: 'submitted' | 'approved' | 'rejected';
  /** Set while approved. */
  snapshot: RatingSnapshot | null;
  /** What was posted for the snapshot: the rated entry, or its net when the price includes tax. Deltas start from it. */
  posted: RatedEntry | null;
  /** Posting journals of the current approval (original and deltas), reversed if the entry is withdrawn. */
  journalIds: string[];
  transactionIds: string[];
}

export interface CandidateRecord {
  candidate: BillingCandidate;
  /** The contract's next state, stored only when the invoice is finalised. */
  pendingState: ContractBillingState | undefined;
  dispositions: TransactionDisposition[];
}

/** Everything the flow keeps between events; one instance per `simulate` call, never shared. */
export interface SimulationState {
  scenario: Scenario;
  correlationId: string;
  legalEntities: Map<string, ScenarioLegalEntity>;
  customers: Map<string, ScenarioCustomer>;
  employees: Map<string, ScenarioEmployee>;
  projects: Map<string, ScenarioProject>;
  contracts: Map<string, BillingContract>;
  taxRules: TaxRule[];
  postingRules: PostingRuleSet;
  fxRates: FxContext['rates'];
  policies: ScenarioPolicies;
  accounts: BillingAccounts;
  billingRule: { id: string; version: number };
  entries: Map<string, EntryRecord>;
  transactions: Map<string, BillableTransaction>;
  /** Per transaction, what posting accrued to unbilled (approval plus deltas); billing relieves exactly this. */
  accruals: Map<string, BillableTransaction['amount']>;
  journals: SimulationJournal[];
  exceptions: SimulationException[];
  candidates: Map<string, CandidateRecord>;
  invoices: Map<string, BillingInvoice>;
  /** The approval-date rate each invoice relieved unbilled at; its credit notes reuse it. */
  approvalRates: Map<string, string>;
  creditNotes: Map<string, BillingCreditNote>;
  /** Transactions as they were when a full credit note released them, restored if it is cancelled. */
  releasedByCreditNote: Map<string, BillableTransaction[]>;
  contractStates: Record<string, ContractBillingState>;
  ledger: BillingLedger;
  series: Map<string, NumberSeries>;
  audit: CandidateAuditRecord[];
  billingRuns: number;
}

export function createState(scenario: Scenario): SimulationState {
  const md = scenario.masterData;
  const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((x) => [x.id, x]));
  return {
    scenario,
    correlationId: scenario.correlationId ?? `sim:${scenario.id}`,
    legalEntities: byId(md.legalEntities),
    customers: byId(md.customers),
    employees: byId(md.employees),
    projects: byId(md.projects),
    contracts: byId(md.contracts.map(canonicalContract)),
    taxRules: md.taxRules.map(canonicalTaxRule),
    postingRules: md.postingRules ?? defaultPostingRules(),
    fxRates: (md.fxRates ?? []).map((r) => ({ ...r, rateType: r.rateType ?? 'spot' })),
    policies: scenario.policies ?? {},
    accounts: { ...DEFAULT_ACCOUNTS, ...(scenario.policies?.accounts ?? {}) },
    billingRule: scenario.policies?.billingPostingRule ?? DEFAULT_BILLING_POSTING_RULE,
    entries: new Map(),
    transactions: new Map(),
    accruals: new Map(),
    journals: [],
    exceptions: [],
    candidates: new Map(),
    invoices: new Map(),
    approvalRates: new Map(),
    creditNotes: new Map(),
    releasedByCreditNote: new Map(),
    contractStates: {},
    ledger: BillingLedger.empty(),
    series: new Map(),
    audit: [],
    billingRuns: 0,
  };
}

export function revenueAccounts(st: SimulationState) {
  return st.policies.revenueAccounts ?? DEFAULT_REVENUE_ACCOUNTS;
}

export function paymentTerms(st: SimulationState, contract: BillingContract | undefined, customerId: string): number {
  return contract?.paymentTermsDays ?? st.customers.get(customerId)?.paymentTermsDays ?? st.policies.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS;
}

export function raise(st: SimulationState, eventIndex: number, source: ExceptionSource, code: string, message: string, extra: Partial<SimulationException> = {}): void {
  st.exceptions.push({ code, source, eventIndex, pointer: `/events/${eventIndex}`, message, blocking: true, ...extra });
}

/** Domain libraries throw coded errors; anything without a code is a defect and propagates. */
export function codedError(err: unknown): { code: string; message: string } {
  const e = err as { code?: unknown; message?: unknown };
  if (err instanceof Error && typeof e.code === 'string') return { code: e.code, message: String(e.message) };
  throw err;
}

export function postingFx(st: SimulationState, legalEntityId: string): FxContext {
  return { functionalCurrency: (st.legalEntities.get(legalEntityId) as ScenarioLegalEntity).functionalCurrency, rates: st.fxRates };
}

/**
 * Document FX: the rate on the document date, and the rate unbilled was
 * accrued at (from the work dates when `accrued` knows them, else on
 * `accrualDate`), or nothing when the document is in the functional currency.
 */
export function documentFx(st: SimulationState, legalEntityId: string, currency: string, date: string, accrualDate: string, accrued?: (currency: string, functionalCurrency: string) => string): BillingFx | undefined {
  const ctx = postingFx(st, legalEntityId);
  if (ctx.functionalCurrency === currency) return undefined;
  const fromWork = accrued?.(currency, ctx.functionalCurrency);
  return { functionalCurrency: ctx.functionalCurrency, rate: fxRateFor(ctx, currency, date).toString(), approvalRate: fromWork || fxRateFor(ctx, currency, accrualDate).toString() };
}

/** Peeks at the next number of a series; `commitNumber` advances it once the document is saved. */
export function nextNumber(st: SimulationState, legalEntityId: string, documentType: 'invoice' | 'creditNote'): NumberSeries {
  const key = `${legalEntityId}:${documentType}`;
  const le = st.legalEntities.get(legalEntityId) as ScenarioLegalEntity;
  const prefix = documentType === 'invoice' ? (le.invoicePrefix ?? `${le.id}-INV-`) : (le.creditNotePrefix ?? `${le.id}-CN-`);
  return st.series.get(key) ?? { legalEntityId, documentType, prefix, width: le.numberWidth ?? 6, lastNumber: 0 };
}

export function commitNumber(st: SimulationState, series: NumberSeries): void {
  st.series.set(`${series.legalEntityId}:${series.documentType}`, series);
}

export function isoAt(date: string): string {
  return `${date}T00:00:00Z`;
}
