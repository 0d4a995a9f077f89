import { createHash } from 'node:crypto';

/** Xero's Idempotency-Key header holds at most 128 characters. */
export const XERO_IDEMPOTENCY_KEY_MAX_LENGTH = 128;

export interface CanonicalDocumentRef {
  legalEntityId: string;
  /** invoice, credit-note, credit-note-allocation, manual-journal … */
  docType: string;
  docId: string;
  /** Bumped whenever the document's content changes; a new revision is a new delivery. */
  revision: number;
}

/**
 * `mw:<legalEntity>:<docType>:<docId>:r<revision>`, readable in Xero's logs and in ours.
 * A key that would be too long becomes `mw:sha256:<hex>` of the same text, still deterministic.
 */
export function idempotencyKeyFor(ref: CanonicalDocumentRef, maxLength: number = XERO_IDEMPOTENCY_KEY_MAX_LENGTH): string {
  if (!Number.isInteger(ref.revision) || ref.revision < 0) {
    throw new RangeError(`XERO_REVISION_INVALID: revision must be a non-negative integer, got ${ref.revision}`);
  }
  const key = `mw:${ref.legalEntityId}:${ref.docType}:${ref.docId}:r${ref.revision}`;
  if (key.length <= maxLength) {
    return key;
  }
  return `mw:sha256:${createHash('sha256').update(key).digest('hex')}`;
}
