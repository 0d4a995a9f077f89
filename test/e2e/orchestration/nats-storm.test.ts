import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { XeroSandbox } from '@mapwright/xero-sandbox';
import { createRuntimeApp, RuntimeApp } from '../../../apps/runtime/src/bootstrap';
import { loadAppConfig } from '../../../apps/runtime/src/config/app-config';
import { NatsTransport } from '../../../apps/runtime/src/messaging/nats.transport';
import { publishIdFor } from '../../../apps/runtime/src/messaging/outbox-relay.service';
import { WorkerService } from '../../../apps/runtime/src/workers/worker.service';
import { Harness, POSTGRES_AVAILABLE } from '../runtime/runtime-harness';
import { NATS_AVAILABLE, REPO_ROOT, enqueueAll, erpDocumentsByKey, invoiceEvent, outboxCounts, startOrchestrated, startSandbox, waitFor, xeroEnv } from './orchestration-harness';

const DOCS = Number(process.env.NATS_STORM_DOCS ?? 500);
const available = NATS_AVAILABLE && POSTGRES_AVAILABLE;
if (!available) console.warn('SKIPPED: "NATS duplicate storm": NATS at 127.0.0.1:4222 or PostgreSQL at 127.0.0.1:5432 is not reachable (CI=true makes this a failure)');

/**
 * Two runtime processes' worth of relays and consumers share one PostgreSQL database and one pair of
 * JetStream streams: relays claim with SKIP LOCKED, consumers share durable consumers.
 */
(available ? describe : describe.skip)('duplicate storm [postgres, NATS JetStream, two workers]', () => {
  const prefix = `mwt${randomBytes(4).toString('hex')}`;
  let sandbox: XeroSandbox;
  let h: Harness;
  let second: RuntimeApp | undefined;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const env = { ...xeroEnv(sandbox), NATS_URL: 'nats://127.0.0.1:4222', NATS_PREFIX: prefix, OUTBOX_SWEEP_AFTER_MS: '15000', MESSAGE_BACKOFF_MS: '100' };
    h = await startOrchestrated('postgres', env);
    const url = String((h.runtime.dataSource.options as { url?: string }).url);
    second = await createRuntimeApp(loadAppConfig({
      ...env, DATABASE_URL: url, DATA_DIR: h.dataDir, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'warn', WORKER_ROLES: 'posting', MAPPING_WORKERS: '0',
      SPECS_DIR: path.join(REPO_ROOT, 'mapping-specs'), DESIGNER_DIR: path.join(h.dataDir, 'none'),
    }, REPO_ROOT));
  }, 60_000);

  afterAll(async () => {
    const transport = h?.runtime.app.get(WorkerService).activeTransport as NatsTransport | undefined;
    await second?.close();
    await transport?.deleteStreams();
    await h?.close();
    await sandbox?.close();
  }, 60_000);

  it(`posts ${DOCS} documents exactly once with 30% redelivered and a relay restarted mid-run`, async () => {
    const started = Date.now();
    const workers = h.runtime.app.get(WorkerService);
    const transport = workers.activeTransport as NatsTransport;
    expect(transport.kind).toBe('nats');
    const dupes = Math.floor(DOCS * 0.3);

    const firstHalf = await enqueueAll(h, Array.from({ length: DOCS / 2 }, (_, i) => invoiceEvent(i)));
    await waitFor('some progress', async () => ((await outboxCounts(h)).PROCESSED ?? 0) > DOCS / 10, 30_000, 50);
    await workers.relay.stop();
    const secondHalf = await enqueueAll(h, [
      ...Array.from({ length: DOCS / 2 }, (_, i) => invoiceEvent(DOCS / 2 + i)),
      ...Array.from({ length: dupes }, (_, i) => invoiceEvent(i * 3 % DOCS)),
    ]);
    // Redelivery past the broker's de-duplication window: the same outbox ids under new Nats-Msg-Ids.
    const rows = await h.sql<{ id: string; type: string; stream: 'ops' | 'post'; legal_entity: string; partition_key: string; payload: string; correlation_id: string }>(
      `SELECT * FROM outbox_messages WHERE id IN (${firstHalf.slice(0, dupes).map(() => '?').join(',')})`, firstHalf.slice(0, dupes));
    for (const r of rows) {
      await transport.publish({ id: r.id, publishId: `${publishIdFor({ id: r.id, publishCount: 0 })}.redelivery`, type: r.type, stream: r.stream,
        legalEntity: r.legal_entity, partitionKey: r.partition_key, payload: r.payload, correlationId: r.correlation_id });
    }
    workers.relay.start(transport, { pollMs: 50, batch: 200, claimMs: 10_000, sweepAfterMs: 15_000, sweepEveryMs: 1000 });

    const total = firstHalf.length + secondHalf.length;
    await waitFor('every event processed', async () => (await outboxCounts(h)).PROCESSED === total, 55_000, 250).catch(async (err) => {
      throw new Error(`${(err as Error).message}: ${JSON.stringify({ counts: await outboxCounts(h), dead: await h.sql('SELECT failures FROM dead_letters LIMIT 3') })}`);
    });
    const elapsedMs = Date.now() - started;

    const byKey = erpDocumentsByKey(sandbox);
    expect(byKey.size).toBe(DOCS);
    expect([...byKey.values()].filter((n) => n !== 1)).toEqual([]);
    const confirmed = await h.sql<{ n: string }>(`SELECT count(*) AS n FROM erp_documents WHERE state = 'CONFIRMED' AND erp_document_id IS NOT NULL`);
    expect(Number(confirmed[0].n)).toBe(DOCS);
    expect(await h.sql('SELECT type FROM dead_letters')).toEqual([]);
    const otherWorkers = second!.app.get(WorkerService);
    // Both processes did part of the work.
    expect(workers.dispatcher.stats.processed).toBeGreaterThan(0);
    expect(otherWorkers.dispatcher.stats.processed).toBeGreaterThan(0);
    expect(workers.dispatcher.stats.duplicates + otherWorkers.dispatcher.stats.duplicates).toBeGreaterThanOrEqual(rows.length);
    process.stdout.write(`NATS storm: ${DOCS} documents, ${total} events, ${rows.length} redeliveries, ${elapsedMs} ms; processed ${workers.dispatcher.stats.processed} + ${otherWorkers.dispatcher.stats.processed}\n`);
  }, 60_000);
});
