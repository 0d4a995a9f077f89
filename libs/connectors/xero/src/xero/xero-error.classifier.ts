import { ConnectorError } from '../framework/connector-error';
import { parseRetryAfter } from '../framework/retry.policy';

/** An HTTP answer from Xero that was not a success. */
export class XeroHttpFailure {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly retryAfter: string | null,
  ) {}
}

const WRITE_METHODS = new Set(['PUT', 'POST', 'DELETE', 'PATCH']);

/** Maps Xero's answers and transport failures onto the connector's error categories. */
export function classifyXeroError(error: unknown, request: { method: string; path: string }, now: number = Date.now()): ConnectorError {
  if (error instanceof ConnectorError) {
    return error;
  }
  if (error instanceof XeroHttpFailure) {
    return classifyResponse(error, now);
  }
  return classifyTransport(error, request);
}

function classifyResponse(failure: XeroHttpFailure, now: number): ConnectorError {
  const { status } = failure;
  const body = (failure.body ?? {}) as { Type?: string; Message?: string; Detail?: string; Elements?: Array<{ ValidationErrors?: Array<{ Message?: string }> }> };
  if (status === 429) {
    return new ConnectorError('XERO_RATE_LIMITED', 'Xero rate limit reached; waiting as Retry-After asks.', 'rate-limited', {
      status,
      retryAfterMs: parseRetryAfter(failure.retryAfter, now),
    });
  }
  if (status >= 500) {
    return new ConnectorError('XERO_SERVER_ERROR', `Xero answered ${status}; the request will be retried.`, 'retryable', { status });
  }
  if (status === 409 || status === 422 || /idempotency/i.test(body.Type ?? '')) {
    return new ConnectorError(
      'XERO_IDEMPOTENCY_CONFLICT',
      body.Message ?? 'The idempotency key was already used for a different document; give the changed document a new revision.',
      'conflict',
      { status },
    );
  }
  if (status === 401) {
    return new ConnectorError('XERO_UNAUTHORIZED', 'Xero refused the access token.', 'auth', { status });
  }
  if (status === 403) {
    return new ConnectorError(
      'XERO_TENANT_FORBIDDEN',
      'Xero refused the tenant: check that the organisation is connected to this app and the tenant id is right.',
      'configuration',
      { status },
    );
  }
  if (status === 400 && body.Type === 'ValidationException') {
    const messages = (body.Elements ?? []).flatMap((element) => (element.ValidationErrors ?? []).map((v) => v.Message ?? '')).filter(Boolean);
    return new ConnectorError('XERO_VALIDATION_FAILED', messages.length > 0 ? messages.join(' ') : (body.Message ?? 'Xero rejected the document.'), 'business', {
      status,
      validationErrors: messages,
    });
  }
  if (status === 404) {
    return new ConnectorError('XERO_NOT_FOUND', body.Detail ?? 'Xero could not find the resource.', 'business', { status });
  }
  return new ConnectorError('XERO_REQUEST_REFUSED', body.Message ?? body.Detail ?? `Xero answered ${status}.`, 'business', { status });
}

function classifyTransport(error: unknown, request: { method: string }): ConnectorError {
  const causeCode = (error as { cause?: { code?: string } })?.cause?.code;
  const name = (error as { name?: string })?.name;
  const isWrite = WRITE_METHODS.has(request.method.toUpperCase());
  if (causeCode === 'ECONNREFUSED' || causeCode === 'ENOTFOUND' || causeCode === 'EAI_AGAIN') {
    // Nothing was sent, so nothing can have been created.
    return new ConnectorError('XERO_UNREACHABLE', 'Xero could not be reached.', 'retryable', { cause: error });
  }
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ConnectorError('XERO_TIMEOUT', 'Xero did not answer in time.', isWrite ? 'ambiguous' : 'retryable', { cause: error });
  }
  return new ConnectorError('XERO_CONNECTION_LOST', 'The connection to Xero was lost before an answer arrived.', isWrite ? 'ambiguous' : 'retryable', {
    cause: error,
  });
}
