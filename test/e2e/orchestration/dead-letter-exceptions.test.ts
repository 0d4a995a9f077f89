import { randomBytes } from 'node:crypto';
import type { XeroSandbox } from '@mapwright/xero-sandbox';
import { NatsTransport } from '../../../apps/runtime/src/messaging/nats.transport';
import { WorkerService } from '../../../apps/runtime/src/workers/worker.service';
import type { Harness } from '../runtime/runtime-harness';
import {
  NATS_AVAILABLE, enqueueAll, germanInvoiceEvent, invoice, invoiceEvent, outboxCounts, publishGermanRoute, startOrchestrated, startSandbox, waitFor, xeroEnv,
} from './orchestration-harness';

if (!NATS_AVAILABLE) console.warn('SKIPPED: "dead letters in the exception queue" over NATS: 127.0.0.1:4222 is not reachable (CI=true makes this a failure)');

interface ExceptionView {
  id: string;
  code: string;
  category: string;
  state: string;
  legalEntityId: string;
  objectId: string;
  correlationId: string;
}

/** Every dead letter, on either transport, is a `delivery` exception that finance can filter, inspect, retry and resolve. */
describe.each([
  ['in-process', {}],
  ...(NATS_AVAILABLE ? [['nats', { NATS_URL: 'nats://127.0.0.1:4222', NATS_PREFIX: `mwt${randomBytes(4).toString('hex')}` }] as const] : []),
] as [string, Record<string, string>][])('dead letters in the business exception queue [sqlite, %s]', (_transport, transportEnv) => {
  let sandbox: XeroSandbox;
  let h: Harness;
  let operator: Record<string, string>;
  let approver: Record<string, string>;

  beforeAll(async () => {
    sandbox = await startSandbox();
    h = await startOrchestrated('sqlite', { ...xeroEnv(sandbox), MESSAGE_MAX_DELIVER: '3', MESSAGE_BACKOFF_MS: '50', ...transportEnv });
    operator = { Authorization: `Bearer ${await h.token({ name: 'ops-olga', roles: ['operator'] })}` };
    approver = { Authorization: `Bearer ${await h.token({ name: 'appr-ben', roles: ['approver'] })}` };
  });

  afterAll(async () => {
    const transport = h?.runtime.app.get(WorkerService).activeTransport;
    if (transport instanceof NatsTransport) await transport.deleteStreams();
    await h?.close();
    await sandbox?.close();
  });

  const deliveryExceptions = async (query = ''): Promise<ExceptionView[]> =>
    (await h.http().get(`/api/v1/exceptions?category=delivery${query}`).set(operator).expect(200)).body;

  it('raises the dead letter as an exception with payload and failure history; retry replays it under the original correlation id', async () => {
    // Two German invoices: this test retries one from the exception queue, the next replays the other from operations.
    await enqueueAll(h, [germanInvoiceEvent(1), invoiceEvent(1), germanInvoiceEvent(2)]);
    await waitFor('the poison messages dead-lettered', async () => (await outboxCounts(h)).DEAD === 2 && (await outboxCounts(h)).PROCESSED === 1, 30_000);

    const listed = await deliveryExceptions('&legalEntity=le-de&state=open');
    expect(listed.map((e) => e.objectId).sort()).toEqual(['inv-de-1', 'inv-de-2']);
    expect(await deliveryExceptions('&legalEntity=le-uk')).toEqual([]);
    const exception = listed.find((e) => e.objectId === 'inv-de-1')!;
    expect(exception).toEqual(expect.objectContaining({ code: 'ROUTE_NOT_FOUND', category: 'delivery', state: 'open', legalEntityId: 'le-de', correlationId: 'corr-poison-de-1' }));

    const full = await h.http().get(`/api/v1/exceptions/${exception.id}`).set(operator).expect(200);
    expect(full.body.masked).toBe(false);
    expect(full.body.record.payload.docId).toBe('inv-de-1');
    expect(full.body.record.payload.document.lines[0].unitPrice.amount).toBe('150.00');
    expect(full.body.details.failures.map((f: { attempt: number; code: string }) => [f.attempt, f.code])).toEqual([[1, 'ROUTE_NOT_FOUND'], [2, 'ROUTE_NOT_FOUND'], [3, 'ROUTE_NOT_FOUND']]);
    const [letter] = await h.sql<{ id: string; message_id: string; exception_id: string }>(`SELECT id, message_id, exception_id FROM dead_letters WHERE partition_key = 'le-de:invoice:inv-de-1'`);
    expect(letter.exception_id).toBe(exception.id);
    expect(full.body.details).toEqual(expect.objectContaining({ deadLetterId: letter.id, messageId: letter.message_id, type: 'invoice.finalised', consumer: 'erp-delivery' }));

    // Approvers judge without view-sensitive: amounts and rates in the stored event are masked.
    const masked = await h.http().get(`/api/v1/exceptions/${exception.id}`).set(approver).expect(200);
    expect(masked.body.masked).toBe(true);
    expect(masked.body.record.payload.document.lines[0].unitPrice.amount).toBe('***');
    expect(masked.body.record.payload.document.lines[0].taxRate).toBe('***');
    expect(masked.body.record.payload.docId).toBe('inv-de-1');

    await publishGermanRoute(h);
    const retried = await h.http().post(`/api/v1/exceptions/${exception.id}/retry`).set(operator).send({}).expect(200);
    expect(retried.body.state).toBe('retried');
    expect(retried.body.retry).toEqual({ ok: true, outcome: expect.objectContaining({ deadLetterId: letter.id, correlationId: 'corr-poison-de-1' }) });
    const replayId = retried.body.retry.outcome.messageId as string;
    await waitFor('the replay processed', async () => (await h.sql<{ status: string }>('SELECT status FROM outbox_messages WHERE id = ?', [replayId]))[0]?.status === 'PROCESSED', 20_000);
    const [replayed] = await h.sql<{ replay_of: string; correlation_id: string }>('SELECT replay_of, correlation_id FROM outbox_messages WHERE id = ?', [replayId]);
    expect(replayed).toEqual({ replay_of: letter.message_id, correlation_id: 'corr-poison-de-1' });
    expect(sandbox.documents().filter((d) => d.idempotencyKey?.includes(':inv-de-1:'))).toHaveLength(1);
    const [after] = await h.sql<{ status: string; replay_message_id: string }>('SELECT status, replay_message_id FROM dead_letters WHERE id = ?', [letter.id]);
    expect(after).toEqual({ status: 'REPLAYED', replay_message_id: replayId });
    // Closed in both places: the operations endpoint refuses a second replay.
    expect((await h.http().post(`/api/v1/operations/dead-letters/${letter.id}/replay`).set(operator).send({}).expect(409)).body.code).toBe('DEAD_LETTER_ALREADY_REPLAYED');
    expect((await h.http().post(`/api/v1/exceptions/${exception.id}/retry`).set(operator).send({}).expect(409)).body.code).toBe('INVALID_TRANSITION');
  }, 90_000);

  it('resolving the exception closes the dead letter; replaying from operations closes the exception', async () => {
    // Same key, different payload: dead-lettered at once.
    await enqueueAll(h, [invoiceEvent(700)]);
    await waitFor('inv-700 posted', async () => (await h.sql(`SELECT 1 FROM erp_documents WHERE doc_id = 'inv-700' AND state = 'CONFIRMED'`)).length === 1, 20_000);
    await enqueueAll(h, [invoiceEvent(700, 1, invoice(700, { purchaseOrderNumber: 'PO-CHANGED' }))]);
    await waitFor('the conflict dead-lettered', async () => (await outboxCounts(h)).DEAD === 3, 30_000);

    const [conflict] = await deliveryExceptions('&code=ERP_IDEMPOTENCY_CONFLICT');
    expect(conflict).toEqual(expect.objectContaining({ objectId: 'inv-700', state: 'open', correlationId: 'corr-700' }));
    await h.http().post(`/api/v1/exceptions/${conflict.id}/resolve`).set(operator).send({ note: 'revision 2 issued instead' }).expect(200);
    const [closed] = await h.sql<{ id: string; status: string; replayed_by: string }>('SELECT id, status, replayed_by FROM dead_letters WHERE exception_id = ?', [conflict.id]);
    expect(closed).toEqual(expect.objectContaining({ status: 'RESOLVED', replayed_by: 'ops-olga' }));
    expect((await h.http().post(`/api/v1/operations/dead-letters/${closed.id}/replay`).set(operator).send({}).expect(409)).body.code).toBe('INVALID_TRANSITION');
    const open = await h.http().get('/api/v1/operations/dead-letters?status=OPEN').set(operator).expect(200);
    expect(open.body.map((d: { payload: { docId: string } }) => d.payload.docId)).toEqual(['inv-de-2']);

    // The German route was published by the first test: the operations replay posts it and the exception closes with it.
    const replay = await h.http().post(`/api/v1/operations/dead-letters/${open.body[0].id}/replay`).set(operator).send({}).expect(200);
    await waitFor('the replay processed', async () => (await h.sql<{ status: string }>('SELECT status FROM outbox_messages WHERE id = ?', [replay.body.messageId]))[0]?.status === 'PROCESSED', 20_000);
    const german = await h.http().get(`/api/v1/exceptions/${open.body[0].exceptionId}`).set(operator).expect(200);
    expect(german.body).toEqual(expect.objectContaining({ state: 'retried', retryCount: 1, resolvedBy: 'ops-olga' }));
    expect((await deliveryExceptions('&state=open'))).toEqual([]);
    const audit = await h.sql<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = ? ORDER BY seq`, [open.body[0].exceptionId]);
    expect(audit.map((a) => a.action)).toEqual(['exception.raised', 'exception.retried']);
  }, 90_000);
});
