import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox, inbox, dead letters, partition pauses and ERP deliveries. `seq` orders messages within a
 * partition; it is an identity column so concurrent writers never collide on it.
 */
const TABLES = (seqColumn: string) => [
  `CREATE TABLE outbox_messages (seq ${seqColumn}, id varchar(36) NOT NULL UNIQUE, type varchar(100) NOT NULL,
     stream varchar(10) NOT NULL CHECK (stream IN ('ops','post')), legal_entity varchar(100) NOT NULL, partition_key varchar(300) NOT NULL,
     payload text NOT NULL, correlation_id varchar(100) NOT NULL,
     status varchar(12) NOT NULL CHECK (status IN ('PENDING','PUBLISHED','PROCESSED','DEAD')),
     publish_count integer NOT NULL, next_publish_at varchar(40) NOT NULL, claimed_by varchar(100), claimed_until varchar(40),
     failures text NOT NULL, replay_of varchar(36), created_at varchar(40) NOT NULL, published_at varchar(40), processed_at varchar(40))`,
  // The relay's claim query: due rows in order.
  `CREATE INDEX ix_outbox_due ON outbox_messages (status, next_publish_at)`,
  `CREATE INDEX ix_outbox_partition ON outbox_messages (partition_key, seq)`,
  // A redelivered message finds its id here and changes nothing.
  `CREATE TABLE inbox_messages (consumer varchar(100) NOT NULL, message_id varchar(36) NOT NULL, processed_at varchar(40) NOT NULL,
     PRIMARY KEY (consumer, message_id))`,
  `CREATE TABLE dead_letters (id varchar(36) PRIMARY KEY, message_id varchar(36) NOT NULL, consumer varchar(100) NOT NULL, type varchar(100) NOT NULL,
     legal_entity varchar(100) NOT NULL, partition_key varchar(300) NOT NULL, payload text NOT NULL, correlation_id varchar(100) NOT NULL,
     failures text NOT NULL, status varchar(12) NOT NULL CHECK (status IN ('OPEN','REPLAYED')), replay_message_id varchar(36),
     created_at varchar(40) NOT NULL, replayed_at varchar(40), replayed_by varchar(100),
     CONSTRAINT uq_dead_letters_message UNIQUE (message_id, consumer))`,
  `CREATE TABLE partition_pauses (partition_key varchar(300) PRIMARY KEY, paused_by varchar(100) NOT NULL, reason text NOT NULL, paused_at varchar(40) NOT NULL)`,
  `CREATE TABLE erp_documents (idempotency_key varchar(200) PRIMARY KEY, action varchar(40) NOT NULL, doc_type varchar(40) NOT NULL,
     doc_id varchar(200) NOT NULL, revision integer NOT NULL, legal_entity varchar(100) NOT NULL, tenant_id varchar(100) NOT NULL,
     payload_hash varchar(64) NOT NULL, state varchar(12) NOT NULL CHECK (state IN ('PENDING','SENT','CONFIRMED','REJECTED')),
     erp_document_id varchar(100), erp_document_number varchar(100), error_code varchar(60), record text NOT NULL,
     message_id varchar(36) NOT NULL, correlation_id varchar(100) NOT NULL, created_at varchar(40) NOT NULL, updated_at varchar(40) NOT NULL)`,
  `CREATE INDEX ix_erp_documents_doc ON erp_documents (doc_type, doc_id, revision)`,
];

export class Messaging1764300000000 implements MigrationInterface {
  name = 'Messaging1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const sql of TABLES(postgres ? 'bigserial PRIMARY KEY' : 'integer PRIMARY KEY AUTOINCREMENT')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['erp_documents', 'partition_pauses', 'dead_letters', 'inbox_messages', 'outbox_messages']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
