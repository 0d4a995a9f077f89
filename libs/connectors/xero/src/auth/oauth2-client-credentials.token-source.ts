import { inspect } from 'node:util';
import { ConnectorError } from '../framework/connector-error';
import { CredentialsProvider } from './client-credentials';

export interface TokenSourceOptions {
  tokenUrl: string;
  credentials: CredentialsProvider;
  scopes: string[];
  /** Ask for a new token this long before the current one expires. */
  refreshSkewMs: number;
  timeoutMs: number;
  now?: () => number;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
  credentialsVersion: string;
}

/**
 * OAuth2 client-credentials grant with a cached token: reused until shortly before expiry,
 * dropped when the credentials change (rotation) or the API refuses it (invalidate()).
 * Concurrent callers share one token request.
 */
export class OAuth2ClientCredentialsTokenSource {
  private cached?: CachedToken;
  private inFlight?: Promise<CachedToken>;
  private issued = 0;
  private readonly now: () => number;

  constructor(private readonly options: TokenSourceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Tokens obtained from the identity endpoint so far. */
  get tokensIssued(): number {
    return this.issued;
  }

  async accessToken(): Promise<string> {
    const { version } = await this.options.credentials.current();
    const cached = this.cached;
    if (cached && cached.credentialsVersion === version && cached.expiresAt - this.options.refreshSkewMs > this.now()) {
      return cached.accessToken;
    }
    this.inFlight ??= this.requestToken().finally(() => {
      this.inFlight = undefined;
    });
    return (await this.inFlight).accessToken;
  }

  /** Forget the cached token (the API answered 401). */
  invalidate(): void {
    this.cached = undefined;
  }

  toJSON(): Record<string, unknown> {
    return { tokenUrl: this.options.tokenUrl, hasToken: this.cached !== undefined, expiresAt: this.cached?.expiresAt };
  }

  [inspect.custom](): string {
    return `OAuth2ClientCredentialsTokenSource(${this.options.tokenUrl})`;
  }

  private async requestToken(): Promise<CachedToken> {
    const { credentials, version } = await this.options.credentials.current();
    const basic = Buffer.from(
      `${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.revealSecret())}`,
    ).toString('base64');
    let response: Response;
    try {
      response = await fetch(this.options.tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: this.options.scopes.join(' ') }).toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new ConnectorError('XERO_TOKEN_UNREACHABLE', 'The Xero identity endpoint could not be reached.', 'retryable', { cause: error });
    }
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string };
    if (response.status >= 500 || response.status === 429) {
      throw new ConnectorError('XERO_TOKEN_UNAVAILABLE', `The Xero identity endpoint answered ${response.status}.`, 'retryable', {
        status: response.status,
      });
    }
    if (!response.ok || !body.access_token || typeof body.expires_in !== 'number') {
      // The identity endpoint's own error code (invalid_client …) is safe to show; the request is not.
      throw new ConnectorError(
        'XERO_AUTH_FAILED',
        `Xero refused the client credentials (${body.error ?? response.status}). Check the client id and secret.`,
        'auth',
        { status: response.status },
      );
    }
    this.issued += 1;
    this.cached = { accessToken: body.access_token, expiresAt: this.now() + body.expires_in * 1000, credentialsVersion: version };
    return this.cached;
  }
}
