import type { EventStream } from './entities/messaging.entities';

/** What travels over a transport: the outbox row's identity and content, nothing else. */
export interface TransportMessage {
  id: string;
  /** Broker-level de-duplication id: the outbox id, suffixed when the sweeper republishes. */
  publishId: string;
  type: string;
  stream: EventStream;
  legalEntity: string;
  partitionKey: string;
  payload: string;
  correlationId: string;
}

/** A consumer's verdict on one delivery; `retry` asks the transport to deliver it again after `delayMs`. */
export type DeliveryVerdict = { kind: 'ack' } | { kind: 'retry'; delayMs: number };

/** `attempt` counts deliveries of this message by this transport, starting at 1. */
export type DeliveryHandler = (message: TransportMessage, attempt: number) => Promise<DeliveryVerdict>;

/**
 * One interface for the in-process bus and NATS JetStream: publish resolves once the transport has
 * accepted the message; the handler's verdict drives ack and redelivery with a delay.
 */
export interface MessageTransport {
  readonly kind: 'in-process' | 'nats';
  publish(message: TransportMessage): Promise<void>;
  subscribe(handler: DeliveryHandler): Promise<void>;
  /** Stops delivering; messages not yet acknowledged stay with the broker (or are lost in-process, and the sweeper republishes them). */
  close(): Promise<void>;
}

export interface RetryPolicy {
  /** Deliveries before the message becomes a dead letter. */
  maxDeliver: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxDeliver: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Exponential backoff: base·2^(attempt-1), capped. Deterministic so both transports behave alike. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}
