import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { XeroSandbox } from '@mapwright/xero-sandbox';
import {
  ClientCredentials,
  FileCredentialsProvider,
  StaticCredentialsProvider,
  credentialsProviderFromConfig,
  xeroCredentialsConfigFromEnv,
} from '@mapwright/connector-xero';
import { connectTo, invoicePayload, meta, startSandbox } from './xero-sandbox.fixture';

const CLIENT_ID = 'rotating-client';
const OLD_SECRET = 'old-secret-4f1c9a7e2b';
const NEW_SECRET = 'new-secret-8d3e6b0a5c77';

/** Secrets come from files, rotate without a restart, and never show up in logs or serialised objects. */
describe('Xero connector credentials', () => {
  let sandbox: XeroSandbox;
  let dir: string;
  let idFile: string;
  let secretFile: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ clients: [{ clientId: CLIENT_ID, clientSecret: OLD_SECRET }] });
  });
  afterAll(() => sandbox.close());

  beforeEach(async () => {
    sandbox.reset();
    sandbox.setClients([{ clientId: CLIENT_ID, clientSecret: OLD_SECRET }]);
    dir = await mkdtemp(path.join(tmpdir(), 'xero-credentials-'));
    idFile = path.join(dir, 'client_id');
    secretFile = path.join(dir, 'client_secret');
    await writeFile(idFile, `${CLIENT_ID}\n`);
    await writeFile(secretFile, `${OLD_SECRET}\n`);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Writes a file and moves its mtime forward, so the change is visible even within one clock tick. */
  async function rotate(file: string, content: string): Promise<void> {
    await writeFile(file, content);
    const later = new Date(Date.now() + 5_000);
    await utimes(file, later, later);
  }

  it('picks up a rotated secret file without a restart', async () => {
    const credentials = new FileCredentialsProvider({ clientIdFile: idFile, clientSecretFile: secretFile });
    const { connector } = connectTo(sandbox, { credentials });
    const before = await connector.deliver({ action: 'createInvoice', meta: meta('inv-r1'), payload: invoicePayload('R-1') });
    expect(before.state).toBe('CONFIRMED');

    // Xero side rotates first: old tokens die, the old secret stops working.
    sandbox.setClients([{ clientId: CLIENT_ID, clientSecret: NEW_SECRET }]);
    sandbox.expireTokens();
    const stale = await connector.deliver({ action: 'createInvoice', meta: meta('inv-r2'), payload: invoicePayload('R-2') });
    expect(stale.state).toBe('SENT');
    expect(stale.error).toMatchObject({ code: 'XERO_AUTH_FAILED', category: 'auth' });

    // Then the mounted secret changes; the same connector instance uses it on the next delivery.
    await rotate(secretFile, `${NEW_SECRET}\n`);
    const after = await connector.deliver({ action: 'createInvoice', meta: meta('inv-r2'), payload: invoicePayload('R-2') });
    expect(after.state).toBe('CONFIRMED');
    expect(sandbox.documents().map((d) => d.received.InvoiceNumber)).toEqual(['R-1', 'R-2']);
  });

  it('re-reads the files only when they change', async () => {
    const provider = new FileCredentialsProvider({ clientIdFile: idFile, clientSecretFile: secretFile });
    const first = await provider.current();
    const unchanged = await provider.current();
    expect(unchanged).toBe(first);
    await rotate(secretFile, NEW_SECRET);
    const rotated = await provider.current();
    expect(rotated.version).not.toBe(first.version);
    expect(rotated.credentials.revealSecret()).toBe(NEW_SECRET);
  });

  it('keeps secrets and tokens out of logs, JSON and inspect output', async () => {
    const credentials = new FileCredentialsProvider({ clientIdFile: idFile, clientSecretFile: secretFile });
    const { connector, logLines } = connectTo(sandbox, { credentials });
    sandbox.setFaults([{ method: 'PUT', status: 500 }, { method: 'PUT', drop: 'after-commit' }]);
    await connector.deliver({ action: 'createInvoice', meta: meta('inv-s1'), payload: invoicePayload('S-1') });
    sandbox.expireTokens();
    await connector.deliver({ action: 'createInvoice', meta: meta('inv-s2'), payload: invoicePayload('S-2') });
    sandbox.setClients([{ clientId: CLIENT_ID, clientSecret: NEW_SECRET }]);
    sandbox.expireTokens();
    const failed = await connector.deliver({ action: 'createInvoice', meta: meta('inv-s3'), payload: invoicePayload('S-3') });

    const { credentials: loaded } = await credentials.current();
    const views = [
      logLines.join('\n'),
      JSON.stringify(loaded),
      inspect(loaded),
      `${loaded}`,
      JSON.stringify(credentials),
      inspect(credentials),
      JSON.stringify(connector),
      inspect(connector, { depth: 5 }),
      JSON.stringify(failed),
      JSON.stringify(new StaticCredentialsProvider(CLIENT_ID, OLD_SECRET)),
      inspect(new ClientCredentials(CLIENT_ID, OLD_SECRET), { showHidden: true }),
    ];
    expect(logLines.length).toBeGreaterThan(3);
    for (const view of views) {
      expect(view).not.toContain(OLD_SECRET);
      expect(view).not.toMatch(/Bearer\s+\S+/);
    }
    expect(JSON.stringify(loaded)).toContain('[REDACTED]');
    expect(failed.error?.code).toBe('XERO_AUTH_FAILED');
  });

  it('builds a provider from XERO_* settings and says which settings are missing', () => {
    const fromFiles = credentialsProviderFromConfig(xeroCredentialsConfigFromEnv({ XERO_CLIENT_ID_FILE: idFile, XERO_CLIENT_SECRET_FILE: secretFile }));
    expect(fromFiles).toBeInstanceOf(FileCredentialsProvider);
    expect(() => credentialsProviderFromConfig(xeroCredentialsConfigFromEnv({}))).toThrow(
      expect.objectContaining({ code: 'XERO_CREDENTIALS_MISSING', category: 'configuration' }),
    );
  });
});
