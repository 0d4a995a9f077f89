import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_SANDBOX_CLIENT, startXeroSandbox, XeroSandbox } from '@mapwright/xero-sandbox';
import { CatalogImportService } from '../../../apps/runtime/src/mapping/catalog-import.service';
import { TransactionService } from '../../../apps/runtime/src/database/transaction.service';
import { ROUTED_TENANTS } from '../../../apps/runtime/src/erp-delivery/xero-client.provider';
import { OutboxEvent, OutboxService } from '../../../apps/runtime/src/messaging/outbox.service';
import { WorkerService } from '../../../apps/runtime/src/workers/worker.service';
import { Dialect, Harness, startRuntime, tcpReachable } from '../runtime/runtime-harness';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** When CI=true an unreachable NATS server is an error, never a skip. */
export function natsRequirement(reachable: boolean, ci: string | undefined): boolean {
  if (!reachable && ci === 'true') throw new Error('NATS at 127.0.0.1:4222 is required when CI=true but is not reachable');
  return reachable;
}

export const NATS_AVAILABLE = natsRequirement(tcpReachable('127.0.0.1', 4222), process.env.CI);

const baseInvoice = (parse(fs.readFileSync(path.join(REPO_ROOT, 'mapping-specs/xero-invoice/1.0.0/tests/01-gbp-standard-rated.yaml'), 'utf8')) as { input: Record<string, unknown> }).input;

/** A schema-valid finalised canonical invoice, unique per `n`. */
export function invoice(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...structuredClone(baseInvoice), id: `inv-${n}`, invoiceNumber: `UK-INV-${String(n).padStart(7, '0')}`, idempotencyKey: `invoice:le-uk:UK-INV-${n}`, ...overrides };
}

export function invoiceEvent(n: number, revision = 1, document = invoice(n)): OutboxEvent {
  return {
    type: 'invoice.finalised',
    partitionKey: `le-uk:invoice:inv-${n}`,
    payload: { legalEntityId: 'le-uk', docType: 'invoice', docId: `inv-${n}`, revision, document },
    correlationId: `corr-${n}`,
  };
}

export async function startSandbox(): Promise<XeroSandbox> {
  return startXeroSandbox({ port: 0, host: '127.0.0.1', tenants: ROUTED_TENANTS });
}

export function xeroEnv(sandbox: XeroSandbox): Record<string, string> {
  return {
    XERO_API_URL: sandbox.apiUrl, XERO_TOKEN_URL: sandbox.tokenUrl,
    XERO_CLIENT_ID: DEFAULT_SANDBOX_CLIENT.clientId, XERO_CLIENT_SECRET: DEFAULT_SANDBOX_CLIENT.clientSecret,
    XERO_CALLS_PER_MINUTE: '1000000',
  };
}

/** Only the shipped specs are imported (no demo users or master data): the ERP path needs mappings and routing. */
export async function startOrchestrated(dialect: Dialect, env: Record<string, string>): Promise<Harness> {
  const h = await startRuntime(dialect, { SPECS_DIR: path.join(REPO_ROOT, 'mapping-specs'), LOG_LEVEL: 'warn', WORKER_ROLES: 'posting', SEED_DEMO_DATA: 'false', ...env });
  await h.runtime.app.get(CatalogImportService).importShippedSpecs();
  return h;
}

/** Enqueues through the public outbox API, in transactions of `chunk` events. */
export async function enqueueAll(h: Harness, events: OutboxEvent[], chunk = 100): Promise<string[]> {
  const outbox = h.runtime.app.get(OutboxService);
  const tx = h.runtime.app.get(TransactionService);
  const ids: string[] = [];
  for (let i = 0; i < events.length; i += chunk) {
    await tx.write(async (m) => {
      for (const e of events.slice(i, i + chunk)) ids.push((await outbox.enqueue(m, e)).id);
    });
  }
  h.runtime.app.get(WorkerService).relay.nudge();
  return ids;
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function outboxCounts(h: Harness): Promise<Record<string, number>> {
  const rows = await h.sql<{ status: string; n: string | number }>('SELECT status, count(*) AS n FROM outbox_messages GROUP BY status');
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Documents the ERP holds, per idempotency key the connector sent. */
export function erpDocumentsByKey(sandbox: XeroSandbox): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of sandbox.documents()) {
    const key = d.idempotencyKey ?? '(none)';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** A German entity has no routing rule in the shipped catalog: its invoice cannot be posted until one is published. */
export function germanInvoiceEvent(n = 1): OutboxEvent {
  const document = invoice(9_000_000 + n, { legalEntityId: 'le-de', id: `inv-de-${n}`, invoiceNumber: `DE-INV-${String(n).padStart(7, '0')}` });
  return { type: 'invoice.finalised', partitionKey: `le-de:invoice:inv-de-${n}`, correlationId: `corr-poison-de-${n}`,
    payload: { legalEntityId: 'le-de', docType: 'invoice', docId: `inv-de-${n}`, revision: 1, document } };
}

/** The fix for German invoices: a routing rule for le-de, through the same governance as every production change. */
export async function publishGermanRoute(h: Harness): Promise<void> {
  const architect = { Authorization: `Bearer ${await h.token({ name: 'arch-anna', roles: ['architect'] })}` };
  const approver = { Authorization: `Bearer ${await h.token({ name: 'appr-ben', roles: ['approver'] })}` };
  const current = await h.http().get('/api/v1/specs/routing-rules/versions/1.0.0').set(architect).expect(200);
  const rules = [...current.body.content.data, { id: 'de-to-xero-group', priority: 40, when: 'legalEntityId = "le-de"',
    destination: { system: 'xero', connectionId: 'xero-group', tenantId: '1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6', legalEntity: 'le-de' } }];
  await h.http().post('/api/v1/specs/routing-rules/versions').set(architect).send({ version: '1.1.0', fromVersion: '1.0.0', data: rules }).expect(201);
  await h.http().post('/api/v1/specs/routing-rules/versions/1.1.0/submit').set(architect).send({}).expect(200);
  await h.http().post('/api/v1/specs/routing-rules/versions/1.1.0/approve').set(approver).send({ comment: 'route le-de' }).expect(200);
  await h.http().post('/api/v1/specs/routing-rules/versions/1.1.0/publish').set(approver).send({}).expect(200);
}
