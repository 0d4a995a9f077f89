import type { BillingAccounts, BillingContract, RevenueAccountMap } from '@mapwright/billing';
import type { TaxRule, TimeEntry } from '@mapwright/canonical-model';
import type { ScenarioContract, ScenarioTaxRule, ScenarioTimeEntry } from '../model/scenario.types';

/** The source system scenario records claim; canonical objects require one. */
export const SCENARIO_SOURCE = 'scenario';

/** Billing accounts aligned with the default posting rules (unbilled 1210, revenue 4000). */
export const DEFAULT_ACCOUNTS: BillingAccounts = {
  receivable: '1100', unbilled: '1210', taxPayable: '2200', deferredRevenue: '2400', revenue: '4000', writeOff: '6900', fxGain: '7100', fxLoss: '7200',
};

export const DEFAULT_REVENUE_ACCOUNTS: RevenueAccountMap = { default: '4000' };

export const DEFAULT_BILLING_POSTING_RULE = { id: 'billing-documents', version: 1 };

export const DEFAULT_PAYMENT_TERMS_DAYS = 30;

export function canonicalContract(c: ScenarioContract): BillingContract {
  return {
    externalRefs: [], sourceSystem: SCENARIO_SOURCE, number: c.id, status: 'active', billingFrequency: 'monthly', invoiceApproval: 'auto', version: 1,
    ...c,
  } as BillingContract;
}

export function canonicalTaxRule(r: ScenarioTaxRule): TaxRule {
  return { externalRefs: [], ...r } as TaxRule;
}

/** Entries arrive approved unless they say otherwise; the first delivery is revision 1. */
export function canonicalTimeEntry(e: ScenarioTimeEntry): TimeEntry {
  return { externalRefs: [], sourceSystem: SCENARIO_SOURCE, status: 'approved', revision: 1, ...e } as TimeEntry;
}
