import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUS_CHECK = "status IN ('DRAFT','IN_REVIEW','APPROVED','PUBLISHED','REJECTED','RETIRED')";

/** Tables shared by both dialects; column types chosen to mean the same in SQLite and PostgreSQL. */
const TABLES = (bool: string) => [
  `CREATE TABLE users (name varchar(100) PRIMARY KEY, display_name varchar(200) NOT NULL, roles text NOT NULL, created_at varchar(40) NOT NULL)`,
  `CREATE TABLE specs (id varchar(200) PRIMARY KEY, kind varchar(20) NOT NULL, description text NOT NULL, owner varchar(200) NOT NULL,
     risk_class varchar(20) NOT NULL CHECK (risk_class IN ('financial','operational','standard')),
     created_at varchar(40) NOT NULL, correlation_id varchar(100) NOT NULL)`,
  `CREATE TABLE spec_versions (id varchar(36) PRIMARY KEY, spec_id varchar(200) NOT NULL REFERENCES specs(id), version varchar(64) NOT NULL,
     status varchar(20) NOT NULL CHECK (${STATUS_CHECK}), content text NOT NULL, content_hash varchar(64) NOT NULL,
     author varchar(100) NOT NULL, based_on varchar(64), required_approvals integer NOT NULL CHECK (required_approvals >= 1),
     emergency ${bool} NOT NULL, evidence_hash varchar(64), correlation_id varchar(100) NOT NULL,
     created_at varchar(40) NOT NULL, updated_at varchar(40) NOT NULL, published_at varchar(40),
     CONSTRAINT uq_spec_versions_version UNIQUE (spec_id, version))`,
  // Exactly one published version per spec, whatever the application does.
  `CREATE UNIQUE INDEX uq_spec_versions_one_published ON spec_versions (spec_id) WHERE status = 'PUBLISHED'`,
  `CREATE TABLE approvals (id varchar(36) PRIMARY KEY, version_id varchar(36) NOT NULL REFERENCES spec_versions(id), approver varchar(100) NOT NULL,
     decision varchar(10) NOT NULL CHECK (decision IN ('APPROVE','REJECT')), comment text NOT NULL, evidence_hash varchar(64),
     emergency ${bool} NOT NULL, correlation_id varchar(100) NOT NULL, created_at varchar(40) NOT NULL,
     CONSTRAINT uq_approvals_version_approver UNIQUE (version_id, approver))`,
  `CREATE TABLE evidence (version_id varchar(36) PRIMARY KEY REFERENCES spec_versions(id), document text NOT NULL, hash varchar(64) NOT NULL,
     correlation_id varchar(100) NOT NULL, created_at varchar(40) NOT NULL)`,
  `CREATE TABLE post_implementation_reviews (id varchar(36) PRIMARY KEY, spec_id varchar(200) NOT NULL, version_id varchar(36) NOT NULL REFERENCES spec_versions(id),
     version varchar(64) NOT NULL, opened_by varchar(100) NOT NULL, reason text NOT NULL, opened_at varchar(40) NOT NULL,
     closed_by varchar(100), closing_comment text, closed_at varchar(40), correlation_id varchar(100) NOT NULL)`,
  `CREATE TABLE executions (id varchar(36) PRIMARY KEY, spec_id varchar(200) NOT NULL, version varchar(64) NOT NULL, content_hash varchar(64) NOT NULL,
     mode varchar(20) NOT NULL, ok ${bool} NOT NULL, error_code varchar(60), duration_ms integer NOT NULL, actor varchar(100) NOT NULL,
     correlation_id varchar(100) NOT NULL, created_at varchar(40) NOT NULL)`,
  `CREATE INDEX ix_executions_spec ON executions (spec_id, created_at)`,
  `CREATE TABLE recorded_inputs (id varchar(36) PRIMARY KEY, execution_id varchar(36) NOT NULL, spec_id varchar(200) NOT NULL, version varchar(64) NOT NULL,
     input text NOT NULL, output text, error_code varchar(60), correlation_id varchar(100) NOT NULL, created_at varchar(40) NOT NULL, expires_at varchar(40) NOT NULL)`,
  `CREATE INDEX ix_recorded_inputs_spec ON recorded_inputs (spec_id, created_at)`,
  `CREATE TABLE audit_events (seq integer PRIMARY KEY, at varchar(40) NOT NULL, actor varchar(100) NOT NULL, action varchar(60) NOT NULL,
     entity_type varchar(60) NOT NULL, entity_id varchar(300) NOT NULL, correlation_id varchar(100) NOT NULL,
     before_hash varchar(64), after_hash varchar(64), details text NOT NULL, prev_hash varchar(64) NOT NULL, hash varchar(64) NOT NULL)`,
  `CREATE TABLE idempotency_records (scope varchar(64) PRIMARY KEY, request_hash varchar(64) NOT NULL, state varchar(20) NOT NULL,
     response_status integer, response_body text, created_at varchar(40) NOT NULL)`,
];

const SQLITE_TRIGGERS = [
  `CREATE TRIGGER trg_audit_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`,
  `CREATE TRIGGER trg_audit_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`,
  `CREATE TRIGGER trg_version_content_frozen BEFORE UPDATE ON spec_versions
     WHEN OLD.status <> 'DRAFT' AND (NEW.content IS NOT OLD.content OR NEW.content_hash IS NOT OLD.content_hash OR NEW.version IS NOT OLD.version OR NEW.spec_id IS NOT OLD.spec_id)
     BEGIN SELECT RAISE(ABORT, 'spec version content is immutable once submitted'); END`,
  `CREATE TRIGGER trg_version_no_delete BEFORE DELETE ON spec_versions WHEN OLD.status <> 'DRAFT'
     BEGIN SELECT RAISE(ABORT, 'only drafts can be deleted'); END`,
  `CREATE TRIGGER trg_approval_not_author BEFORE INSERT ON approvals
     WHEN NEW.approver = (SELECT author FROM spec_versions WHERE id = NEW.version_id)
     BEGIN SELECT RAISE(ABORT, 'the author cannot approve their own version'); END`,
  `CREATE TRIGGER trg_publish_needs_approvals BEFORE UPDATE OF status ON spec_versions
     WHEN NEW.status = 'PUBLISHED' AND OLD.status <> 'PUBLISHED' AND NEW.emergency = 0
      AND (SELECT count(*) FROM approvals WHERE version_id = NEW.id AND decision = 'APPROVE') < NEW.required_approvals
     BEGIN SELECT RAISE(ABORT, 'not enough approvals to publish'); END`,
];

const PG_TRIGGERS = [
  `CREATE FUNCTION mw_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`,
  `CREATE TRIGGER trg_audit_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION mw_refuse_audit_change()`,
  `CREATE TRIGGER trg_audit_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION mw_refuse_audit_change()`,
  `CREATE FUNCTION mw_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'DELETE' THEN
         IF OLD.status <> 'DRAFT' THEN RAISE EXCEPTION 'only drafts can be deleted'; END IF;
         RETURN OLD;
       END IF;
       IF OLD.status <> 'DRAFT' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
           OR NEW.version IS DISTINCT FROM OLD.version OR NEW.spec_id IS DISTINCT FROM OLD.spec_id) THEN
         RAISE EXCEPTION 'spec version content is immutable once submitted';
       END IF;
       IF NEW.status = 'PUBLISHED' AND OLD.status <> 'PUBLISHED' AND NOT NEW.emergency
          AND (SELECT count(*) FROM approvals WHERE version_id = NEW.id AND decision = 'APPROVE') < NEW.required_approvals THEN
         RAISE EXCEPTION 'not enough approvals to publish';
       END IF;
       RETURN NEW;
     END $$`,
  `CREATE TRIGGER trg_version_guard BEFORE UPDATE OR DELETE ON spec_versions FOR EACH ROW EXECUTE FUNCTION mw_version_guard()`,
  `CREATE FUNCTION mw_approval_not_author() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF NEW.approver = (SELECT author FROM spec_versions WHERE id = NEW.version_id) THEN
         RAISE EXCEPTION 'the author cannot approve their own version';
       END IF;
       RETURN NEW;
     END $$`,
  `CREATE TRIGGER trg_approval_not_author BEFORE INSERT ON approvals FOR EACH ROW EXECUTE FUNCTION mw_approval_not_author()`,
];

export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const sql of TABLES(postgres ? 'boolean' : 'integer')) await queryRunner.query(sql);
    for (const sql of postgres ? PG_TRIGGERS : SQLITE_TRIGGERS) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const table of ['idempotency_records', 'audit_events', 'recorded_inputs', 'executions', 'post_implementation_reviews', 'evidence', 'approvals', 'spec_versions', 'specs', 'users']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    if (postgres) {
      for (const fn of ['mw_refuse_audit_change', 'mw_version_guard', 'mw_approval_not_author']) await queryRunner.query(`DROP FUNCTION ${fn}()`);
    }
  }
}
