import { XeroSandbox } from '@mapwright/xero-sandbox';
import { CONTACT_ID, TENANT, invoicePayload, journalPayload, sandboxToken, startSandbox } from './xero-sandbox.fixture';

/** The sandbox over real HTTP: contract validation, OAuth, tenancy, idempotency, ledger rules, faults. */
describe('Xero sandbox', () => {
  let sandbox: XeroSandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ tokenTtlSeconds: 600 });
    token = await sandboxToken(sandbox);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': TENANT, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  // Xero's JSON wants numbers for money; the fixture uses decimal strings, so send what the connector would.
  const numeric = (payload: Record<string, any>) => JSON.parse(JSON.stringify(payload), (key, value) =>
    ['Quantity', 'UnitAmount', 'LineAmount', 'TaxAmount', 'Amount'].includes(key) ? Number(value) : value);

  it('rejects a body that breaks the published contract with a ValidationException naming the field', async () => {
    const response = await call('PUT', '/Invoices', { Invoices: [{ Type: 'ACCREC', Contact: { ContactID: CONTACT_ID }, LineItems: { Description: 'not a list' } }] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body).toMatchObject({ ErrorNumber: 10, Type: 'ValidationException' });
    expect(body.Elements[0].ValidationErrors.map((v: any) => v.Message)).toContain('Invoices[0].LineItems must be array');
    expect(sandbox.documents()).toHaveLength(0);
  });

  it('refuses money sent as strings, because the contract says number', async () => {
    const response = await call('PUT', '/Invoices', { Invoices: [invoicePayload('INV-STR')] });
    expect(response.status).toBe(400);
    const messages = ((await response.json()) as any).Elements[0].ValidationErrors.map((v: any) => v.Message);
    expect(messages).toContain('Invoices[0].LineItems[0].LineAmount must be number');
  });

  it('rejects an invoice without a Contact with Xero\'s message', async () => {
    const { Contact: _omitted, ...withoutContact } = numeric(invoicePayload('INV-NC'));
    const response = await call('PUT', '/Invoices', { Invoices: [withoutContact] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.Elements[0].ValidationErrors).toEqual([{ Message: 'A Contact must be specified for this type of transaction' }]);
  });

  it('checks line totals, invoice type and journal balance', async () => {
    const wrongLine = numeric(invoicePayload('INV-L', { Type: 'ACCPAY' as any }));
    wrongLine.LineItems[0].LineAmount = 5000;
    const invoice = await call('PUT', '/Invoices', { Invoices: [wrongLine] });
    const messages = ((await invoice.json()) as any).Elements[0].ValidationErrors.map((v: any) => v.Message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Type must be ACCREC'),
        expect.stringContaining('line total 5000 does not match the expected line total 5625.00'),
      ]),
    );
    const unbalanced = numeric(journalPayload('Unbalanced'));
    unbalanced.JournalLines[0].LineAmount = 6750.01;
    const journal = await call('PUT', '/ManualJournals', { ManualJournals: [unbalanced] });
    expect(journal.status).toBe(400);
    expect(JSON.stringify(await journal.json())).toContain('the journal lines sum to 0.01, not zero');
    expect(sandbox.documents()).toHaveLength(0);
  });

  it('computes totals, finds documents by number and by Reference, and reads them back by id', async () => {
    const created = await call('PUT', '/Invoices', { Invoices: [numeric(invoicePayload('UK-INV-1'))] });
    expect(created.status).toBe(200);
    const invoice = ((await created.json()) as any).Invoices[0];
    expect(invoice).toMatchObject({ SubTotal: 5625, TotalTax: 1125, Total: 6750, AmountDue: 6750, Status: 'AUTHORISED' });
    const byNumber = (await (await call('GET', `/Invoices?where=${encodeURIComponent('InvoiceNumber=="UK-INV-1"')}`)).json()) as any;
    const byReference = (await (await call('GET', `/Invoices?where=${encodeURIComponent('Reference=="PO-88231" AND Type=="ACCREC"')}`)).json()) as any;
    const missing = (await (await call('GET', `/Invoices?InvoiceNumbers=UK-INV-2`)).json()) as any;
    const byId = (await (await call('GET', `/Invoices/${invoice.InvoiceID}`)).json()) as any;
    expect(byNumber.Invoices.map((i: any) => i.InvoiceID)).toEqual([invoice.InvoiceID]);
    expect(byReference.Invoices).toHaveLength(1);
    expect(missing.Invoices).toHaveLength(0);
    expect(byId.Invoices[0].InvoiceNumber).toBe('UK-INV-1');
  });

  it('allocates a credit note up to its remaining credit and no further', async () => {
    const invoice = ((await (await call('PUT', '/Invoices', { Invoices: [numeric(invoicePayload('UK-INV-9'))] })).json()) as any).Invoices[0];
    const credit = {
      Type: 'ACCRECCREDIT', Contact: { ContactID: CONTACT_ID }, Date: '2025-04-09', Status: 'AUTHORISED', CurrencyCode: 'GBP',
      LineItems: [{ Description: 'Correction', Quantity: 1.5, UnitAmount: 150, LineAmount: 225, TaxAmount: 45, AccountCode: '200' }],
    };
    const note = ((await (await call('PUT', '/CreditNotes', { CreditNotes: [credit] })).json()) as any).CreditNotes[0];
    expect(note.RemainingCredit).toBe(270);
    const allocation = { Allocations: [{ Amount: 200, Date: '2025-04-10', Invoice: { InvoiceID: invoice.InvoiceID } }] };
    expect((await call('PUT', `/CreditNotes/${note.CreditNoteID}/Allocations`, allocation)).status).toBe(200);
    const tooMuch = await call('PUT', `/CreditNotes/${note.CreditNoteID}/Allocations`, allocation);
    expect(tooMuch.status).toBe(400);
    expect(JSON.stringify(await tooMuch.json())).toContain('exceeds the remaining credit (70.00)');
    const after = ((await (await call('GET', `/Invoices/${invoice.InvoiceID}`)).json()) as any).Invoices[0];
    expect(after.AmountDue).toBe(6550);
  });

  it('replays the stored answer for a repeated Idempotency-Key and refuses the key for another body', async () => {
    const body = { Invoices: [numeric(invoicePayload('UK-INV-2'))] };
    const first = (await (await call('PUT', '/Invoices', body, { 'idempotency-key': 'key-1' })).json()) as any;
    const again = await call('PUT', '/Invoices', body, { 'idempotency-key': 'key-1' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as any).Invoices[0].InvoiceID).toBe(first.Invoices[0].InvoiceID);
    const other = await call('PUT', '/Invoices', { Invoices: [numeric(invoicePayload('UK-INV-3'))] }, { 'idempotency-key': 'key-1' });
    expect(other.status).toBe(422);
    expect(((await other.json()) as any).Type).toBe('IdempotencyKeyReusedException');
    const tooLong = await call('PUT', '/Invoices', body, { 'idempotency-key': 'k'.repeat(129) });
    expect(tooLong.status).toBe(400);
    expect(sandbox.documents()).toHaveLength(1);
  });

  it('answers 401 without a live token and 403 for an unknown tenant', async () => {
    const noToken = await fetch(`${sandbox.apiUrl}/Invoices`, { headers: { 'xero-tenant-id': TENANT } });
    expect(noToken.status).toBe(401);
    const wrongTenant = await call('GET', '/Invoices', undefined, { 'xero-tenant-id': '00000000-0000-4000-8000-000000000000' });
    expect(wrongTenant.status).toBe(403);
    const badSecret = await fetch(sandbox.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'mapwright-sandbox', client_secret: 'wrong' }),
    });
    expect(badSecret.status).toBe(400);
    expect(((await badSecret.json()) as any).error).toBe('invalid_client');
  });

  it('injects faults through its admin endpoint and keeps what it received', async () => {
    const set = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ faults: [{ method: 'PUT', path: '/Invoices', status: 429, retryAfterSeconds: 7 }, { path: '/Invoices', status: 500, times: 1 }] }),
    });
    expect(set.status).toBe(200);
    const limited = await call('PUT', '/Invoices', { Invoices: [numeric(invoicePayload('UK-INV-4'))] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    const failed = await call('PUT', '/Invoices', { Invoices: [numeric(invoicePayload('UK-INV-4'))] });
    expect(failed.status).toBe(500);
    const ok = await call('PUT', '/Invoices', { Invoices: [numeric(invoicePayload('UK-INV-4'))] }, { 'idempotency-key': 'k-4' });
    expect(ok.status).toBe(200);
    const listed = (await (await fetch(`${sandbox.url}/__sandbox/documents`)).json()) as any;
    expect(listed.documents).toHaveLength(1);
    expect(listed.documents[0]).toMatchObject({ kind: 'Invoice', tenantId: TENANT, idempotencyKey: 'k-4' });
    expect(listed.documents[0].received.LineItems[0].LineAmount).toBe(5625);
    expect((await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' })).status).toBe(204);
    expect(sandbox.documents()).toHaveLength(0);
  });
});
