/** Every failure a caller can meet while posting carries a stable code. */
export type PostingErrorCode =
  | 'POSTING_INVALID_RULES'
  | 'POSTING_NO_RULE'
  | 'POSTING_AMBIGUOUS_RULE'
  | 'POSTING_UNKNOWN_PLACEHOLDER'
  | 'POSTING_MISSING_DIMENSION'
  | 'POSTING_UNKNOWN_CURRENCY'
  | 'POSTING_INVALID_AMOUNT'
  | 'POSTING_NO_FX_RATE'
  | 'POSTING_INVALID_DATE'
  | 'POSTING_ENTRY_MISMATCH'
  | 'POSTING_STALE_REVISION'
  | 'POSTING_UNBALANCED_TRANSACTION'
  | 'POSTING_UNBALANCED_FUNCTIONAL'
  | 'POSTING_FUNCTIONAL_CURRENCY_MISMATCH'
  | 'POSTING_NO_PAY_PERIOD'
  | 'POSTING_UNMAPPED_PAY_CODE';

export class PostingError extends Error {
  constructor(
    readonly code: PostingErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${message}`);
    this.name = 'PostingError';
  }
}
