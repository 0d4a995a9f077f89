import { createHash } from 'node:crypto';

/**
 * Idempotency-Key semantics, after Xero's documentation and the IETF httpapi Idempotency-Key draft:
 * a key is scoped to the tenant; the same key with the same request replays the stored response;
 * the same key with a different request is refused with 422 (the draft's status for key reuse).
 */

export const IDEMPOTENCY_KEY_MAX_LENGTH = 128;

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type IdempotencyLookup =
  | { kind: 'new'; fingerprint: string }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' };

export class IdempotencyStore {
  private readonly entries = new Map<string, { fingerprint: string; response: StoredResponse }>();

  static fingerprint(method: string, path: string, body: unknown): string {
    return createHash('sha256')
      .update(`${method.toUpperCase()} ${path}\n${stableStringify(body)}`)
      .digest('hex');
  }

  lookup(tenantId: string, key: string, fingerprint: string): IdempotencyLookup {
    const entry = this.entries.get(`${tenantId}\u0000${key}`);
    if (!entry) {
      return { kind: 'new', fingerprint };
    }
    if (entry.fingerprint !== fingerprint) {
      return { kind: 'mismatch' };
    }
    return { kind: 'replay', response: structuredClone(entry.response) };
  }

  remember(tenantId: string, key: string, fingerprint: string, response: StoredResponse): void {
    this.entries.set(`${tenantId}\u0000${key}`, { fingerprint, response: structuredClone(response) });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Key-sorted JSON for fingerprints. `canonicalize` (RFC 8785) ships ESM only, which jest on Node 20
 * cannot load; a fingerprint needs stability, not the RFC's number formatting.
 */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableStringify).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
