import { inspect } from 'node:util';
import pino, { Logger } from 'pino';
import { CredentialsProvider } from '../auth/client-credentials';
import { OAuth2ClientCredentialsTokenSource } from '../auth/oauth2-client-credentials.token-source';
import { WriteAction, defineConnector } from '../framework/connector.definition';
import { ConnectorError, isConnectorError } from '../framework/connector-error';
import { DeliveryRecord, DeliveryStore, InMemoryDeliveryStore } from '../framework/delivery-state';
import { DeliveryRunner } from '../framework/delivery.runner';
import { DEFAULT_RETRY_POLICY, RetryPolicy } from '../framework/retry.policy';
import { TokenBucketRateLimiter } from '../framework/token-bucket.rate-limiter';
import { CanonicalDocumentRef, XERO_IDEMPOTENCY_KEY_MAX_LENGTH, idempotencyKeyFor } from './idempotency-key';
import {
  FindByReferenceInput,
  XeroAllocationPayload,
  XeroCreditNotePayload,
  XeroInvoicePayload,
  XeroManualJournalPayload,
  allocateCreditNote,
  createCreditNote,
  createInvoice,
  createManualJournal,
  findByReference,
} from './xero.actions';
import { classifyXeroError } from './xero-error.classifier';
import { XeroHttpTransport, XeroTenantTransport } from './xero-http.transport';

export const XERO_TOKEN_URL = 'https://identity.xero.com/connect/token';
export const XERO_API_URL = 'https://api.xero.com/api.xro/2.0';

/** The Xero connector, declared: what it can do and the limits Xero publishes. */
export const xeroConnectorDefinition = defineConnector<XeroTenantTransport, {
  createInvoice: typeof createInvoice;
  createCreditNote: typeof createCreditNote;
  allocateCreditNote: typeof allocateCreditNote;
  createManualJournal: typeof createManualJournal;
  findByReference: typeof findByReference;
}>({
  name: 'xero',
  version: '1.0.0',
  displayName: 'Xero Accounting',
  auth: { type: 'oauth2-client-credentials', tokenUrl: XERO_TOKEN_URL, scopes: ['accounting.transactions'], refreshSkewMs: 60_000 },
  rateLimits: { scope: 'tenant', callsPerMinute: 60, maxConcurrent: 5 },
  retry: DEFAULT_RETRY_POLICY,
  idempotencyKeyMaxLength: XERO_IDEMPOTENCY_KEY_MAX_LENGTH,
  classifyError: (error, request) => classifyXeroError(error, request),
  actions: { createInvoice, createCreditNote, allocateCreditNote, createManualJournal, findByReference },
});

export type XeroWriteActionName = 'createInvoice' | 'createCreditNote' | 'allocateCreditNote' | 'createManualJournal';

interface PayloadFor {
  createInvoice: XeroInvoicePayload;
  createCreditNote: XeroCreditNotePayload;
  allocateCreditNote: XeroAllocationPayload;
  createManualJournal: XeroManualJournalPayload;
}

/** Canonical metadata that travels with an already-mapped Xero payload. */
export interface XeroDocumentMeta extends CanonicalDocumentRef {
  /** The Xero organisation (from routing) that receives the document. */
  tenantId: string;
  correlationId?: string;
}

export interface XeroDeliveryRequest<A extends XeroWriteActionName = XeroWriteActionName> {
  action: A;
  meta: XeroDocumentMeta;
  payload: PayloadFor[A];
}

export interface XeroConnectorOptions {
  credentials: CredentialsProvider;
  apiUrl?: string;
  tokenUrl?: string;
  retry?: Partial<RetryPolicy>;
  rateLimits?: { callsPerMinute?: number; maxConcurrent?: number };
  /** Per HTTP request. */
  timeoutMs?: number;
  refreshSkewMs?: number;
  store?: DeliveryStore;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export interface XeroConnector {
  readonly definition: typeof xeroConnectorDefinition;
  /** Delivers one document revision; always answers with its delivery record (see DeliveryRecord.state). */
  deliver<A extends XeroWriteActionName>(request: XeroDeliveryRequest<A>): Promise<DeliveryRecord>;
  findByReference(tenantId: string, input: FindByReferenceInput): Promise<Record<string, any>[]>;
  idempotencyKeyFor(meta: CanonicalDocumentRef): string;
  /** Access tokens fetched so far (a refresh shows up here). */
  tokensIssued(): number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createXeroConnector(options: XeroConnectorOptions): XeroConnector {
  const definition = xeroConnectorDefinition;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ connector: definition.name, connectorVersion: definition.version });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const tokenSource = new OAuth2ClientCredentialsTokenSource({
    tokenUrl: options.tokenUrl ?? definition.auth.tokenUrl,
    credentials: options.credentials,
    scopes: definition.auth.scopes,
    refreshSkewMs: options.refreshSkewMs ?? definition.auth.refreshSkewMs,
    timeoutMs,
    now,
  });
  const limiter = new TokenBucketRateLimiter({
    callsPerMinute: options.rateLimits?.callsPerMinute ?? definition.rateLimits.callsPerMinute,
    maxConcurrent: options.rateLimits?.maxConcurrent ?? definition.rateLimits.maxConcurrent,
    now,
    sleep,
  });
  const transport = new XeroHttpTransport({ apiUrl: options.apiUrl ?? XERO_API_URL, tokenSource, limiter, timeoutMs, logger, now });
  const runner = new DeliveryRunner({
    retry: { ...definition.retry, ...options.retry },
    store: options.store ?? new InMemoryDeliveryStore(),
    logger,
    sleep,
    random: options.random ?? Math.random,
    now,
    // The transport already classifies everything Xero-related; anything else is a fault in our own code,
    // thrown at an unknown point, so it is treated as ambiguous: look up before sending again.
    classify: (error) =>
      isConnectorError(error)
        ? error
        : new ConnectorError('XERO_INTERNAL_ERROR', `Delivery failed inside the connector: ${String((error as Error)?.message ?? error)}`, 'ambiguous', { cause: error }),
  });

  const contextFor = (tenantId: string, correlationId?: string) => ({
    tenantId,
    transport: transport.forTenant(tenantId),
    logger: logger.child({ tenantId, correlationId }),
  });

  const connector: XeroConnector = {
    definition,
    async deliver(request) {
      // The request's action name and payload type are tied by XeroDeliveryRequest; the union is erased here.
      const action = definition.actions[request.action] as WriteAction<XeroTenantTransport, unknown>;
      if (!action || action.kind !== 'write') {
        throw new ConnectorError('XERO_ACTION_UNKNOWN', `No write action named ${String(request.action)}.`, 'configuration');
      }
      if (!request.meta.tenantId) {
        throw new ConnectorError('XERO_TENANT_MISSING', 'Delivery metadata must name the Xero tenant.', 'configuration');
      }
      const idempotencyKey = idempotencyKeyFor(request.meta, definition.idempotencyKeyMaxLength);
      return runner.deliver({
        action,
        context: contextFor(request.meta.tenantId, request.meta.correlationId),
        payload: request.payload,
        idempotencyKey,
        docId: request.meta.docId,
        revision: request.meta.revision,
      });
    },
    findByReference: (tenantId, input) => definition.actions.findByReference.run(contextFor(tenantId), input),
    idempotencyKeyFor: (meta) => idempotencyKeyFor(meta, definition.idempotencyKeyMaxLength),
    tokensIssued: () => tokenSource.tokensIssued,
  };
  // Whatever logs or serialises the connector sees its shape, never its credentials or tokens.
  Object.defineProperty(connector, 'toJSON', { value: () => ({ connector: definition.name, version: definition.version }) });
  Object.defineProperty(connector, inspect.custom, { value: () => `XeroConnector(${definition.version})` });
  return connector;
}
