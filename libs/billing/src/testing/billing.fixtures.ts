import type { BillableTransaction, TaxRule } from '@mapwright/canonical-model';
import Decimal from 'decimal.js';
import { extend, money } from '../money/billing.money';
import type { BillingContract, BillingRunInput } from '../model/billing.types';
import type { BillingAccounts } from '../journal/invoice-journal.builder';

export const PERIOD = { from: '2026-03-01', to: '2026-03-31' };
export const CORRELATION = 'corr-1';
export const REVENUE = { default: 'gl-4000', byServiceType: { consulting: 'gl-4100' } };
export const ACCOUNTS: BillingAccounts = {
  receivable: 'gl-1100', unbilled: 'gl-1150', taxPayable: 'gl-2200', deferredRevenue: 'gl-2400', revenue: 'gl-4000', writeOff: 'gl-6900', fxGain: 'gl-7100', fxLoss: 'gl-7200',
};
export const POSTING_RULE = { id: 'pr-invoice', version: 7 };

export function contract(overrides: Partial<BillingContract> = {}): BillingContract {
  return {
    id: 'ctr-1', externalRefs: [], sourceSystem: 'psa', number: 'C-1', customerId: 'cus-1', legalEntityId: 'le-uk', projectIds: ['prj-1'],
    type: 'timeAndMaterials', currency: 'USD', status: 'active', effectivePeriod: { validFrom: '2026-01-01' }, rateCardId: 'rc-1',
    billingFrequency: 'monthly', invoiceApproval: 'auto', version: 3, ...overrides,
  };
}

let counter = 0;
/** A rated billable transaction; the amount is hours × rate rounded half-up unless given. */
export function tx(overrides: Partial<BillableTransaction> & { hours?: string } = {}): BillableTransaction {
  counter += 1;
  const { hours, ...rest } = overrides;
  const rate = rest.rate ?? { amount: '100.00', currency: 'USD' };
  const quantity = rest.quantity ?? { value: hours ?? '1', unit: 'HUR' as const };
  const id = rest.id ?? `tx-${String(counter).padStart(4, '0')}`;
  const sourceId = rest.sourceId ?? `te-${id}`;
  return {
    id, externalRefs: [], legalEntityId: 'le-uk', customerId: 'cus-1', projectId: 'prj-1', contractId: 'ctr-1', employeeId: 'emp-1',
    sourceType: 'timeEntry', sourceId, sourceRevision: 2, date: '2026-03-10', quantity, rate,
    amount: rest.amount ?? extend(new Decimal(quantity.value), money(rate.amount, rate.currency)),
    status: 'unbilled',
    lineage: { timeEntryIds: [sourceId], rateCardId: 'rc-1', rateCardVersion: 4, rateCardRowId: 'row-1', correlationId: CORRELATION },
    ...rest,
  };
}

export function runInput(contracts: BillingContract[], transactions: BillableTransaction[], extra: Partial<BillingRunInput> = {}): BillingRunInput {
  return { billingRunId: 'run-1', correlationId: CORRELATION, period: PERIOD, contracts, transactions, revenueAccounts: REVENUE, ...extra };
}

export function taxRule(overrides: Partial<TaxRule> = {}): TaxRule {
  return {
    id: 'tr-vat', externalRefs: [], name: 'UK VAT standard', version: 2, priority: 10, effectivePeriod: { validFrom: '2026-01-01' },
    legalEntityId: 'le-uk', taxCodeId: 'tc-vat20', rate: '20', calculation: 'exclusive', rounding: 'perLine', roundingMode: 'halfUp', ...overrides,
  };
}

export const CUSTOMER = { id: 'cus-1', countryCode: 'GB' };
