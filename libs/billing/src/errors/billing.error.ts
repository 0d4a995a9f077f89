/** Every failure a caller can meet while billing carries a stable code. */
export type BillingErrorCode =
  | 'BILLING_UNKNOWN_CURRENCY'
  | 'BILLING_INVALID_AMOUNT'
  | 'BILLING_CURRENCY_MISMATCH'
  | 'BILLING_INVALID_CONTRACT'
  | 'BILLING_INVALID_QUANTITY'
  | 'BILLING_INVALID_PERIOD'
  | 'BILLING_ALREADY_BILLED'
  | 'BILLING_NOT_LINKED'
  | 'BILLING_RELINK_CONFLICT'
  | 'BILLING_UNKNOWN_CREDIT_NOTE'
  | 'BILLING_CANDIDATE_STATE'
  | 'BILLING_UNKNOWN_LINE'
  | 'BILLING_INVALID_EDIT'
  | 'BILLING_NO_TAX_RULE'
  | 'BILLING_AMBIGUOUS_TAX_RULE'
  | 'BILLING_MIXED_TAX_MODES'
  | 'BILLING_INVALID_SEQUENCE'
  | 'BILLING_NOTHING_TO_INVOICE'
  | 'BILLING_INVALID_CORRECTION'
  | 'BILLING_UNBALANCED_JOURNAL';

export class BillingError extends Error {
  constructor(
    readonly code: BillingErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${message}`);
    this.name = 'BillingError';
  }
}
