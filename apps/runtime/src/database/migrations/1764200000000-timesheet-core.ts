import { MigrationInterface, QueryRunner } from 'typeorm';

/** Master data, time entries with revisions and transitions, intake receipts, rating snapshots, journals, business exceptions. */
const TABLES = [
  `CREATE TABLE md_objects (type varchar(40) NOT NULL, id varchar(200) NOT NULL, source_system varchar(60) NOT NULL, version integer NOT NULL,
     content text NOT NULL, content_hash varchar(64) NOT NULL, legal_entity_id varchar(200), status varchar(40),
     updated_at varchar(40) NOT NULL, correlation_id varchar(100) NOT NULL, PRIMARY KEY (type, id))`,
  `CREATE INDEX ix_md_objects_le ON md_objects (type, legal_entity_id)`,
  `CREATE TABLE md_object_versions (type varchar(40) NOT NULL, id varchar(200) NOT NULL, version integer NOT NULL, content text NOT NULL,
     content_hash varchar(64) NOT NULL, source_system varchar(60) NOT NULL, valid_from varchar(10), recorded_at varchar(40) NOT NULL,
     actor varchar(100) NOT NULL, correlation_id varchar(100) NOT NULL, PRIMARY KEY (type, id, version))`,
  `CREATE TABLE md_external_refs (type varchar(40) NOT NULL, system varchar(60) NOT NULL, external_id varchar(200) NOT NULL,
     object_id varchar(200) NOT NULL, PRIMARY KEY (type, system, external_id))`,
  `CREATE TABLE time_entries (id varchar(200) PRIMARY KEY, source_system varchar(60) NOT NULL, external_id varchar(200) NOT NULL,
     revision integer NOT NULL, status varchar(20) NOT NULL CHECK (status IN ('draft','submitted','approved','rejected','invoiced')),
     employee_id varchar(200) NOT NULL, project_id varchar(200) NOT NULL, legal_entity_id varchar(200) NOT NULL, work_date varchar(10) NOT NULL,
     billable integer NOT NULL, content text NOT NULL, source_updated_at varchar(40), rated_revision integer, rating_seq integer NOT NULL,
     submitted_at varchar(40), approved_at varchar(40), created_at varchar(40) NOT NULL, updated_at varchar(40) NOT NULL,
     correlation_id varchar(100) NOT NULL, CONSTRAINT uq_time_entries_source UNIQUE (source_system, external_id))`,
  `CREATE INDEX ix_time_entries_week ON time_entries (employee_id, work_date)`,
  `CREATE TABLE time_entry_revisions (entry_id varchar(200) NOT NULL REFERENCES time_entries(id), revision integer NOT NULL,
     content text NOT NULL, content_hash varchar(64) NOT NULL, source_hash varchar(64) NOT NULL, spec_ref varchar(120) NOT NULL,
     received_at varchar(40) NOT NULL, correlation_id varchar(100) NOT NULL, PRIMARY KEY (entry_id, revision))`,
  `CREATE TABLE time_entry_transitions (id varchar(36) PRIMARY KEY, entry_id varchar(200) NOT NULL REFERENCES time_entries(id), revision integer NOT NULL,
     from_status varchar(20), to_status varchar(20) NOT NULL, actor varchar(100) NOT NULL, via_system varchar(60) NOT NULL, reason text,
     at varchar(40) NOT NULL, correlation_id varchar(100) NOT NULL)`,
  `CREATE INDEX ix_time_entry_transitions_entry ON time_entry_transitions (entry_id, at)`,
  `CREATE TABLE intake_receipts (source_system varchar(60) NOT NULL, external_id varchar(200) NOT NULL, source_hash varchar(64) NOT NULL,
     entry_id varchar(200) NOT NULL, revision integer NOT NULL, deliveries integer NOT NULL, first_at varchar(40) NOT NULL, last_at varchar(40) NOT NULL,
     PRIMARY KEY (source_system, external_id, source_hash))`,
  // One snapshot per rating of an entry: the primary key is what makes "rated once" a database rule.
  `CREATE TABLE rating_snapshots (entry_id varchar(200) NOT NULL REFERENCES time_entries(id), rating_seq integer NOT NULL, revision integer NOT NULL,
     snapshot text NOT NULL, reason varchar(40) NOT NULL, context_refs text NOT NULL, created_at varchar(40) NOT NULL, correlation_id varchar(100) NOT NULL,
     PRIMARY KEY (entry_id, rating_seq))`,
  `CREATE TABLE journals (id varchar(300) PRIMARY KEY, entry_id varchar(200) NOT NULL, rating_seq integer NOT NULL, kind varchar(20) NOT NULL,
     legal_entity_id varchar(200) NOT NULL, period varchar(7) NOT NULL, posting_rule_ref varchar(120) NOT NULL, content text NOT NULL,
     created_at varchar(40) NOT NULL, correlation_id varchar(100) NOT NULL)`,
  `CREATE INDEX ix_journals_le_period ON journals (legal_entity_id, period)`,
  `CREATE INDEX ix_journals_entry ON journals (entry_id)`,
  `CREATE TABLE business_exceptions (id varchar(36) PRIMARY KEY, code varchar(60) NOT NULL, category varchar(30) NOT NULL, message text NOT NULL,
     state varchar(20) NOT NULL CHECK (state IN ('open','resolved','retried')), source_system varchar(60) NOT NULL, legal_entity_id varchar(200),
     object_id varchar(200), position integer, record text NOT NULL, details text NOT NULL, retry_count integer NOT NULL,
     raised_at varchar(40) NOT NULL, resolved_at varchar(40), resolved_by varchar(100), resolution text, correlation_id varchar(100) NOT NULL)`,
  `CREATE INDEX ix_business_exceptions_state ON business_exceptions (state, code, raised_at)`,
];

const SQLITE_TRIGGERS = [
  `CREATE TRIGGER trg_journals_no_update BEFORE UPDATE ON journals BEGIN SELECT RAISE(ABORT, 'journals are never edited'); END`,
  `CREATE TRIGGER trg_journals_no_delete BEFORE DELETE ON journals BEGIN SELECT RAISE(ABORT, 'journals are never edited'); END`,
];

const PG_TRIGGERS = [
  `CREATE FUNCTION mw_refuse_journal_change() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'journals are never edited'; END $$`,
  `CREATE TRIGGER trg_journals_immutable BEFORE UPDATE OR DELETE ON journals FOR EACH ROW EXECUTE FUNCTION mw_refuse_journal_change()`,
];

export class TimesheetCore1764200000000 implements MigrationInterface {
  name = 'TimesheetCore1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const sql of TABLES) await queryRunner.query(sql);
    for (const sql of postgres ? PG_TRIGGERS : SQLITE_TRIGGERS) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = ['business_exceptions', 'journals', 'rating_snapshots', 'intake_receipts', 'time_entry_transitions', 'time_entry_revisions', 'time_entries', 'md_external_refs', 'md_object_versions', 'md_objects'];
    for (const table of tables) await queryRunner.query(`DROP TABLE ${table}`);
    if (queryRunner.connection.options.type === 'postgres') await queryRunner.query('DROP FUNCTION mw_refuse_journal_change()');
  }
}
