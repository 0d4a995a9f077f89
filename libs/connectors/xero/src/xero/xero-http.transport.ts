import type { Logger } from 'pino';
import { OAuth2ClientCredentialsTokenSource } from '../auth/oauth2-client-credentials.token-source';
import { TokenBucketRateLimiter } from '../framework/token-bucket.rate-limiter';
import { XeroHttpFailure, classifyXeroError } from './xero-error.classifier';
import { serializeXeroPayload } from './xero-payload.serializer';

export interface XeroRequest {
  query?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: string;
}

/** A transport bound to one Xero organisation; actions talk to Xero only through this. */
export interface XeroTenantTransport {
  request<T = Record<string, any>>(method: 'GET' | 'PUT' | 'POST', path: string, request?: XeroRequest): Promise<T>;
}

export interface XeroHttpTransportOptions {
  apiUrl: string;
  tokenSource: OAuth2ClientCredentialsTokenSource;
  limiter: TokenBucketRateLimiter;
  timeoutMs: number;
  logger: Logger;
  now: () => number;
}

/**
 * HTTP to the Accounting API: rate limiting per tenant, bearer token, one refresh on 401,
 * and every failure turned into a categorised ConnectorError. Retrying is the caller's decision.
 */
export class XeroHttpTransport {
  constructor(private readonly options: XeroHttpTransportOptions) {}

  forTenant(tenantId: string): XeroTenantTransport {
    return { request: (method, path, request) => this.request(tenantId, method, path, request ?? {}) };
  }

  private async request<T>(tenantId: string, method: string, path: string, request: XeroRequest): Promise<T> {
    const release = await this.options.limiter.acquire(tenantId);
    try {
      try {
        return await this.send<T>(tenantId, method, path, request);
      } catch (error) {
        if (error instanceof XeroHttpFailure && error.status === 401) {
          // An expired or revoked token: fetch a fresh one and try exactly once more.
          this.options.tokenSource.invalidate();
          this.options.logger.info({ tenantId, path }, 'xero access token refused; refreshing');
          return await this.send<T>(tenantId, method, path, request);
        }
        throw error;
      }
    } catch (error) {
      throw classifyXeroError(error, { method, path }, this.options.now());
    } finally {
      release();
    }
  }

  private async send<T>(tenantId: string, method: string, path: string, request: XeroRequest): Promise<T> {
    const token = await this.options.tokenSource.accessToken();
    const url = new URL(`${this.options.apiUrl}${path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      url.searchParams.set(name, value);
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'xero-tenant-id': tenantId,
      accept: 'application/json',
    };
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    if (request.idempotencyKey) {
      headers['idempotency-key'] = request.idempotencyKey;
    }
    const response = await fetch(url, {
      method,
      headers,
      body: request.body === undefined ? undefined : serializeXeroPayload(request.body),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    // Reading the body can fail too (connection cut mid-answer); that surfaces as a transport error.
    const text = await response.text();
    const body = text ? safeJson(text) : undefined;
    this.options.logger.debug(
      { tenantId, method, path, status: response.status, idempotencyKey: request.idempotencyKey, replayed: response.headers.get('idempotent-replayed') === 'true' },
      'xero response',
    );
    if (!response.ok) {
      throw new XeroHttpFailure(response.status, body, response.headers.get('retry-after'));
    }
    return body as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { Message: text.slice(0, 500) };
  }
}
