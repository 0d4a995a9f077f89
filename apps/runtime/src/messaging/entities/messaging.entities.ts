import { Column, Entity, PrimaryColumn } from 'typeorm';

export type OutboxStatus = 'PENDING' | 'PUBLISHED' | 'PROCESSED' | 'DEAD';
export type EventStream = 'ops' | 'post';

/** One event, written in the same transaction as the state change it announces. */
@Entity('outbox_messages')
export class OutboxMessageEntity {
  /** Identity column; orders messages within a partition. PostgreSQL returns bigint as a string. */
  @PrimaryColumn({ type: 'integer' })
  seq!: number | string;

  @Column({ type: 'varchar', length: 36, unique: true })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  @Column({ type: 'varchar', length: 10 })
  stream!: EventStream;

  @Column({ type: 'varchar', length: 100, name: 'legal_entity' })
  legalEntity!: string;

  @Column({ type: 'varchar', length: 300, name: 'partition_key' })
  partitionKey!: string;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'varchar', length: 100, name: 'correlation_id' })
  correlationId!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: OutboxStatus;

  @Column({ type: 'integer', name: 'publish_count' })
  publishCount!: number;

  @Column({ type: 'varchar', length: 40, name: 'next_publish_at' })
  nextPublishAt!: string;

  @Column({ type: 'varchar', length: 100, name: 'claimed_by', nullable: true })
  claimedBy!: string | null;

  @Column({ type: 'varchar', length: 40, name: 'claimed_until', nullable: true })
  claimedUntil!: string | null;

  /** JSON array of {attempt, at, error}; kept across processes so a dead letter carries the whole history. */
  @Column({ type: 'text' })
  failures!: string;

  @Column({ type: 'varchar', length: 36, name: 'replay_of', nullable: true })
  replayOf!: string | null;

  @Column({ type: 'varchar', length: 40, name: 'created_at' })
  createdAt!: string;

  @Column({ type: 'varchar', length: 40, name: 'published_at', nullable: true })
  publishedAt!: string | null;

  @Column({ type: 'varchar', length: 40, name: 'processed_at', nullable: true })
  processedAt!: string | null;
}

/** A message id a consumer has applied; written in the same transaction as the consumer's effects. */
@Entity('inbox_messages')
export class InboxMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  consumer!: string;

  @PrimaryColumn({ type: 'varchar', length: 36, name: 'message_id' })
  messageId!: string;

  @Column({ type: 'varchar', length: 40, name: 'processed_at' })
  processedAt!: string;
}

export type DeadLetterStatus = 'OPEN' | 'REPLAYED' | 'RESOLVED';

/** A message that failed MaxDeliver times, with its payload and every failure, for finance to act on. */
@Entity('dead_letters')
export class DeadLetterEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36, name: 'message_id' })
  messageId!: string;

  @Column({ type: 'varchar', length: 100 })
  consumer!: string;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  @Column({ type: 'varchar', length: 100, name: 'legal_entity' })
  legalEntity!: string;

  @Column({ type: 'varchar', length: 300, name: 'partition_key' })
  partitionKey!: string;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'varchar', length: 100, name: 'correlation_id' })
  correlationId!: string;

  @Column({ type: 'text' })
  failures!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: DeadLetterStatus;

  @Column({ type: 'varchar', length: 36, name: 'replay_message_id', nullable: true })
  replayMessageId!: string | null;

  @Column({ type: 'varchar', length: 40, name: 'created_at' })
  createdAt!: string;

  @Column({ type: 'varchar', length: 40, name: 'replayed_at', nullable: true })
  replayedAt!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'replayed_by', nullable: true })
  replayedBy!: string | null;

  /** The business exception raised for it in the same transaction; the exception queue is where finance acts on it. */
  @Column({ type: 'varchar', length: 36, name: 'exception_id', nullable: true })
  exceptionId!: string | null;
}

@Entity('partition_pauses')
export class PartitionPauseEntity {
  @PrimaryColumn({ type: 'varchar', length: 300, name: 'partition_key' })
  partitionKey!: string;

  @Column({ type: 'varchar', length: 100, name: 'paused_by' })
  pausedBy!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 40, name: 'paused_at' })
  pausedAt!: string;
}

export const MESSAGING_ENTITIES = [OutboxMessageEntity, InboxMessageEntity, DeadLetterEntity, PartitionPauseEntity];
