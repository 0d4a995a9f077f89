import type { XeroSandbox } from '@mapwright/xero-sandbox';
import { InProcessTransport } from '../../../apps/runtime/src/messaging/in-process.transport';
import { publishIdFor } from '../../../apps/runtime/src/messaging/outbox-relay.service';
import { WorkerService } from '../../../apps/runtime/src/workers/worker.service';
import type { Harness } from '../runtime/runtime-harness';
import { enqueueAll, erpDocumentsByKey, invoiceEvent, outboxCounts, startOrchestrated, startSandbox, waitFor, xeroEnv } from './orchestration-harness';

// 2,000 documents (2,600 events) take about 25 s alone on two cores and over a minute beside a second
// jest worker; the limits below bound a stuck run, not its speed. STORM_DOCS scales it.
const DOCS = Number(process.env.STORM_DOCS ?? 2000);

/**
 * In-process transport on SQLite: every document once, 30% of the events emitted twice, 30% of the
 * messages redelivered by the transport, 50 published messages lost by the "broker", and the relay
 * stopped and restarted mid-run. The ERP must hold exactly one document per idempotency key.
 */
describe('duplicate storm [sqlite, in-process]', () => {
  let sandbox: XeroSandbox;
  let h: Harness;

  beforeAll(async () => {
    sandbox = await startSandbox();
    h = await startOrchestrated('sqlite', { ...xeroEnv(sandbox), OUTBOX_SWEEP_AFTER_MS: '8000', MESSAGE_BACKOFF_MS: '50' });
  });

  afterAll(async () => {
    await h?.close();
    await sandbox?.close();
  });

  it(`posts ${DOCS} documents exactly once through duplicates, redeliveries, losses and a relay restart`, async () => {
    const started = Date.now();
    const workers = h.runtime.app.get(WorkerService);
    const transport = workers.activeTransport as InProcessTransport;
    expect(transport.kind).toBe('in-process');
    const dupes = Math.floor(DOCS * 0.3);

    const firstHalf = await enqueueAll(h, Array.from({ length: DOCS / 2 }, (_, i) => invoiceEvent(i)));
    await waitFor('some progress', async () => (await outboxCounts(h)).PROCESSED > DOCS / 10, 30_000, 50);
    await workers.relay.stop();
    const secondHalf = await enqueueAll(h, [
      ...Array.from({ length: DOCS / 2 }, (_, i) => invoiceEvent(DOCS / 2 + i)),
      // The same business event emitted again: new message ids, same document revision and content.
      ...Array.from({ length: dupes }, (_, i) => invoiceEvent(i * 3 % DOCS)),
    ]);

    // The transport redelivers 30% of the messages it already carried.
    const rows = await h.sql<{ id: string; type: string; stream: 'ops' | 'post'; legal_entity: string; partition_key: string; payload: string; correlation_id: string; publish_count: number }>(
      `SELECT * FROM outbox_messages WHERE id IN (${firstHalf.slice(0, dupes).map(() => '?').join(',')})`, firstHalf.slice(0, dupes));
    for (const r of rows) {
      await transport.publish({ id: r.id, publishId: publishIdFor({ id: r.id, publishCount: 0 }), type: r.type, stream: r.stream, legalEntity: r.legal_entity,
        partitionKey: r.partition_key, payload: r.payload, correlationId: r.correlation_id });
    }

    // The broker loses the first 50 messages the restarted relay publishes; only the sweeper can bring them back.
    transport.loseNextPublishes(50);
    workers.relay.start(transport, { pollMs: 50, batch: 200, claimMs: 10_000, sweepAfterMs: 8000, sweepEveryMs: 500 });

    const total = firstHalf.length + secondHalf.length;
    await waitFor('every event processed', async () => (await outboxCounts(h)).PROCESSED === total, 150_000, 250).catch(async (err) => {
      throw new Error(`${(err as Error).message}: ${JSON.stringify({ counts: await outboxCounts(h), dead: await h.sql('SELECT failures FROM dead_letters LIMIT 3') })}`);
    });
    const elapsedMs = Date.now() - started;

    const byKey = erpDocumentsByKey(sandbox);
    expect(byKey.size).toBe(DOCS);
    expect([...byKey.values()].every((n) => n === 1)).toBe(true);
    const confirmed = await h.sql<{ n: number }>(`SELECT count(*) AS n FROM erp_documents WHERE state = 'CONFIRMED' AND erp_document_id IS NOT NULL`);
    expect(Number(confirmed[0].n)).toBe(DOCS);
    expect(await h.sql('SELECT type, failures FROM dead_letters')).toEqual([]);
    // Every lost message the test did not redeliver itself could only come back through the sweeper.
    const redelivered = new Set(rows.map((r) => r.id));
    const onlySweeper = transport.lost.filter((id) => !redelivered.has(id));
    expect(transport.lost).toHaveLength(50);
    expect(workers.relay.republished).toBeGreaterThanOrEqual(onlySweeper.length);
    expect(workers.dispatcher.stats.duplicates).toBeGreaterThanOrEqual(rows.length);
    process.stdout.write(`duplicate storm: ${DOCS} documents, ${total} events, ${rows.length} redeliveries, ${elapsedMs} ms, stats ${JSON.stringify(workers.dispatcher.stats)}\n`);
  }, 180_000);
});
