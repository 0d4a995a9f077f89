import { inspect } from 'node:util';

const REDACTED = '[REDACTED]';

/**
 * An OAuth2 client id and secret. The secret lives in a private field, and every way an object
 * is usually turned into text (JSON, util.inspect, template strings, pino) shows it redacted.
 */
export class ClientCredentials {
  readonly #clientSecret: string;

  constructor(readonly clientId: string, clientSecret: string) {
    this.#clientSecret = clientSecret;
  }

  /** The only way to read the secret; call it where it goes on the wire and nowhere else. */
  revealSecret(): string {
    return this.#clientSecret;
  }

  toJSON(): Record<string, string> {
    return { clientId: this.clientId, clientSecret: REDACTED };
  }

  toString(): string {
    return `ClientCredentials(${this.clientId}, ${REDACTED})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** Credentials plus a version that changes whenever they may have changed (rotation). */
export interface VersionedCredentials {
  credentials: ClientCredentials;
  version: string;
}

/** Where client credentials come from; implementations must be cheap to call before every token request. */
export interface CredentialsProvider {
  current(): Promise<VersionedCredentials>;
}

export class StaticCredentialsProvider implements CredentialsProvider {
  private readonly value: VersionedCredentials;

  constructor(clientId: string, clientSecret: string) {
    this.value = { credentials: new ClientCredentials(clientId, clientSecret), version: 'static' };
  }

  async current(): Promise<VersionedCredentials> {
    return this.value;
  }

  toJSON(): Record<string, unknown> {
    return { type: 'static', credentials: this.value.credentials.toJSON() };
  }

  [inspect.custom](): string {
    return `StaticCredentialsProvider(${this.value.credentials.clientId})`;
  }
}
