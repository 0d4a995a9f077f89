import * as fs from 'node:fs';
import * as path from 'node:path';
import pino from 'pino';
import { parse } from 'yaml';
import { StaticCredentialsProvider, createXeroConnector } from '@mapwright/connector-xero';
import { DEFAULT_SANDBOX_CLIENT, type XeroSandbox } from '@mapwright/xero-sandbox';
import type { Harness } from '../runtime/runtime-harness';
import { REPO_ROOT, enqueueAll, invoiceEvent, outboxCounts, startOrchestrated, startSandbox, waitFor, xeroEnv } from './orchestration-harness';

const UK_TENANT = '8c2b7f4e-0d1a-4f3b-9e2c-5a6b7c8d9e01';
/** A valid Xero invoice as the shipped outbound mapping produces it. */
const xeroInvoice = (parse(fs.readFileSync(path.join(REPO_ROOT, 'mapping-specs/xero-invoice/1.0.0/tests/01-gbp-standard-rated.yaml'), 'utf8')) as { expect: { output: Record<string, unknown> } }).expect.output;

describe('operations endpoints [sqlite, in-process]', () => {
  let sandbox: XeroSandbox;
  let h: Harness;
  let operator: Record<string, string>;

  beforeAll(async () => {
    sandbox = await startSandbox();
    h = await startOrchestrated('sqlite', { ...xeroEnv(sandbox), MESSAGE_BACKOFF_MS: '50' });
    operator = { Authorization: `Bearer ${await h.token({ name: 'ops-olga', roles: ['operator'] })}` };
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    await sandbox?.close();
  });

  it('holds a paused partition while others flow, lists it in flight, and releases it on resume', async () => {
    const held = invoiceEvent(1).partitionKey;
    await h.http().post('/api/v1/operations/partitions/pause').set(operator).send({ partitionKey: held, reason: 'customer record being fixed' }).expect(200);
    await enqueueAll(h, [invoiceEvent(1), invoiceEvent(2), invoiceEvent(3)]);
    await waitFor('the other partitions processed', async () => (await outboxCounts(h)).PROCESSED === 2, 20_000);
    // Give the relay time to (wrongly) publish the paused one.
    await new Promise((r) => setTimeout(r, 500));
    expect((await outboxCounts(h)).PENDING).toBe(1);
    expect(sandbox.documents().some((d) => d.idempotencyKey?.includes(':inv-1:'))).toBe(false);

    const inFlight = await h.http().get('/api/v1/operations/in-flight').set(operator).expect(200);
    expect(inFlight.body.paused.map((p: { partitionKey: string }) => p.partitionKey)).toEqual([held]);
    expect(inFlight.body.partitions).toEqual([expect.objectContaining({ partitionKey: held, status: 'PENDING', count: 1 })]);
    expect(inFlight.body.transport).toBe('in-process');

    await h.http().post('/api/v1/operations/partitions/resume').set(operator).send({ partitionKey: held }).expect(200);
    await waitFor('the paused partition processed', async () => (await outboxCounts(h)).PROCESSED === 3, 20_000);
    expect(sandbox.documents().filter((d) => d.idempotencyKey?.includes(':inv-1:'))).toHaveLength(1);
    const audit = await h.sql<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type = 'partition' ORDER BY seq`);
    expect(audit.map((a) => a.action)).toEqual(['partition.paused', 'partition.resumed']);

    const metrics = await h.http().get('/metrics').expect(200);
    expect(metrics.text).toContain('messages_consumed_total{type="invoice.finalised",outcome="processed"} 3');
    expect(metrics.text).toMatch(/outbox_published_total\{kind="published"\} [3-9]/);
  }, 60_000);

  it('reconciles what Mapwright recorded as posted with what the ERP holds', async () => {
    const clean = await h.http().get('/api/v1/operations/reconcile?legalEntity=le-uk').set(operator).expect(200);
    expect(clean.body.summary).toEqual(expect.objectContaining({ checked: 3, matched: 3, missingInErp: 0 }));
    expect(clean.body.items).toEqual([]);
    expect(clean.body.summary.erpOnly).toBe(0);

    // Someone keys an invoice straight into the ERP: Mapwright has no record of it, and says so.
    const manual = createXeroConnector({
      credentials: new StaticCredentialsProvider(DEFAULT_SANDBOX_CLIENT.clientId, DEFAULT_SANDBOX_CLIENT.clientSecret),
      apiUrl: sandbox.apiUrl, tokenUrl: sandbox.tokenUrl, logger: pino({ level: 'silent' }),
    });
    const keyed = await manual.deliver({
      action: 'createInvoice', meta: { legalEntityId: 'le-uk', docType: 'invoice', docId: 'keyed-by-hand', revision: 1, tenantId: UK_TENANT },
      payload: { ...xeroInvoice, InvoiceNumber: 'MANUAL-0001' } as never,
    });
    expect(keyed.state).toBe('CONFIRMED');
    const withManual = await h.http().get('/api/v1/operations/reconcile?legalEntity=le-uk').set(operator).expect(200);
    expect(withManual.body.summary).toEqual(expect.objectContaining({ checked: 3, matched: 3, erpOnly: 1 }));
    expect(withManual.body.items).toEqual([expect.objectContaining({ verdict: 'erp-only', docType: 'invoice', erpDocumentNumber: 'MANUAL-0001', erpDocumentId: keyed.erpDocumentId, tenantId: UK_TENANT })]);
    const elsewhere = await h.http().get('/api/v1/operations/reconcile?legalEntity=le-us').set(operator).expect(200);
    expect(elsewhere.body.summary.erpOnly).toBe(0);

    // The ERP loses its documents (a restored backup, a deleted organisation): reconciliation must say so.
    sandbox.reset();
    const drifted = await h.http().get('/api/v1/operations/reconcile?legalEntity=le-uk').set(operator).expect(200);
    expect(drifted.body.summary).toEqual(expect.objectContaining({ checked: 3, matched: 0, missingInErp: 3, erpOnly: 0 }));
    expect(drifted.body.items.map((i: { docId: string }) => i.docId).sort()).toEqual(['inv-1', 'inv-2', 'inv-3']);
  }, 30_000);

  it('answers 404 for an unknown dead letter and refuses a malformed replay filter', async () => {
    const missing = await h.http().post('/api/v1/operations/dead-letters/00000000-0000-0000-0000-000000000000/replay').set(operator).send({}).expect(404);
    expect(missing.body.code).toBe('DEAD_LETTER_NOT_FOUND');
    const bad = await h.http().post('/api/v1/operations/dead-letters/replay').set(operator).send({ everything: true }).expect(422);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });
});
