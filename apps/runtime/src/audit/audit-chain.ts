import { canonicalHash } from '../common/canonical-hash';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  correlationId: string;
  beforeHash: string | null;
  afterHash: string | null;
  details: string;
  prevHash: string;
}

export interface ChainedAuditRow extends AuditFields {
  hash: string;
}

/** The row hash covers every stored field, including the previous row's hash. */
export function hashAuditRow(fields: AuditFields): string {
  return canonicalHash({
    seq: fields.seq, at: fields.at, actor: fields.actor, action: fields.action, entityType: fields.entityType,
    entityId: fields.entityId, correlationId: fields.correlationId, beforeHash: fields.beforeHash,
    afterHash: fields.afterHash, details: fields.details, prevHash: fields.prevHash,
  });
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  headHash: string;
  firstBroken?: { seq: number; reason: 'sequence-gap' | 'previous-hash-mismatch' | 'row-hash-mismatch'; expected: string; found: string };
}

/** Walks rows in seq order and reports the first link that does not hold. */
export function verifyChain(rows: ChainedAuditRow[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return { ok: false, checked: expectedSeq - 1, headHash: prevHash, firstBroken: { seq: row.seq, reason: 'sequence-gap', expected: String(expectedSeq), found: String(row.seq) } };
    }
    if (row.prevHash !== prevHash) {
      return { ok: false, checked: expectedSeq - 1, headHash: prevHash, firstBroken: { seq: row.seq, reason: 'previous-hash-mismatch', expected: prevHash, found: row.prevHash } };
    }
    const recomputed = hashAuditRow(row);
    if (recomputed !== row.hash) {
      return { ok: false, checked: expectedSeq - 1, headHash: prevHash, firstBroken: { seq: row.seq, reason: 'row-hash-mismatch', expected: recomputed, found: row.hash } };
    }
    prevHash = row.hash;
    expectedSeq++;
  }
  return { ok: true, checked: rows.length, headHash: prevHash };
}
