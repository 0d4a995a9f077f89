import fc from 'fast-check';
import { XERO_IDEMPOTENCY_KEY_MAX_LENGTH, idempotencyKeyFor } from './idempotency-key';

describe('idempotencyKeyFor', () => {
  it('names the legal entity, document type, id and revision', () => {
    expect(idempotencyKeyFor({ legalEntityId: 'le-uk', docType: 'invoice', docId: 'inv-9001', revision: 3 })).toBe('mw:le-uk:invoice:inv-9001:r3');
  });

  it('is deterministic, at most 128 characters, and different for different revisions', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat({ max: 1000 }), (docId, revision) => {
        const ref = { legalEntityId: 'le-uk', docType: 'invoice', docId };
        const key = idempotencyKeyFor({ ...ref, revision });
        expect(key.length).toBeLessThanOrEqual(XERO_IDEMPOTENCY_KEY_MAX_LENGTH);
        expect(idempotencyKeyFor({ ...ref, revision })).toBe(key);
        expect(idempotencyKeyFor({ ...ref, revision: revision + 1 })).not.toBe(key);
      }),
    );
  });

  it('hashes a key that would be too long', () => {
    expect(idempotencyKeyFor({ legalEntityId: 'le-uk', docType: 'invoice', docId: 'x'.repeat(200), revision: 1 })).toMatch(/^mw:sha256:[0-9a-f]{64}$/);
  });

  it('refuses a revision that is not a whole number', () => {
    expect(() => idempotencyKeyFor({ legalEntityId: 'le', docType: 'invoice', docId: 'd', revision: 1.5 })).toThrow(/XERO_REVISION_INVALID/);
  });
});
