import { IdempotencyStore, stableStringify } from './idempotency.store';

describe('IdempotencyStore', () => {
  it('fingerprints a body regardless of key order but not regardless of values', () => {
    expect(stableStringify({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    const a = IdempotencyStore.fingerprint('PUT', '/Invoices', { x: 1, y: 2 });
    expect(IdempotencyStore.fingerprint('put', '/Invoices', { y: 2, x: 1 })).toBe(a);
    expect(IdempotencyStore.fingerprint('PUT', '/Invoices', { x: 1, y: 3 })).not.toBe(a);
    expect(IdempotencyStore.fingerprint('PUT', '/CreditNotes', { x: 1, y: 2 })).not.toBe(a);
  });

  it('replays for the same request, refuses another, and keeps tenants apart', () => {
    const store = new IdempotencyStore();
    store.remember('t1', 'k', 'f1', { status: 200, body: { ok: 1 } });
    expect(store.lookup('t1', 'k', 'f1')).toEqual({ kind: 'replay', response: { status: 200, body: { ok: 1 } } });
    expect(store.lookup('t1', 'k', 'f2')).toEqual({ kind: 'mismatch' });
    expect(store.lookup('t2', 'k', 'f2')).toEqual({ kind: 'new', fingerprint: 'f2' });
  });
});
