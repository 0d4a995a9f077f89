import { describeEachDialect, Harness } from './runtime-harness';
import { costDraft } from './spec-fixtures';

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

/** Tests need to tamper the way an attacker with database access would: with the guard triggers gone. */
async function withoutAuditTriggers(h: Harness, fn: () => Promise<void>): Promise<void> {
  if (h.dialect === 'postgres') {
    await h.sql('ALTER TABLE audit_events DISABLE TRIGGER USER');
    try {
      await fn();
    } finally {
      await h.sql('ALTER TABLE audit_events ENABLE TRIGGER USER');
    }
    return;
  }
  await h.sql('DROP TRIGGER trg_audit_no_update');
  await h.sql('DROP TRIGGER trg_audit_no_delete');
  await fn();
}

describeEachDialect('tamper-evident audit', (h) => {
  let erin: string;
  let alice: string;

  beforeAll(async () => {
    erin = await h().token('erin');
    alice = await h().token('alice');
    for (const v of ['1.0.0', '1.1.0', '1.2.0']) {
      await h().http().post('/api/v1/specs/audited/versions').set(auth(alice)).send(costDraft(v, 'standard')).expect(201);
    }
  });

  const verify = async () => (await h().http().get('/api/v1/audit/verify').set(auth(erin)).expect(200)).body;

  it('records every write with actor, correlation id and before/after hashes, and the chain verifies', async () => {
    const res = await h().http().post('/api/v1/specs/audited/versions').set(auth(alice)).set('X-Correlation-Id', 'corr-audit-42').send(costDraft('1.3.0', 'standard')).expect(201);
    expect(res.headers['x-correlation-id']).toBe('corr-audit-42');
    expect(res.body.correlationId).toBe('corr-audit-42');
    const rows = (await h().http().get('/api/v1/audit?correlationId=corr-audit-42').set(auth(erin)).expect(200)).body;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'alice', action: 'version.draft.created', entityId: 'audited@1.3.0', afterHash: res.body.contentHash, beforeHash: null });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('the database refuses UPDATE and DELETE on audit rows', async () => {
    await expect(h().sql("UPDATE audit_events SET actor = 'mallory' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(h().sql('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('concurrent writers never fork the chain', async () => {
    await Promise.all(['2.0.0', '2.1.0', '2.2.0', '2.3.0', '2.4.0'].map((v, i) =>
      h().http().post(`/api/v1/specs/fork-${i}/versions`).set(auth(alice)).send(costDraft(v, 'standard'))));
    const verdict = await verify();
    expect(verdict.ok).toBe(true);
    const [{ n }] = await h().sql<{ n: number | string }>('SELECT count(*) AS n FROM audit_events');
    expect(verdict.checked).toBe(Number(n));
  });

  it('detects a mutated row, a deleted row and reordered rows, naming the first broken link', async () => {
    await withoutAuditTriggers(h(), async () => {
      const [row] = await h().sql<{ actor: string }>('SELECT actor FROM audit_events WHERE seq = 3');
      await h().sql("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3");
      expect((await verify()).firstBroken).toMatchObject({ seq: 3, reason: 'row-hash-mismatch' });
      await h().sql('UPDATE audit_events SET actor = ? WHERE seq = 3', [row.actor]);
      expect((await verify()).ok).toBe(true);

      // Reorder: swap rows 4 and 5 by renumbering.
      await h().sql('UPDATE audit_events SET seq = -4 WHERE seq = 4');
      await h().sql('UPDATE audit_events SET seq = 4 WHERE seq = 5');
      await h().sql('UPDATE audit_events SET seq = 5 WHERE seq = -4');
      expect((await verify()).firstBroken).toMatchObject({ seq: 4, reason: 'previous-hash-mismatch' });
      await h().sql('UPDATE audit_events SET seq = -4 WHERE seq = 4');
      await h().sql('UPDATE audit_events SET seq = 4 WHERE seq = 5');
      await h().sql('UPDATE audit_events SET seq = 5 WHERE seq = -4');
      expect((await verify()).ok).toBe(true);

      await h().sql('DELETE FROM audit_events WHERE seq = 6');
      expect((await verify()).firstBroken).toMatchObject({ seq: 7, reason: 'sequence-gap' });
    });
  });
});
