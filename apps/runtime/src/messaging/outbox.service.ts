import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { streamFor } from './event-routing';

export interface OutboxEvent {
  /** e.g. `timeEntry.approved`, `invoice.finalised`, `journal.created`. */
  type: string;
  /** Events with the same key are consumed in order, one at a time: `<legalEntity>:<docType>:<docId>`. */
  partitionKey: string;
  payload: Record<string, unknown>;
  /** Defaults to the request's correlation id. */
  correlationId?: string;
  /** Defaults to the first segment of the partition key, or `payload.legalEntityId`. */
  legalEntity?: string;
}

export interface EnqueuedMessage {
  id: string;
  type: string;
  partitionKey: string;
}

/** Writes events inside the caller's transaction; the relay publishes them once that transaction commits. */
@Injectable()
export class OutboxService {
  constructor(@Inject(TransactionService) private readonly tx: TransactionService) {}

  async enqueue(manager: EntityManager, event: OutboxEvent, options: { replayOf?: string } = {}): Promise<EnqueuedMessage> {
    if (!event.type || !event.partitionKey) throw new AppError('VALIDATION_FAILED', 'An event needs a type and a partition key.');
    const legalEntity = event.legalEntity ?? (typeof event.payload.legalEntityId === 'string' ? event.payload.legalEntityId : event.partitionKey.split(':')[0]);
    const id = randomUUID();
    const now = new Date().toISOString();
    const p = this.tx.dialect === 'postgres' ? (i: number) => `$${i}` : () => '?';
    await manager.query(
      `INSERT INTO outbox_messages (id, type, stream, legal_entity, partition_key, payload, correlation_id, status, publish_count, next_publish_at, failures, replay_of, created_at)
       VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, 'PENDING', 0, ${p(8)}, '[]', ${p(9)}, ${p(10)})`,
      [id, event.type, streamFor(event.type), legalEntity, event.partitionKey, JSON.stringify(event.payload),
        event.correlationId ?? requestContext.correlationId(), now, options.replayOf ?? null, now],
    );
    return { id, type: event.type, partitionKey: event.partitionKey };
  }
}
