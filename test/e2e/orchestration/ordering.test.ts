import type { XeroSandbox } from '@mapwright/xero-sandbox';
import { InProcessTransport } from '../../../apps/runtime/src/messaging/in-process.transport';
import { WorkerService } from '../../../apps/runtime/src/workers/worker.service';
import type { Harness } from '../runtime/runtime-harness';
import { enqueueAll, invoiceEvent, outboxCounts, startOrchestrated, startSandbox, waitFor, xeroEnv } from './orchestration-harness';

describe('order within a partition [sqlite, in-process]', () => {
  let sandbox: XeroSandbox;
  let h: Harness;

  beforeAll(async () => {
    sandbox = await startSandbox();
    h = await startOrchestrated('sqlite', { ...xeroEnv(sandbox), OUTBOX_SWEEP_AFTER_MS: '1000' });
  });

  afterAll(async () => {
    await h?.close();
    await sandbox?.close();
  });

  it('holds a later event of the partition until the earlier one, lost by the transport, is republished and processed', async () => {
    const workers = h.runtime.app.get(WorkerService);
    const transport = workers.activeTransport as InProcessTransport;
    const partitionKey = 'le-uk:contract:ctr-acme-tm';
    const [first, second] = [{ ...invoiceEvent(77), partitionKey }, { ...invoiceEvent(78), partitionKey }];
    transport.loseNextPublishes(1);
    const [firstId, secondId] = await enqueueAll(h, [first, second]);
    expect(transport.lost).toEqual([]);
    await waitFor('both processed', async () => (await outboxCounts(h)).PROCESSED === 2, 20_000, 50);

    expect(transport.lost).toEqual([firstId]);
    expect(workers.dispatcher.stats.deferredForOrder).toBeGreaterThan(0);
    const rows = await h.sql<{ id: string; processed_at: string }>('SELECT id, processed_at FROM outbox_messages ORDER BY processed_at');
    expect(rows.map((r) => r.id)).toEqual([firstId, secondId]);
    const received = sandbox.documents().map((d) => String(d.received.InvoiceNumber));
    expect(received).toEqual(['UK-INV-0000077', 'UK-INV-0000078']);
  }, 30_000);
});
