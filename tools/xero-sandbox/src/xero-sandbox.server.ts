import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import pino, { Logger } from 'pino';
import { XeroApiHandler, routeTemplate } from './api/xero-api.handler';
import { XeroContractValidator } from './contract/xero-contract.validator';
import { DocumentStore, StoredDocument } from './domain/document.store';
import { FaultInjector, FaultRule } from './http/fault-injector';
import { IDEMPOTENCY_KEY_MAX_LENGTH, IdempotencyStore } from './http/idempotency.store';
import { OAuthTokenIssuer, SandboxClient } from './http/oauth.token-issuer';
import { idempotencyKeyReused, postDataInvalid, problem, sendJson, validationException } from './http/xero-responses';

export const API_ROOT = '/api.xro/2.0';
export const TOKEN_PATH = '/connect/token';
/** Xero refuses request bodies over 3.5 MB. */
const MAX_BODY_BYTES = 3.5 * 1024 * 1024;

export const DEFAULT_SANDBOX_CLIENT: SandboxClient = { clientId: 'mapwright-sandbox', clientSecret: 'sandbox-secret-change-me' };
export const DEFAULT_SANDBOX_TENANT = '8c2b7f4e-0d1a-4f3b-9e2c-5a6b7c8d9e01';

export interface XeroSandboxOptions {
  port?: number;
  host?: string;
  /** Xero-Tenant-Id values the sandbox knows; any other value is refused with 403. */
  tenants?: string[];
  clients?: SandboxClient[];
  tokenTtlSeconds?: number;
  contractPath?: string;
  /** Share one compiled contract between sandboxes (compiling Xero's document takes about a second). */
  validator?: XeroContractValidator;
  logger?: Logger;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number | 'dropped';
  tenantId?: string;
  idempotencyKey?: string;
}

export interface XeroSandbox {
  /** Base URL, e.g. http://127.0.0.1:4010 */
  url: string;
  /** Accounting API root: `${url}/api.xro/2.0` */
  apiUrl: string;
  tokenUrl: string;
  close(): Promise<void>;
  documents(): StoredDocument[];
  requests(): RequestLogEntry[];
  setFaults(rules: FaultRule[]): void;
  setClients(clients: SandboxClient[]): void;
  expireTokens(): void;
  /** Forgets documents, idempotency keys, faults and the request log; clients and tokens stay. */
  reset(): void;
}

export async function startXeroSandbox(options: XeroSandboxOptions = {}): Promise<XeroSandbox> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const tenants = new Set(options.tenants ?? [DEFAULT_SANDBOX_TENANT]);
  const validator = options.validator ?? new XeroContractValidator(options.contractPath);
  const store = new DocumentStore();
  const api = new XeroApiHandler(validator, store);
  const idempotency = new IdempotencyStore();
  const faults = new FaultInjector();
  const issuer = new OAuthTokenIssuer(options.clients ?? [DEFAULT_SANDBOX_CLIENT], options.tokenTtlSeconds ?? 1800);
  const log: RequestLogEntry[] = [];

  const reset = (): void => {
    store.clear();
    idempotency.clear();
    faults.clear();
    log.length = 0;
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, entry: RequestLogEntry) => {
    const method = req.method ?? 'GET';
    const decision = faults.decide(method, path);
    if (decision.latencyMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
    }
    const rawBody = await readBody(req);
    if (!issuer.verify(req.headers.authorization)) {
      return reply(res, entry, 401, problem(401, 'Unauthorized', 'AuthenticationUnsuccessful'), { 'www-authenticate': 'Bearer' });
    }
    const tenantId = header(req, 'xero-tenant-id');
    entry.tenantId = tenantId;
    if (!tenantId || !tenants.has(tenantId)) {
      return reply(res, entry, 403, problem(403, 'Forbidden', 'AuthenticationUnsuccessful: Xero-Tenant-Id is missing or not connected'));
    }
    if (decision.drop === 'before-commit') {
      return drop(res, entry);
    }
    if (decision.status === 429) {
      return reply(res, entry, 429, problem(429, 'Too Many Requests', 'Rate limit exceeded'), {
        'retry-after': String(decision.retryAfterSeconds ?? 1),
        'x-rate-limit-problem': 'minute',
      });
    }
    if (decision.status !== undefined) {
      return reply(res, entry, decision.status, problem(decision.status, 'Internal Server Error', 'An error occurred in Xero. Please try again.'));
    }
    const route = routeTemplate(path.slice(API_ROOT.length));
    if (!route) {
      return reply(res, entry, 404, problem(404, 'NotFound', 'The resource you are looking for cannot be found'));
    }
    if (method === 'GET') {
      const response = api.handle({ tenantId, method, template: route.template, params: route.params, query, body: undefined });
      return reply(res, entry, response.status, response.body);
    }

    const key = header(req, 'idempotency-key');
    entry.idempotencyKey = key;
    if (key !== undefined && (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH)) {
      return reply(res, entry, 400, validationException([{ messages: [`Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters.`] }]));
    }
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return reply(res, entry, 400, postDataInvalid('The request body could not be read as JSON.'));
    }
    const fingerprint = IdempotencyStore.fingerprint(method, path, body);
    if (key) {
      const previous = idempotency.lookup(tenantId, key, fingerprint);
      if (previous.kind === 'mismatch') {
        return reply(res, entry, 422, idempotencyKeyReused(key));
      }
      if (previous.kind === 'replay') {
        res.setHeader('idempotent-replayed', 'true');
        return decision.drop === 'after-commit' ? drop(res, entry) : reply(res, entry, previous.response.status, previous.response.body);
      }
    }
    const response = api.handle({ tenantId, method, template: route.template, params: route.params, query, body, idempotencyKey: key });
    if (key && response.status < 500) {
      idempotency.remember(tenantId, key, fingerprint, response);
    }
    if (decision.drop === 'after-commit') {
      return drop(res, entry);
    }
    return reply(res, entry, response.status, response.body);
  };

  const handleToken = async (req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry) => {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    const grant = issuer.grant(form, req.headers.authorization);
    if (!grant.ok) {
      return reply(res, entry, grant.status, { error: grant.error, error_description: grant.description });
    }
    return reply(res, entry, 200, { access_token: grant.accessToken, expires_in: grant.expiresIn, token_type: 'Bearer', scope: 'accounting.transactions' });
  };

  const handleAdmin = async (req: IncomingMessage, res: ServerResponse, path: string, entry: RequestLogEntry) => {
    const method = req.method ?? 'GET';
    const raw = (await readBody(req)).toString('utf8');
    if (method === 'GET' && path === '/__sandbox/documents') {
      return reply(res, entry, 200, { documents: store.all() });
    }
    if (method === 'GET' && path === '/__sandbox/requests') {
      return reply(res, entry, 200, { requests: log });
    }
    if (method === 'POST' && path === '/__sandbox/reset') {
      reset();
      return reply(res, entry, 204, undefined);
    }
    if (method === 'POST' && path === '/__sandbox/tokens/expire') {
      issuer.expireAll();
      return reply(res, entry, 204, undefined);
    }
    if (path === '/__sandbox/faults') {
      if (method === 'GET') {
        return reply(res, entry, 200, { faults: faults.pending() });
      }
      if (method === 'POST' || method === 'DELETE') {
        try {
          const parsed = method === 'DELETE' ? { faults: [] } : (JSON.parse(raw || '{}') as { faults?: FaultRule[] });
          faults.set(parsed.faults ?? []);
          return reply(res, entry, 200, { faults: faults.pending() });
        } catch {
          return reply(res, entry, 400, postDataInvalid('Expected {"faults": [...]}.'));
        }
      }
    }
    return reply(res, entry, 404, problem(404, 'NotFound', `No sandbox admin route ${method} ${path}`));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: url.pathname, status: 0 };
    log.push(entry);
    const work = url.pathname === TOKEN_PATH && req.method === 'POST'
      ? handleToken(req, res, entry)
      : url.pathname.startsWith('/__sandbox/')
        ? handleAdmin(req, res, url.pathname, entry)
        : url.pathname.startsWith(`${API_ROOT}/`)
          ? handleApi(req, res, url.pathname, url.searchParams, entry)
          : Promise.resolve(reply(res, entry, 404, problem(404, 'NotFound', 'The resource you are looking for cannot be found')));
    work.catch((error: unknown) => {
      const code = (error as { code?: string }).code;
      if (code === 'XERO_SANDBOX_BODY_TOO_LARGE') {
        return reply(res, entry, 413, postDataInvalid('The request body is larger than 3.5 MB.'));
      }
      logger.error({ err: error, path: url.pathname }, 'xero sandbox request failed');
      if (!res.headersSent) {
        reply(res, entry, 500, problem(500, 'Internal Server Error', 'The sandbox failed to handle the request'));
      }
    });
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url }, 'xero sandbox listening');

  return {
    url,
    apiUrl: `${url}${API_ROOT}`,
    tokenUrl: `${url}${TOKEN_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
    documents: () => store.all(),
    requests: () => log.map((entry) => ({ ...entry })),
    setFaults: (rules) => faults.set(rules),
    setClients: (clients) => issuer.setClients(clients),
    expireTokens: () => issuer.expireAll(),
    reset,
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(res: ServerResponse, entry: RequestLogEntry, status: number, body: unknown, headers: Record<string, string> = {}): void {
  entry.status = status;
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  sendJson(res, status, body, headers);
}

/** The document (if any) is committed but the client never hears back: the ambiguous outcome. */
function drop(res: ServerResponse, entry: RequestLogEntry): void {
  entry.status = 'dropped';
  res.socket?.destroy();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw Object.assign(new Error('request body too large'), { code: 'XERO_SANDBOX_BODY_TOO_LARGE' });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
