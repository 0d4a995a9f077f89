import { Writable } from 'node:stream';
import pino from 'pino';
import {
  DEFAULT_SANDBOX_CLIENT,
  DEFAULT_SANDBOX_TENANT,
  XeroContractValidator,
  XeroSandbox,
  XeroSandboxOptions,
  startXeroSandbox,
} from '@mapwright/xero-sandbox';
import {
  CredentialsProvider,
  StaticCredentialsProvider,
  XeroConnector,
  XeroConnectorOptions,
  XeroCreditNotePayload,
  XeroInvoicePayload,
  XeroManualJournalPayload,
  createXeroConnector,
} from '@mapwright/connector-xero';

export const TENANT = DEFAULT_SANDBOX_TENANT;
export const CONTACT_ID = '5b0d3ad2-7c1f-4a1e-9a55-0c2a6c1e7d41';

let sharedValidator: XeroContractValidator | undefined;

/** Compiling Xero's contract takes about a second; every sandbox in a test file shares one. */
export function contractValidator(): XeroContractValidator {
  sharedValidator ??= new XeroContractValidator();
  return sharedValidator;
}

export function startSandbox(options: XeroSandboxOptions = {}): Promise<XeroSandbox> {
  return startXeroSandbox({ port: 0, validator: contractValidator(), ...options });
}

/** A clock that only moves when the code under test sleeps, so backoff and Retry-After cost no real time. */
export class FakeClock {
  readonly waits: number[] = [];
  private current = Date.now();

  now = (): number => this.current;

  sleep = async (ms: number): Promise<void> => {
    this.waits.push(ms);
    this.current += ms;
  };

  advance(ms: number): void {
    this.current += ms;
  }
}

export interface ConnectorHarness {
  connector: XeroConnector;
  clock: FakeClock;
  logLines: string[];
}

export function connectTo(sandbox: XeroSandbox, overrides: Partial<XeroConnectorOptions> = {}): ConnectorHarness {
  const clock = new FakeClock();
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const credentials: CredentialsProvider =
    overrides.credentials ?? new StaticCredentialsProvider(DEFAULT_SANDBOX_CLIENT.clientId, DEFAULT_SANDBOX_CLIENT.clientSecret);
  const connector = createXeroConnector({
    apiUrl: sandbox.apiUrl,
    tokenUrl: sandbox.tokenUrl,
    timeoutMs: 2_000,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    logger: pino({ level: 'debug' }, sink),
    ...overrides,
    credentials,
  });
  return { connector, clock, logLines };
}

export function invoicePayload(invoiceNumber: string, overrides: Partial<XeroInvoicePayload> = {}): XeroInvoicePayload {
  return {
    Type: 'ACCREC',
    Contact: { ContactID: CONTACT_ID },
    Date: '2025-04-01',
    DueDate: '2025-05-01',
    LineAmountTypes: 'Exclusive',
    InvoiceNumber: invoiceNumber,
    Reference: 'PO-88231',
    CurrencyCode: 'GBP',
    Status: 'AUTHORISED',
    LineItems: [
      {
        Description: 'Consulting — Priya Shah, Senior Consultant, 3–7 Mar 2025',
        Quantity: '37.5',
        UnitAmount: '150.00',
        AccountCode: '200',
        TaxType: 'OUTPUT2',
        TaxAmount: '1125.00',
        LineAmount: '5625.00',
      },
    ],
    ...overrides,
  };
}

export function creditNotePayload(number: string, overrides: Partial<XeroCreditNotePayload> = {}): XeroCreditNotePayload {
  return {
    Type: 'ACCRECCREDIT',
    Contact: { ContactID: CONTACT_ID },
    Date: '2025-04-09',
    Status: 'AUTHORISED',
    LineAmountTypes: 'Exclusive',
    CreditNoteNumber: number,
    Reference: 'UK-INV-000123: Time entry of 3 March corrected from 7.5 to 6 hours',
    CurrencyCode: 'GBP',
    LineItems: [
      { Description: 'Correction — Priya Shah, 3 Mar 2025', Quantity: '1.5', UnitAmount: '150', AccountCode: '200', TaxType: 'OUTPUT2', TaxAmount: '45', LineAmount: '225' },
    ],
    ...overrides,
  };
}

export function journalPayload(narration: string, overrides: Partial<XeroManualJournalPayload> = {}): XeroManualJournalPayload {
  return {
    Narration: narration,
    Date: '2025-04-01',
    Status: 'POSTED',
    LineAmountTypes: 'NoTax',
    JournalLines: [
      { LineAmount: '6750.00', AccountCode: '610' },
      { LineAmount: '-5625.00', AccountCode: '200' },
      { LineAmount: '-1125.00', AccountCode: '820' },
    ],
    ...overrides,
  };
}

export function meta(docId: string, revision = 1, docType = 'invoice') {
  return { legalEntityId: 'le-uk', docType, docId, revision, tenantId: TENANT };
}

/** A token for direct HTTP calls to the sandbox. */
export async function sandboxToken(sandbox: XeroSandbox): Promise<string> {
  const response = await fetch(sandbox.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEFAULT_SANDBOX_CLIENT.clientId,
      client_secret: DEFAULT_SANDBOX_CLIENT.clientSecret,
    }).toString(),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}
