import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dead letters join the business exception queue: each dead letter links the exception raised for it
 * (`exception_id`), and resolving that exception closes the dead letter (`RESOLVED`). Dead letters
 * written before this migration get their exception here, so the queue shows every one of them.
 */
const SQLITE_REBUILD = [
  `CREATE TABLE dead_letters_next (id varchar(36) PRIMARY KEY, message_id varchar(36) NOT NULL, consumer varchar(100) NOT NULL, type varchar(100) NOT NULL,
     legal_entity varchar(100) NOT NULL, partition_key varchar(300) NOT NULL, payload text NOT NULL, correlation_id varchar(100) NOT NULL,
     failures text NOT NULL, status varchar(12) NOT NULL CHECK (status IN ('OPEN','REPLAYED','RESOLVED')), replay_message_id varchar(36),
     created_at varchar(40) NOT NULL, replayed_at varchar(40), replayed_by varchar(100), exception_id varchar(36),
     CONSTRAINT uq_dead_letters_message UNIQUE (message_id, consumer))`,
  `INSERT INTO dead_letters_next (id, message_id, consumer, type, legal_entity, partition_key, payload, correlation_id, failures, status, replay_message_id, created_at, replayed_at, replayed_by)
     SELECT id, message_id, consumer, type, legal_entity, partition_key, payload, correlation_id, failures, status, replay_message_id, created_at, replayed_at, replayed_by FROM dead_letters`,
  `DROP TABLE dead_letters`,
  `ALTER TABLE dead_letters_next RENAME TO dead_letters`,
];

const POSTGRES_ALTER = [
  `ALTER TABLE dead_letters DROP CONSTRAINT IF EXISTS dead_letters_status_check`,
  `ALTER TABLE dead_letters ADD CONSTRAINT ck_dead_letters_status CHECK (status IN ('OPEN','REPLAYED','RESOLVED'))`,
  `ALTER TABLE dead_letters ADD COLUMN exception_id varchar(36)`,
];

type Row = Record<string, unknown>;

export class OrchestrationExceptions1764600000000 implements MigrationInterface {
  name = 'OrchestrationExceptions1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const sql of postgres ? POSTGRES_ALTER : SQLITE_REBUILD) await queryRunner.query(sql);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_dead_letters_exception ON dead_letters (exception_id)`);
    const p = (text: string) => {
      let i = 0;
      return postgres ? text.replace(/\?/g, () => `$${++i}`) : text;
    };
    const open = (await queryRunner.query(`SELECT * FROM dead_letters WHERE status = 'OPEN'`)) as Row[];
    for (const d of open) {
      const failures = JSON.parse(String(d.failures)) as { code?: string; message?: string }[];
      const last = failures[failures.length - 1] ?? {};
      const payload = JSON.parse(String(d.payload)) as Record<string, unknown>;
      const id = randomUUID();
      await queryRunner.query(
        p(`INSERT INTO business_exceptions (id, code, category, message, state, source_system, legal_entity_id, object_id, position, record, details, retry_count, raised_at, correlation_id)
           VALUES (?, ?, 'delivery', ?, 'open', 'mapwright', ?, ?, NULL, ?, ?, 0, ?, ?)`),
        [id, String(last.code ?? 'CONSUMER_FAILED').slice(0, 60), String(last.message ?? 'The event failed MaxDeliver times.'), d.legal_entity,
          String(payload.docId ?? d.message_id), JSON.stringify({ type: d.type, partitionKey: d.partition_key, legalEntity: d.legal_entity, payload }),
          JSON.stringify({ deadLetterId: d.id, messageId: d.message_id, consumer: d.consumer, type: d.type, failures }), d.created_at, d.correlation_id],
      );
      await queryRunner.query(p('UPDATE dead_letters SET exception_id = ? WHERE id = ?'), [id, d.id]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM business_exceptions WHERE category = 'delivery'`);
    await queryRunner.query(`DROP INDEX uq_dead_letters_exception`);
    await queryRunner.query(`UPDATE dead_letters SET status = 'OPEN' WHERE status = 'RESOLVED'`);
    await queryRunner.query(`ALTER TABLE dead_letters DROP COLUMN exception_id`);
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`ALTER TABLE dead_letters DROP CONSTRAINT ck_dead_letters_status`);
      await queryRunner.query(`ALTER TABLE dead_letters ADD CONSTRAINT dead_letters_status_check CHECK (status IN ('OPEN','REPLAYED'))`);
    }
  }
}
