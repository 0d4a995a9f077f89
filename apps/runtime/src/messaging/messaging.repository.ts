import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionService } from '../database/transaction.service';
import { OutboxMessageEntity } from './entities/messaging.entities';

export interface FailureEntry {
  attempt: number;
  at: string;
  code: string;
  message: string;
  consumer: string;
}

type Row = Record<string, unknown>;

/** Raw rows (snake_case) to the entity shape; used where claims need SQL TypeORM cannot express. */
function toOutbox(r: Row): OutboxMessageEntity {
  return Object.assign(new OutboxMessageEntity(), {
    seq: r.seq, id: r.id, type: r.type, stream: r.stream, legalEntity: r.legal_entity, partitionKey: r.partition_key,
    payload: r.payload, correlationId: r.correlation_id, status: r.status, publishCount: Number(r.publish_count),
    nextPublishAt: r.next_publish_at, claimedBy: r.claimed_by ?? null, claimedUntil: r.claimed_until ?? null,
    failures: r.failures, replayOf: r.replay_of ?? null, createdAt: r.created_at, publishedAt: r.published_at ?? null, processedAt: r.processed_at ?? null,
  });
}

/** PostgreSQL answers UPDATE … RETURNING through TypeORM as [rows, count]; SQLite as rows. */
function returnedRows(result: unknown): Row[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as Row[];
  return (result as Row[]) ?? [];
}

@Injectable()
export class MessagingRepository {
  constructor(@Inject(TransactionService) private readonly tx: TransactionService) {}

  private get pg(): boolean {
    return this.tx.dialect === 'postgres';
  }

  /** `$n` in PostgreSQL, `?` in SQLite, numbered in order of appearance. */
  sql(text: string): string {
    let i = 0;
    return this.pg ? text.replace(/\?/g, () => `$${++i}`) : text;
  }

  /**
   * Claims due PENDING rows for one relay. PostgreSQL skips rows another relay holds (SKIP LOCKED), so
   * several relays share one database; SQLite has a single writer already.
   */
  async claimDue(relayId: string, limit: number, claimMs: number): Promise<OutboxMessageEntity[]> {
    const now = new Date();
    const until = new Date(now.getTime() + claimMs).toISOString();
    const iso = now.toISOString();
    const select = `SELECT seq FROM outbox_messages WHERE status = 'PENDING' AND next_publish_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
      AND partition_key NOT IN (SELECT partition_key FROM partition_pauses) ORDER BY seq LIMIT ?${this.pg ? ' FOR UPDATE SKIP LOCKED' : ''}`;
    return this.tx.write(async (m) => {
      const rows = returnedRows(await m.query(
        this.sql(`UPDATE outbox_messages SET claimed_by = ?, claimed_until = ? WHERE seq IN (${select}) RETURNING *`),
        [relayId, until, iso, iso, limit],
      ));
      return rows.map(toOutbox).sort((a, b) => Number(a.seq) - Number(b.seq));
    });
  }

  /** After the broker accepted them; never downgrades a row a consumer already finished. */
  async markPublished(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const now = new Date().toISOString();
    await this.tx.write((m) => m.query(
      this.sql(`UPDATE outbox_messages SET status = 'PUBLISHED', published_at = ?, publish_count = publish_count + 1, claimed_by = NULL, claimed_until = NULL
        WHERE status = 'PENDING' AND id IN (${ids.map(() => '?').join(',')})`),
      [now, ...ids],
    ));
  }

  async deferPublish(id: string, delayMs: number): Promise<void> {
    const at = new Date(Date.now() + delayMs).toISOString();
    await this.tx.write((m) => m.query(this.sql(`UPDATE outbox_messages SET next_publish_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND status = 'PENDING'`), [at, id]));
  }

  /** The broker may lose acknowledged messages: anything published but not processed in time goes out again. */
  async requeueUnconfirmed(olderThanMs: number): Promise<number> {
    const cutoff = new Date(Date.now() - olderThanMs).toISOString();
    const now = new Date().toISOString();
    return this.tx.write(async (m) => {
      const rows = returnedRows(await m.query(
        this.sql(`UPDATE outbox_messages SET status = 'PENDING', next_publish_at = ? WHERE status = 'PUBLISHED' AND published_at < ? RETURNING id`),
        [now, cutoff],
      ));
      return rows.length;
    });
  }

  async inboxHas(consumer: string, messageId: string): Promise<boolean> {
    const rows = (await this.tx.manager.query(this.sql('SELECT 1 AS x FROM inbox_messages WHERE consumer = ? AND message_id = ?'), [consumer, messageId])) as Row[];
    return rows.length > 0;
  }

  /** Inside the consumer's transaction; a unique violation means another delivery got there first. */
  async recordInbox(m: EntityManager, consumer: string, messageId: string): Promise<void> {
    await m.query(this.sql('INSERT INTO inbox_messages (consumer, message_id, processed_at) VALUES (?, ?, ?)'), [consumer, messageId, new Date().toISOString()]);
  }

  async markProcessed(m: EntityManager, messageId: string): Promise<void> {
    await m.query(this.sql(`UPDATE outbox_messages SET status = 'PROCESSED', processed_at = ? WHERE id = ?`), [new Date().toISOString(), messageId]);
  }

  /** True while an earlier event of the partition is neither processed nor dead: order is kept across processes. */
  async hasEarlierUnfinished(partitionKey: string, seq: number | string): Promise<boolean> {
    const rows = (await this.tx.manager.query(
      this.sql(`SELECT 1 AS x FROM outbox_messages WHERE partition_key = ? AND seq < ? AND status IN ('PENDING','PUBLISHED') LIMIT 1`), [partitionKey, seq],
    )) as Row[];
    return rows.length > 0;
  }

  async isPaused(partitionKey: string): Promise<boolean> {
    const rows = (await this.tx.manager.query(this.sql('SELECT 1 AS x FROM partition_pauses WHERE partition_key = ?'), [partitionKey])) as Row[];
    return rows.length > 0;
  }

  /** A paused partition's message goes back to PENDING; the relay skips it until the partition resumes. */
  async holdForPause(messageId: string): Promise<void> {
    await this.tx.write((m) => m.query(this.sql(`UPDATE outbox_messages SET status = 'PENDING', claimed_by = NULL, claimed_until = NULL WHERE id = ? AND status = 'PUBLISHED'`), [messageId]));
  }

  async appendFailure(messageId: string, failure: FailureEntry): Promise<FailureEntry[]> {
    return this.tx.write(async (m) => {
      const rows = (await m.query(this.sql('SELECT failures FROM outbox_messages WHERE id = ?'), [messageId])) as Row[];
      const failures = rows[0] ? (JSON.parse(String(rows[0].failures)) as FailureEntry[]) : [];
      failures.push(failure);
      await m.query(this.sql('UPDATE outbox_messages SET failures = ? WHERE id = ?'), [JSON.stringify(failures), messageId]);
      return failures;
    });
  }

  async findById(id: string, m: EntityManager = this.tx.manager): Promise<OutboxMessageEntity | undefined> {
    const rows = (await m.query(this.sql('SELECT * FROM outbox_messages WHERE id = ?'), [id])) as Row[];
    return rows[0] ? toOutbox(rows[0]) : undefined;
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = (await this.tx.manager.query('SELECT status, count(*) AS n FROM outbox_messages GROUP BY status')) as Row[];
    return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
  }
}
