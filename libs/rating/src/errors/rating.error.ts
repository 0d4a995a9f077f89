/** Every failure a caller can meet while rating carries a stable code. */
export type RatingErrorCode =
  | 'RATING_UNKNOWN_CURRENCY'
  | 'RATING_INVALID_AMOUNT'
  | 'RATING_INVALID_DATE'
  | 'RATING_INVALID_DURATION'
  | 'RATING_ENTRY_NOT_APPROVED'
  | 'RATING_NO_RATE'
  | 'RATING_INACTIVE_RATE_CARD'
  | 'RATING_UNSUPPORTED_RATE_UNIT'
  | 'RATING_AMBIGUOUS_RATE'
  | 'RATING_NO_COST_RATE'
  | 'RATING_AMBIGUOUS_COST_RATE'
  | 'RATING_CURRENCY_MISMATCH'
  | 'RATING_INVALID_ROUNDING_POLICY'
  | 'RATING_INVALID_FACTOR_RULE'
  | 'RATING_DUPLICATE_ENTRY'
  | 'RATING_ENTRY_MISMATCH'
  | 'RATING_STALE_REVISION';

export class RatingError extends Error {
  constructor(
    readonly code: RatingErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${message}`);
    this.name = 'RatingError';
  }
}
