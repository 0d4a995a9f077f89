import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { TransactionService, constraintKind } from '../database/transaction.service';
import { ExceptionsService, RaiseException } from '../exceptions/exceptions.service';
import { SYSTEM_ACTOR } from '../auth/principal';
import { PINO_LOGGER } from '../logging/app-logger';
import { EventConsumer, PermanentFailure } from './event-consumer';
import { MessagingMetrics } from './messaging.metrics';
import { FailureEntry, MessagingRepository } from './messaging.repository';
import { DeliveryVerdict, RetryPolicy, TransportMessage, backoffDelay } from './transport';

export interface DispatchStats {
  processed: number;
  duplicates: number;
  retried: number;
  deadLettered: number;
  heldForPause: number;
  deferredForOrder: number;
}

/** What the exception queue shows for a dead letter: the event as published, and every failed delivery. */
export function deadLetterException(deadLetterId: string, consumer: string, message: TransportMessage, failures: FailureEntry[]): RaiseException {
  const payload = JSON.parse(message.payload) as Record<string, unknown>;
  const last = failures[failures.length - 1];
  return {
    code: (last?.code ?? 'CONSUMER_FAILED').slice(0, 60), category: 'delivery',
    message: `${message.type} failed ${failures.length} time(s) and was dead-lettered: ${last?.message ?? 'no detail'} Retry replays it as a new message with the same correlation id; resolve closes it.`,
    sourceSystem: 'mapwright', legalEntityId: message.legalEntity || null, objectId: typeof payload.docId === 'string' ? payload.docId : message.id, position: null,
    record: { type: message.type, partitionKey: message.partitionKey, legalEntity: message.legalEntity, payload },
    details: { deadLetterId, messageId: message.id, consumer, type: message.type, failures },
    correlationId: message.correlationId,
  };
}

const ACK: DeliveryVerdict = { kind: 'ack' };
const ORDER_WAIT_MS = 200;

/**
 * Turns transport deliveries into consumer calls: one in flight per partition key in this process,
 * inbox de-duplication, failure history, backoff, and a dead letter after `maxDeliver` deliveries.
 */
@Injectable()
export class MessageDispatcher {
  private consumers: EventConsumer[] = [];
  private policy!: RetryPolicy;
  private readonly partitions = new Map<string, Promise<unknown>>();
  readonly stats: DispatchStats = { processed: 0, duplicates: 0, retried: 0, deadLettered: 0, heldForPause: 0, deferredForOrder: 0 };

  constructor(
    @Inject(MessagingRepository) private readonly repo: MessagingRepository,
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(MessagingMetrics) private readonly metrics: MessagingMetrics,
    @Inject(ExceptionsService) private readonly exceptions: ExceptionsService,
  ) {}

  configure(consumers: EventConsumer[], policy: RetryPolicy): void {
    this.consumers = consumers;
    this.policy = policy;
  }

  /** Partition keys with work queued or running in this process. */
  inFlightPartitions(): string[] {
    return [...this.partitions.keys()];
  }

  /** Serialises per partition key; different keys run in parallel. */
  dispatch(message: TransportMessage, attempt: number): Promise<DeliveryVerdict> {
    const key = message.partitionKey;
    const previous = this.partitions.get(key) ?? Promise.resolve();
    const run = previous.then(() => this.process(message, attempt));
    const tail = run.catch(() => undefined);
    this.partitions.set(key, tail);
    void tail.then(() => {
      if (this.partitions.get(key) === tail) this.partitions.delete(key);
    });
    return run;
  }

  private async process(message: TransportMessage, attempt: number): Promise<DeliveryVerdict> {
    const log = this.logger.child({ correlationId: message.correlationId, messageId: message.id, type: message.type });
    if (!message.id) return ACK;
    const consumer = this.consumers.find((c) => c.accepts(message.type));
    if (!consumer) {
      // Nobody in this deployment consumes it; record that so the sweeper does not resend it forever.
      await this.tx.write((m) => this.repo.markProcessed(m, message.id));
      return ACK;
    }
    if (await this.repo.inboxHas(consumer.name, message.id)) {
      this.stats.duplicates += 1;
      this.metrics.consumedOne(message.type, 'duplicate');
      return ACK;
    }
    const row = await this.repo.findById(message.id);
    if (!row || row.status === 'DEAD' || row.status === 'PROCESSED') {
      this.stats.duplicates += 1;
      this.metrics.consumedOne(message.type, 'duplicate');
      return ACK;
    }
    if (await this.repo.isPaused(message.partitionKey)) {
      await this.repo.holdForPause(message.id);
      this.stats.heldForPause += 1;
      this.metrics.consumedOne(message.type, 'held_for_pause');
      return ACK;
    }
    if (await this.repo.hasEarlierUnfinished(message.partitionKey, row.seq)) {
      // An earlier event of this partition is not finished (in flight elsewhere, lost, or being retried): wait for it.
      this.stats.deferredForOrder += 1;
      this.metrics.consumedOne(message.type, 'deferred_for_order');
      return { kind: 'retry', delayMs: ORDER_WAIT_MS };
    }
    // Failures are counted from the database, so waits for order and deliveries in other processes do not use them up.
    attempt = JSON.parse(row.failures).length + 1;
    const event = {
      id: message.id, type: message.type, legalEntity: message.legalEntity, partitionKey: message.partitionKey,
      payload: JSON.parse(message.payload) as Record<string, unknown>, correlationId: message.correlationId, attempt,
    };
    try {
      const effects = await consumer.handle(event);
      await this.tx.write(async (m) => {
        await this.repo.recordInbox(m, consumer.name, message.id);
        if (effects) await effects(m);
        await this.repo.markProcessed(m, message.id);
      });
      this.stats.processed += 1;
      this.metrics.consumedOne(message.type, 'processed');
      return ACK;
    } catch (err) {
      if (constraintKind(err) === 'unique') {
        // Another delivery of the same message committed first; its effects stand, ours rolled back.
        this.stats.duplicates += 1;
        this.metrics.consumedOne(message.type, 'duplicate');
        return ACK;
      }
      return this.fail(consumer, message, attempt, err, log);
    }
  }

  private async fail(consumer: EventConsumer, message: TransportMessage, attempt: number, err: unknown, log: Logger): Promise<DeliveryVerdict> {
    const permanent = err instanceof PermanentFailure;
    const failure: FailureEntry = {
      attempt, at: new Date().toISOString(), consumer: consumer.name,
      code: permanent ? err.code : String((err as { code?: unknown })?.code ?? 'CONSUMER_FAILED'),
      message: err instanceof Error ? err.message : String(err),
    };
    const failures = await this.repo.appendFailure(message.id, failure);
    if (!permanent && attempt < this.policy.maxDeliver) {
      this.stats.retried += 1;
      this.metrics.consumedOne(message.type, 'retried');
      const delayMs = backoffDelay(this.policy, attempt);
      log.warn({ attempt, delayMs, code: failure.code }, 'event consumer failed; retrying after backoff');
      return { kind: 'retry', delayMs };
    }
    await this.tx.write(async (m) => {
      const p = (s: string) => this.repo.sql(s);
      const deadLetterId = randomUUID();
      await m.query(
        p(`INSERT INTO dead_letters (id, message_id, consumer, type, legal_entity, partition_key, payload, correlation_id, failures, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)`),
        [deadLetterId, message.id, consumer.name, message.type, message.legalEntity, message.partitionKey, message.payload, message.correlationId,
          JSON.stringify(failures), new Date().toISOString()],
      );
      // The same dead letter in the business exception queue, where finance filters, retries and resolves it.
      const exception = await this.exceptions.raise(m, SYSTEM_ACTOR, deadLetterException(deadLetterId, consumer.name, message, failures));
      await m.query(p('UPDATE dead_letters SET exception_id = ? WHERE id = ?'), [exception.id, deadLetterId]);
      await m.query(p(`UPDATE outbox_messages SET status = 'DEAD' WHERE id = ?`), [message.id]);
    }).catch((e: unknown) => {
      // A second delivery racing to the same dead letter: the first one recorded it.
      if (constraintKind(e) !== 'unique') throw e;
    });
    this.stats.deadLettered += 1;
    this.metrics.consumedOne(message.type, 'dead_lettered');
    log.error({ attempt, code: failure.code }, 'event dead-lettered');
    return ACK;
  }
}
