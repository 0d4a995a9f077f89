import { XeroHttpFailure, classifyXeroError } from './xero-error.classifier';

const put = { method: 'PUT', path: '/Invoices' };
const get = { method: 'GET', path: '/Invoices' };

describe('classifyXeroError', () => {
  it('sorts Xero answers into retryable, rate-limited, business and conflict', () => {
    expect(classifyXeroError(new XeroHttpFailure(503, {}, null), put)).toMatchObject({ code: 'XERO_SERVER_ERROR', category: 'retryable' });
    expect(classifyXeroError(new XeroHttpFailure(429, {}, '12'), put)).toMatchObject({ category: 'rate-limited', retryAfterMs: 12_000 });
    expect(classifyXeroError(new XeroHttpFailure(422, { Type: 'IdempotencyKeyReusedException' }, null), put)).toMatchObject({
      code: 'XERO_IDEMPOTENCY_CONFLICT',
      category: 'conflict',
    });
    const business = classifyXeroError(
      new XeroHttpFailure(400, { Type: 'ValidationException', Elements: [{ ValidationErrors: [{ Message: 'Invoice # must be unique.' }] }] }, null),
      put,
    );
    expect(business).toMatchObject({ code: 'XERO_VALIDATION_FAILED', category: 'business', message: 'Invoice # must be unique.' });
    expect(business.transient).toBe(false);
  });

  it('treats a lost connection as ambiguous for a write and plainly retryable for a read', () => {
    const lost = new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET' } });
    expect(classifyXeroError(lost, put)).toMatchObject({ code: 'XERO_CONNECTION_LOST', category: 'ambiguous' });
    expect(classifyXeroError(lost, get)).toMatchObject({ category: 'retryable' });
    const refused = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    expect(classifyXeroError(refused, put)).toMatchObject({ code: 'XERO_UNREACHABLE', category: 'retryable' });
    const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    expect(classifyXeroError(timeout, put)).toMatchObject({ code: 'XERO_TIMEOUT', category: 'ambiguous' });
  });
});
