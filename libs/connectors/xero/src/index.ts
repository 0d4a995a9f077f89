// Connector framework: the declarative contract every ERP connector follows.
export { ConnectorError, isConnectorError } from './framework/connector-error';
export type { ErrorCategory, ConnectorErrorDetails } from './framework/connector-error';
export { defineConnector, defineReadAction, defineWriteAction } from './framework/connector.definition';
export type {
  ActionContext,
  ConnectorAction,
  ConnectorDefinition,
  ErpDocumentRef,
  OAuth2ClientCredentialsAuth,
  RateLimitDeclaration,
  ReadAction,
  WriteAction,
} from './framework/connector.definition';
export { DeliveryStateError, InMemoryDeliveryStore, isTerminal, transition } from './framework/delivery-state';
export type { DeliveryErrorRecord, DeliveryRecord, DeliveryState, DeliveryStore, DeliveryTransition } from './framework/delivery-state';
export { DeliveryRunner } from './framework/delivery.runner';
export type { DeliveryJob, DeliveryRunnerOptions } from './framework/delivery.runner';
export { DEFAULT_RETRY_POLICY, backoffDelay, parseRetryAfter } from './framework/retry.policy';
export type { RetryPolicy } from './framework/retry.policy';
export { TokenBucketRateLimiter } from './framework/token-bucket.rate-limiter';
export type { RateLimitOptions, Release } from './framework/token-bucket.rate-limiter';

// Credentials and tokens.
export { ClientCredentials, StaticCredentialsProvider } from './auth/client-credentials';
export type { CredentialsProvider, VersionedCredentials } from './auth/client-credentials';
export { FileCredentialsProvider, credentialsProviderFromConfig, xeroCredentialsConfigFromEnv } from './auth/file-credentials.provider';
export type { CredentialFiles, XeroCredentialsConfig } from './auth/file-credentials.provider';
export { OAuth2ClientCredentialsTokenSource } from './auth/oauth2-client-credentials.token-source';
export type { TokenSourceOptions } from './auth/oauth2-client-credentials.token-source';

// Xero.
export { XERO_API_URL, XERO_TOKEN_URL, createXeroConnector, xeroConnectorDefinition } from './xero/xero.connector';
export type { XeroConnector, XeroConnectorOptions, XeroDeliveryRequest, XeroDocumentMeta, XeroWriteActionName } from './xero/xero.connector';
export { XERO_IDEMPOTENCY_KEY_MAX_LENGTH, idempotencyKeyFor } from './xero/idempotency-key';
export type { CanonicalDocumentRef } from './xero/idempotency-key';
export { XERO_NUMERIC_FIELDS, serializeXeroPayload } from './xero/xero-payload.serializer';
export { XeroHttpFailure, classifyXeroError } from './xero/xero-error.classifier';
export { whereEquals } from './xero/xero.actions';
export type {
  FindByReferenceInput,
  XeroAllocationPayload,
  XeroCollection,
  XeroCreditNotePayload,
  XeroInvoicePayload,
  XeroLineItem,
  XeroManualJournalPayload,
  XeroMoney,
} from './xero/xero.actions';
export type { XeroTenantTransport, XeroRequest } from './xero/xero-http.transport';
