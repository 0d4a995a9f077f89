import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A client the sandbox's identity endpoint will issue tokens to (Xero "custom connection"). */
export interface SandboxClient {
  clientId: string;
  clientSecret: string;
}

export type TokenGrant =
  | { ok: true; accessToken: string; expiresIn: number }
  | { ok: false; status: number; error: string; description: string };

/**
 * OAuth2 client-credentials issuer. Tokens are opaque random strings with an expiry;
 * rotating a client's secret leaves tokens already issued valid until they expire, as Xero does.
 */
export class OAuthTokenIssuer {
  private clients: SandboxClient[];
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();

  constructor(clients: SandboxClient[], private readonly ttlSeconds: number, private readonly now: () => number = Date.now) {
    this.clients = [...clients];
  }

  setClients(clients: SandboxClient[]): void {
    this.clients = [...clients];
  }

  /** Form body of POST /connect/token, plus the Authorization header for HTTP Basic client auth. */
  grant(form: URLSearchParams, authorization: string | undefined): TokenGrant {
    if (form.get('grant_type') !== 'client_credentials') {
      return { ok: false, status: 400, error: 'unsupported_grant_type', description: 'Only client_credentials is supported.' };
    }
    let clientId = form.get('client_id') ?? '';
    let clientSecret = form.get('client_secret') ?? '';
    if (authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1));
    }
    const client = this.clients.find((candidate) => candidate.clientId === clientId);
    if (!client || !sameSecret(client.clientSecret, clientSecret)) {
      return { ok: false, status: 400, error: 'invalid_client', description: 'Client authentication failed.' };
    }
    const accessToken = randomBytes(24).toString('base64url');
    this.tokens.set(accessToken, { clientId, expiresAt: this.now() + this.ttlSeconds * 1000 });
    return { ok: true, accessToken, expiresIn: this.ttlSeconds };
  }

  /** Whether `Authorization: Bearer …` carries a live token. */
  verify(authorization: string | undefined): boolean {
    if (!authorization?.startsWith('Bearer ')) {
      return false;
    }
    const token = this.tokens.get(authorization.slice(7).trim());
    return token !== undefined && token.expiresAt > this.now();
  }

  /** Ends every issued token now, to exercise a client's refresh path. */
  expireAll(): void {
    for (const token of this.tokens.values()) {
      token.expiresAt = 0;
    }
  }
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
