export { BillingError, type BillingErrorCode } from './errors/billing.error';
export * from './model/billing.types';
export { runBilling, candidateSubtotal } from './run/billing-run';
