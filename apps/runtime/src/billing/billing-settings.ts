import { BillingError, type BillingAccounts } from '@mapwright/billing';
import { AppError } from '../common/app-error';
import type { SeriesRow } from './billing.repository';

/** Billing GL accounts: the same chart the default posting rules and golden scenarios use (receivable 1100, tax 2200 …). */
export const BILLING_ACCOUNTS: BillingAccounts = {
  receivable: '1100', unbilled: '1210', taxPayable: '2200', deferredRevenue: '2400', revenue: '4000', writeOff: '6900', fxGain: '7100', fxLoss: '7200',
};
export const REVENUE_ACCOUNTS = { default: '4000' };
export const BILLING_POSTING_RULE = { id: 'billing-documents', version: 1 };
export const NUMBER_WIDTH = 6;

/** Billing refusals keep their library code in `billingCode`; state and billed-once conflicts are 409, the rest 422. */
export function billingProblem(err: unknown): unknown {
  if (!(err instanceof BillingError)) return err;
  const conflict = ['BILLING_CANDIDATE_STATE', 'BILLING_ALREADY_BILLED', 'BILLING_RELINK_CONFLICT'].includes(err.code);
  return new AppError(conflict ? 'BILLING_CONFLICT' : 'BILLING_REFUSED', err.message, undefined, { billingCode: err.code, details: err.details });
}

/** First use of a series: from the legal entity's `invoiceNumberSequence {prefix, next}`; credit notes get `<prefix>CN-`. */
export function initialSeries(attributes: Record<string, any>, legalEntityId: string, documentType: 'invoice' | 'creditNote'): SeriesRow {
  const seq = (attributes.invoiceNumberSequence ?? {}) as { prefix?: string; next?: number };
  const prefix = seq.prefix ?? `${legalEntityId}-`;
  if (documentType === 'creditNote') return { prefix: `${prefix}CN-`, width: NUMBER_WIDTH, last_number: 0 };
  return { prefix: `${prefix}INV-`, width: NUMBER_WIDTH, last_number: Math.max(0, (seq.next ?? 1) - 1) };
}
