import { XeroSandbox } from '@mapwright/xero-sandbox';
import { createXeroConnector, InMemoryDeliveryStore, StaticCredentialsProvider } from '@mapwright/connector-xero';
import { TENANT, connectTo, creditNotePayload, invoicePayload, journalPayload, meta, startSandbox } from './xero-sandbox.fixture';

/** The connector against the real sandbox on a loopback port: each delivery path of the state machine. */
describe('Xero connector delivery', () => {
  let sandbox: XeroSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const writes = () => sandbox.requests().filter((r) => r.method === 'PUT');

  it('confirms an invoice, records the Xero id, and sends money as exact JSON numbers', async () => {
    const { connector } = connectTo(sandbox);
    const record = await connector.deliver({ action: 'createInvoice', meta: meta('inv-1'), payload: invoicePayload('UK-INV-000123') });
    expect(record).toMatchObject({ state: 'CONFIRMED', resolvedBy: 'response', attempts: 1, erpDocumentNumber: 'UK-INV-000123' });
    expect(record.transitions.map((t) => t.to)).toEqual(['SENT', 'CONFIRMED']);
    const [stored] = sandbox.documents();
    expect(stored.id).toBe(record.erpDocumentId);
    expect(stored.idempotencyKey).toBe('mw:le-uk:invoice:inv-1:r1');
    expect(stored.received.LineItems[0]).toMatchObject({ Quantity: 37.5, UnitAmount: 150, LineAmount: 5625 });
  });

  it('replays a redelivered document from the idempotency key: the same Xero id and one document', async () => {
    const first = await connectTo(sandbox).connector.deliver({ action: 'createInvoice', meta: meta('inv-2'), payload: invoicePayload('UK-INV-2') });
    // A fresh connector with no memory of the first delivery, as after a worker restart.
    const second = await connectTo(sandbox).connector.deliver({ action: 'createInvoice', meta: meta('inv-2'), payload: invoicePayload('UK-INV-2') });
    expect(second.state).toBe('CONFIRMED');
    expect(second.erpDocumentId).toBe(first.erpDocumentId);
    expect(sandbox.documents()).toHaveLength(1);
  });

  it('surfaces a key reused for another payload as a coded conflict and creates nothing more', async () => {
    const { connector } = connectTo(sandbox);
    await connector.deliver({ action: 'createInvoice', meta: meta('inv-3'), payload: invoicePayload('UK-INV-3') });
    const changed = await connectTo(sandbox).connector.deliver({
      action: 'createInvoice',
      meta: meta('inv-3'),
      payload: invoicePayload('UK-INV-3', { Reference: 'PO-CHANGED' }),
    });
    expect(changed.state).toBe('REJECTED');
    expect(changed.error).toMatchObject({ code: 'XERO_IDEMPOTENCY_CONFLICT', category: 'conflict', status: 422 });
    expect(changed.attempts).toBe(1);
    expect(sandbox.documents()).toHaveLength(1);
  });

  it('retries two 500s with jittered backoff and creates one document', async () => {
    sandbox.setFaults([{ method: 'PUT', path: '/Invoices', status: 500, times: 2 }]);
    const { connector, clock } = connectTo(sandbox, { retry: { baseDelayMs: 100, maxDelayMs: 10_000 } });
    const record = await connector.deliver({ action: 'createInvoice', meta: meta('inv-4'), payload: invoicePayload('UK-INV-4') });
    expect(record.state).toBe('CONFIRMED');
    expect(record.attempts).toBe(3);
    // Full jitter with random() = 0.5: half of 100·2^0, then half of 100·2^1.
    expect(record.waitsMs).toEqual([50, 100]);
    expect(clock.waits).toEqual([50, 100]);
    expect(writes().map((r) => r.status)).toEqual([500, 500, 200]);
    expect(sandbox.documents()).toHaveLength(1);
  });

  it('waits exactly as long as Retry-After says on 429', async () => {
    sandbox.setFaults([{ method: 'PUT', path: '/CreditNotes', status: 429, retryAfterSeconds: 3 }]);
    const { connector, clock } = connectTo(sandbox);
    const record = await connector.deliver({
      action: 'createCreditNote',
      meta: meta('cn-1', 1, 'credit-note'),
      payload: creditNotePayload('UK-CN-000007'),
    });
    expect(record.state).toBe('CONFIRMED');
    expect(clock.waits).toEqual([3000]);
    expect(record.attempts).toBe(2);
    expect(sandbox.documents().filter((d) => d.kind === 'CreditNote')).toHaveLength(1);
  });

  it('settles a connection dropped after commit by looking the invoice up, without sending it again', async () => {
    sandbox.setFaults([{ method: 'PUT', path: '/Invoices', drop: 'after-commit' }]);
    const { connector } = connectTo(sandbox);
    const record = await connector.deliver({ action: 'createInvoice', meta: meta('inv-5'), payload: invoicePayload('UK-INV-5') });
    expect(record).toMatchObject({ state: 'CONFIRMED', resolvedBy: 'lookup', attempts: 1, lookups: 1 });
    expect(record.erpDocumentId).toBe(sandbox.documents()[0].id);
    expect(writes()).toHaveLength(1);
    expect(sandbox.requests().some((r) => r.method === 'GET' && r.path.endsWith('/Invoices'))).toBe(true);
    expect(sandbox.documents()).toHaveLength(1);
  });

  it('sends again after a connection dropped before commit, once the look-up finds nothing', async () => {
    sandbox.setFaults([{ method: 'PUT', path: '/ManualJournals', drop: 'before-commit' }]);
    const { connector } = connectTo(sandbox);
    const record = await connector.deliver({
      action: 'createManualJournal',
      meta: meta('mj-1', 1, 'manual-journal'),
      payload: journalPayload('Invoice UK-INV-000123 to Acme Manufacturing plc'),
    });
    expect(record).toMatchObject({ state: 'CONFIRMED', resolvedBy: 'response', attempts: 2, lookups: 1 });
    expect(sandbox.documents()).toHaveLength(1);
  });

  it('treats a timeout after sending as ambiguous: looks up, resends under the same key, still one document', async () => {
    sandbox.setFaults([{ method: 'PUT', path: '/Invoices', latencyMs: 400 }]);
    const { connector } = connectTo(sandbox, { timeoutMs: 150 });
    const record = await connector.deliver({ action: 'createInvoice', meta: meta('inv-t1'), payload: invoicePayload('UK-INV-T1') });
    expect(record.state).toBe('CONFIRMED');
    expect(record.lookups).toBeGreaterThanOrEqual(1);
    // Let the slow first request finish on the server: its key is replayed, not committed twice.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sandbox.documents()).toHaveLength(1);
    expect(sandbox.documents()[0].id).toBe(record.erpDocumentId);
  });

  it('rejects a document Xero refuses, with Xero\'s message, and never retries it', async () => {
    const { connector } = connectTo(sandbox);
    const record = await connector.deliver({
      action: 'createManualJournal',
      meta: meta('mj-2', 1, 'manual-journal'),
      payload: journalPayload('Unbalanced', { JournalLines: [{ LineAmount: '10.00', AccountCode: '610' }, { LineAmount: '-9.99', AccountCode: '200' }] }),
    });
    expect(record.state).toBe('REJECTED');
    expect(record.error).toMatchObject({ code: 'XERO_VALIDATION_FAILED', category: 'business', status: 400 });
    expect(record.error?.validationErrors[0]).toContain('the journal lines sum to 0.01, not zero');
    expect(record.attempts).toBe(1);
    expect(writes()).toHaveLength(1);
    expect(sandbox.documents()).toHaveLength(0);
  });

  it('rejects an invoice without a Contact with Xero\'s wording', async () => {
    const { Contact: _omitted, ...withoutContact } = invoicePayload('UK-INV-NC');
    const record = await connectTo(sandbox).connector.deliver({ action: 'createInvoice', meta: meta('inv-nc'), payload: withoutContact as any });
    expect(record.state).toBe('REJECTED');
    expect(record.error?.validationErrors).toEqual(['A Contact must be specified for this type of transaction']);
  });

  it('paces a tenant to 60 calls a minute', async () => {
    const { connector, clock } = connectTo(sandbox);
    for (let i = 0; i < 61; i += 1) {
      const record = await connector.deliver({ action: 'createInvoice', meta: meta(`inv-rate-${i}`), payload: invoicePayload(`RATE-${i}`) });
      expect(record.state).toBe('CONFIRMED');
    }
    // The first 60 calls drain the bucket without waiting; the 61st waits for one token to refill.
    expect(clock.waits).toHaveLength(1);
    expect(clock.waits[0]).toBeGreaterThan(900);
    expect(clock.waits[0]).toBeLessThanOrEqual(1000);
    expect(sandbox.documents()).toHaveLength(61);
  });

  it('does not call Xero again for a revision its delivery store already confirmed', async () => {
    const store = new InMemoryDeliveryStore();
    const { connector } = connectTo(sandbox, { store });
    const first = await connector.deliver({ action: 'createInvoice', meta: meta('inv-6'), payload: invoicePayload('UK-INV-6') });
    const again = await connector.deliver({ action: 'createInvoice', meta: meta('inv-6'), payload: invoicePayload('UK-INV-6') });
    expect(again).toEqual(first);
    expect(writes()).toHaveLength(1);
  });

  it('applies a credit note to an invoice and settles a dropped allocation by looking it up', async () => {
    const { connector } = connectTo(sandbox);
    const invoice = await connector.deliver({ action: 'createInvoice', meta: meta('inv-7'), payload: invoicePayload('UK-INV-7') });
    const note = await connector.deliver({ action: 'createCreditNote', meta: meta('cn-7', 1, 'credit-note'), payload: creditNotePayload('UK-CN-7') });
    sandbox.setFaults([{ method: 'PUT', path: '/Allocations', drop: 'after-commit' }]);
    const allocation = await connector.deliver({
      action: 'allocateCreditNote',
      meta: meta('cn-7:inv-7', 1, 'credit-note-allocation'),
      payload: { CreditNoteID: note.erpDocumentId!, Amount: '270.00', Date: '2025-04-10', Invoice: { InvoiceID: invoice.erpDocumentId! } },
    });
    expect(allocation).toMatchObject({ state: 'CONFIRMED', resolvedBy: 'lookup' });
    const storedNote = sandbox.documents().find((d) => d.kind === 'CreditNote')!;
    expect(storedNote.document.Allocations).toHaveLength(1);
    expect(storedNote.document.RemainingCredit).toBe(0);
  });

  it('finds documents by Reference through the read action', async () => {
    const { connector } = connectTo(sandbox);
    await connector.deliver({ action: 'createInvoice', meta: meta('inv-8'), payload: invoicePayload('UK-INV-8', { Reference: 'PO "quoted" 8' }) });
    const found = await connector.findByReference(TENANT, { collection: 'Invoices', field: 'Reference', value: 'PO "quoted" 8' });
    expect(found.map((doc) => doc.InvoiceNumber)).toEqual(['UK-INV-8']);
  });

  it('refreshes the token before it expires and again when Xero refuses it', async () => {
    const { connector, clock } = connectTo(sandbox, { refreshSkewMs: 60_000 });
    await connector.deliver({ action: 'createInvoice', meta: meta('inv-9'), payload: invoicePayload('UK-INV-9') });
    await connector.deliver({ action: 'createInvoice', meta: meta('inv-10'), payload: invoicePayload('UK-INV-10') });
    expect(connector.tokensIssued()).toBe(1);
    // The sandbox issues 30-minute tokens; 29 minutes later the connector must not wait for a 401.
    clock.advance(29 * 60_000 + 1);
    await connector.deliver({ action: 'createInvoice', meta: meta('inv-11'), payload: invoicePayload('UK-INV-11') });
    expect(connector.tokensIssued()).toBe(2);
    expect(sandbox.requests().some((r) => r.status === 401)).toBe(false);

    sandbox.expireTokens();
    const record = await connector.deliver({ action: 'createInvoice', meta: meta('inv-12'), payload: invoicePayload('UK-INV-12') });
    expect(record.state).toBe('CONFIRMED');
    expect(connector.tokensIssued()).toBe(3);
    expect(sandbox.requests().filter((r) => r.status === 401)).toHaveLength(1);
    expect(sandbox.documents()).toHaveLength(4);
  });

  it('leaves a delivery unsent with a coded error when the tenant is not connected', async () => {
    const connector = createXeroConnector({
      apiUrl: sandbox.apiUrl,
      tokenUrl: sandbox.tokenUrl,
      credentials: new StaticCredentialsProvider('mapwright-sandbox', 'sandbox-secret-change-me'),
      sleep: async () => undefined,
    });
    const record = await connector.deliver({
      action: 'createInvoice',
      meta: { ...meta('inv-13'), tenantId: '00000000-0000-4000-8000-000000000000' },
      payload: invoicePayload('UK-INV-13'),
    });
    expect(record.state).toBe('SENT');
    expect(record.error).toMatchObject({ code: 'XERO_TENANT_FORBIDDEN', category: 'configuration' });
    expect(record.attempts).toBe(1);
  });
});
