import type { EntityManager } from 'typeorm';

/** A delivered event as consumers see it. */
export interface ConsumedEvent {
  id: string;
  type: string;
  legalEntity: string;
  partitionKey: string;
  payload: Record<string, unknown>;
  correlationId: string;
  attempt: number;
}

/** Effects applied in the same transaction that records the message id in the inbox. */
export type ConsumerEffects = (manager: EntityManager) => Promise<void>;

export interface EventConsumer {
  /** Inbox scope; stable across releases. */
  readonly name: string;
  /** Worker role that runs this consumer (`intake`, `billing`, `posting`). */
  readonly role: string;
  accepts(type: string): boolean;
  /**
   * Work that is idempotent by its own key (an ERP call under an Idempotency-Key) may happen here;
   * database effects belong in the returned function so they commit together with the inbox row.
   */
  handle(event: ConsumedEvent): Promise<ConsumerEffects | void>;
}

/** A failure that retrying cannot fix (validation refused by the ERP, a conflicting payload): dead-letter now. */
export class PermanentFailure extends Error {
  constructor(readonly code: string, message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = 'PermanentFailure';
  }
}
