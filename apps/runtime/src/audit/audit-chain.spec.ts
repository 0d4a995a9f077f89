import { ChainedAuditRow, GENESIS_HASH, hashAuditRow, verifyChain } from './audit-chain';

function chain(n: number): ChainedAuditRow[] {
  const rows: ChainedAuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields = { seq, at: `2026-01-01T00:00:0${seq}.000Z`, actor: 'alice', action: 'spec.draft.created', entityType: 'spec_version', entityId: `s@1.0.${seq}`, correlationId: 'c', beforeHash: null, afterHash: 'a'.repeat(64), details: '{}', prevHash: prev };
    const row = { ...fields, hash: hashAuditRow(fields) };
    rows.push(row);
    prev = row.hash;
  }
  return rows;
}

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    expect(verifyChain(chain(5))).toMatchObject({ ok: true, checked: 5 });
  });
  it('finds a mutated row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], actor: 'mallory' };
    expect(verifyChain(rows).firstBroken).toMatchObject({ seq: 3, reason: 'row-hash-mismatch' });
  });
  it('finds a deleted row', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyChain(rows).firstBroken).toMatchObject({ seq: 3, reason: 'sequence-gap' });
  });
  it('finds reordered rows even when their seq numbers are swapped', () => {
    const rows = chain(5);
    const a = rows[1];
    const b = rows[2];
    rows[1] = { ...b, seq: 2 };
    rows[2] = { ...a, seq: 3 };
    expect(verifyChain(rows).firstBroken).toMatchObject({ seq: 2, reason: 'previous-hash-mismatch' });
  });
});
