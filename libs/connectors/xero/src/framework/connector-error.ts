/**
 * How a connector failure should be treated by whoever drives delivery:
 * - retryable: nothing was accepted (5xx, refused connection); try again after a backoff.
 * - rate-limited: the ERP asked us to wait (429); try again after Retry-After.
 * - ambiguous: the request may have been accepted (connection dropped, timeout after sending);
 *   look the document up before sending again.
 * - business: the ERP refused the document (validation); sending it again cannot help.
 * - conflict: the idempotency key was already used for a different document body.
 * - auth / configuration: credentials or tenant set-up are wrong; a person must act.
 */
export type ErrorCategory = 'retryable' | 'rate-limited' | 'ambiguous' | 'business' | 'conflict' | 'auth' | 'configuration';

export interface ConnectorErrorDetails {
  status?: number;
  retryAfterMs?: number;
  /** The ERP's own validation messages, verbatim. */
  validationErrors?: string[];
  cause?: unknown;
}

export class ConnectorError extends Error {
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly validationErrors: string[];

  constructor(
    readonly code: string,
    message: string,
    readonly category: ErrorCategory,
    details: ConnectorErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ConnectorError';
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.validationErrors = details.validationErrors ?? [];
  }

  /** Whether sending the same request again could succeed without a person changing anything. */
  get transient(): boolean {
    return this.category === 'retryable' || this.category === 'rate-limited' || this.category === 'ambiguous';
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      category: this.category,
      message: this.message,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      validationErrors: this.validationErrors,
    };
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}
