import { randomBytes } from 'node:crypto';
import type { XeroSandbox } from '@mapwright/xero-sandbox';
import { NatsTransport } from '../../../apps/runtime/src/messaging/nats.transport';
import { WorkerService } from '../../../apps/runtime/src/workers/worker.service';
import type { Harness } from '../runtime/runtime-harness';
import { NATS_AVAILABLE, enqueueAll, erpDocumentsByKey, invoice, invoiceEvent, outboxCounts, publishGermanRoute, startOrchestrated, startSandbox, waitFor, xeroEnv } from './orchestration-harness';

/** A German entity has no routing rule yet: its invoice cannot be posted until one is published. */
function germanInvoiceEvent() {
  const document = invoice(9_000_001, { legalEntityId: 'le-de', id: 'inv-de-1', invoiceNumber: 'DE-INV-0000001' });
  return { type: 'invoice.finalised', partitionKey: 'le-de:invoice:inv-de-1', correlationId: 'corr-poison-de',
    payload: { legalEntityId: 'le-de', docType: 'invoice', docId: 'inv-de-1', revision: 1, document } };
}

if (!NATS_AVAILABLE) console.warn('SKIPPED: "poison messages and conflicting payloads" over NATS: 127.0.0.1:4222 is not reachable (CI=true makes this a failure)');

/** The same dead-letter semantics on both transports: the in-process bus's timers and JetStream's nak with delay. */
describe.each([
  ['in-process', {}],
  ...(NATS_AVAILABLE ? [['nats', { NATS_URL: 'nats://127.0.0.1:4222', NATS_PREFIX: `mwt${randomBytes(4).toString('hex')}` }] as const] : []),
] as [string, Record<string, string>][])('poison messages and conflicting payloads [sqlite, %s]', (_transport, transportEnv) => {
  let sandbox: XeroSandbox;
  let h: Harness;
  const auth = async (name: string, role: 'operator' | 'architect' | 'approver') => ({ Authorization: `Bearer ${await h.token({ name, roles: [role] })}` });

  beforeAll(async () => {
    sandbox = await startSandbox();
    h = await startOrchestrated('sqlite', { ...xeroEnv(sandbox), MESSAGE_MAX_DELIVER: '4', MESSAGE_BACKOFF_MS: '50', ...transportEnv });
  });

  afterAll(async () => {
    const transport = h?.runtime.app.get(WorkerService).activeTransport;
    if (transport instanceof NatsTransport) await transport.deleteStreams();
    await h?.close();
    await sandbox?.close();
  });

  it('dead-letters a poison message after MaxDeliver while other traffic flows; replay after the fix posts it exactly once', async () => {
    const others = Array.from({ length: 60 }, (_, i) => invoiceEvent(100 + i));
    await enqueueAll(h, [others[0], germanInvoiceEvent(), ...others.slice(1)]);
    await waitFor('the poison message in the dead letters and the rest posted', async () => {
      const c = await outboxCounts(h);
      return c.DEAD === 1 && c.PROCESSED === 60;
    }, 30_000);
    expect(erpDocumentsByKey(sandbox).size).toBe(60);

    const operator = await auth('ops-olga', 'operator');
    const dead = await h.http().get('/api/v1/operations/dead-letters?status=OPEN').set(operator).expect(200);
    expect(dead.body).toHaveLength(1);
    const letter = dead.body[0];
    expect(letter.correlationId).toBe('corr-poison-de');
    expect(letter.failures.map((f: { attempt: number }) => f.attempt)).toEqual([1, 2, 3, 4]);
    expect(letter.failures.every((f: { code: string }) => f.code === 'ROUTE_NOT_FOUND')).toBe(true);
    expect(letter.payload.docId).toBe('inv-de-1');

    // The fix: a routing rule for le-de, through the same governance as every production change.
    await publishGermanRoute(h);

    const replay = await h.http().post(`/api/v1/operations/dead-letters/${letter.id}/replay`).set(operator).send({}).expect(200);
    expect(replay.body.correlationId).toBe('corr-poison-de');
    await waitFor('the replayed message processed', async () => (await outboxCounts(h)).PROCESSED === 61, 20_000);
    const again = await h.http().post(`/api/v1/operations/dead-letters/${letter.id}/replay`).set(operator).send({}).expect(409);
    expect(again.body.code).toBe('DEAD_LETTER_ALREADY_REPLAYED');

    const german = sandbox.documents().filter((d) => d.idempotencyKey?.includes('inv-de-1'));
    expect(german).toHaveLength(1);
    expect(german[0].tenantId).toBe('1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6');
    const [replayed] = await h.sql<{ replay_of: string; correlation_id: string; status: string }>('SELECT replay_of, correlation_id, status FROM outbox_messages WHERE id = ?', [replay.body.messageId]);
    expect(replayed).toEqual({ replay_of: letter.messageId, correlation_id: 'corr-poison-de', status: 'PROCESSED' });
    const [doc] = await h.sql<{ state: string; erp_document_id: string }>(`SELECT state, erp_document_id FROM erp_documents WHERE doc_id = 'inv-de-1'`);
    expect(doc.state).toBe('CONFIRMED');
    expect(doc.erp_document_id).toBe(String(german[0].id));
  }, 60_000);

  it('refuses the same idempotency key with a different payload: an exception, never a second document', async () => {
    const first = invoiceEvent(500);
    const changed = invoiceEvent(500, 1, invoice(500, { purchaseOrderNumber: 'PO-CHANGED' }));
    await enqueueAll(h, [first]);
    await waitFor('the first revision posted', async () => (await h.sql(`SELECT 1 FROM erp_documents WHERE doc_id = 'inv-500' AND state = 'CONFIRMED'`)).length === 1, 20_000);
    const before = sandbox.documents().length;
    await enqueueAll(h, [changed]);
    await waitFor('the conflicting event dead-lettered', async () => (await h.sql(`SELECT 1 FROM dead_letters WHERE partition_key = 'le-uk:invoice:inv-500'`)).length === 1, 20_000);

    const [letter] = await h.sql<{ failures: string }>(`SELECT failures FROM dead_letters WHERE partition_key = 'le-uk:invoice:inv-500'`);
    const failures = JSON.parse(letter.failures) as { code: string; attempt: number }[];
    // Not retried: a conflict cannot resolve itself.
    expect(failures).toEqual([expect.objectContaining({ code: 'ERP_IDEMPOTENCY_CONFLICT', attempt: 1 })]);
    expect(sandbox.documents().length).toBe(before);
    expect(sandbox.documents().filter((d) => d.idempotencyKey?.includes('inv-500'))).toHaveLength(1);
    const operator = await auth('ops-olga', 'operator');
    const listed = await h.http().get('/api/v1/operations/dead-letters?code=ERP_IDEMPOTENCY_CONFLICT').set(operator).expect(200);
    expect(listed.body.map((d: { payload: { docId: string } }) => d.payload.docId)).toEqual(['inv-500']);
  }, 60_000);
});
