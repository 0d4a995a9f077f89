import type { Logger } from 'pino';
import { ConnectorError } from './connector-error';
import { RetryPolicy } from './retry.policy';

/**
 * The declarative connector contract: a connector is data (name, version, auth, limits, actions)
 * plus pure functions, so a flow can pin an exact connector version and a runtime can drive any
 * connector the same way.
 */

export interface OAuth2ClientCredentialsAuth {
  type: 'oauth2-client-credentials';
  tokenUrl: string;
  scopes: string[];
  /** Refresh this long before the token's own expiry. */
  refreshSkewMs: number;
}

export interface RateLimitDeclaration {
  /** The unit each limit applies to. */
  scope: 'tenant';
  callsPerMinute: number;
  maxConcurrent: number;
}

/** What an action is given to do its work: a tenant-bound transport and a logger. */
export interface ActionContext<Transport> {
  tenantId: string;
  transport: Transport;
  logger: Logger;
}

/** The ERP's reference for a document it holds. */
export interface ErpDocumentRef {
  erpDocumentId: string;
  erpDocumentNumber?: string;
  erpStatus?: string;
}

export interface ReadAction<Transport, Input, Output> {
  kind: 'read';
  name: string;
  description: string;
  run(context: ActionContext<Transport>, input: Input): Promise<Output>;
}

/**
 * A write creates one document at the ERP. `lookup` finds that document by its natural key
 * (number or reference) so an ambiguous outcome can be settled without sending it twice.
 */
export interface WriteAction<Transport, Payload> {
  kind: 'write';
  name: string;
  description: string;
  run(context: ActionContext<Transport>, payload: Payload, idempotencyKey: string): Promise<ErpDocumentRef>;
  lookup(context: ActionContext<Transport>, payload: Payload): Promise<ErpDocumentRef | undefined>;
}

export type ConnectorAction<Transport> = ReadAction<Transport, any, any> | WriteAction<Transport, any>;

export interface ConnectorDefinition<Transport, Actions extends Record<string, ConnectorAction<Transport>>> {
  name: string;
  version: string;
  displayName: string;
  auth: OAuth2ClientCredentialsAuth;
  rateLimits: RateLimitDeclaration;
  retry: RetryPolicy;
  /** Longest key the ERP accepts on Idempotency-Key. */
  idempotencyKeyMaxLength: number;
  /** Turns any failure (HTTP answer or transport error) into a categorised, coded error. */
  classifyError(error: unknown, request: { method: string; path: string }): ConnectorError;
  actions: Actions;
}

export function defineConnector<Transport, Actions extends Record<string, ConnectorAction<Transport>>>(
  definition: ConnectorDefinition<Transport, Actions>,
): ConnectorDefinition<Transport, Actions> {
  for (const [key, action] of Object.entries(definition.actions)) {
    if (action.name !== key) {
      throw new Error(`CONNECTOR_DEFINITION_INVALID: action "${key}" declares name "${action.name}"`);
    }
  }
  return Object.freeze(definition);
}

export function defineWriteAction<Transport, Payload>(action: Omit<WriteAction<Transport, Payload>, 'kind'>): WriteAction<Transport, Payload> {
  return { kind: 'write', ...action };
}

export function defineReadAction<Transport, Input, Output>(
  action: Omit<ReadAction<Transport, Input, Output>, 'kind'>,
): ReadAction<Transport, Input, Output> {
  return { kind: 'read', ...action };
}
