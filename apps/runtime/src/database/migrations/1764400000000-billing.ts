import { MigrationInterface, QueryRunner } from 'typeorm';

/** Billing runs, invoice candidates and their edits, number series, invoices, credit notes, billed-once links, contract states. */
const TABLES = [
  `CREATE TABLE billing_runs (id varchar(100) PRIMARY KEY, legal_entity_id varchar(200) NOT NULL, period_start varchar(10) NOT NULL, period_end varchar(10) NOT NULL,
     contract_ids text, summary text NOT NULL, actor varchar(100) NOT NULL, created_at varchar(40) NOT NULL, correlation_id varchar(100) NOT NULL)`,
  `CREATE TABLE invoice_candidates (id varchar(200) PRIMARY KEY, run_id varchar(100) NOT NULL REFERENCES billing_runs(id), legal_entity_id varchar(200) NOT NULL,
     contract_id varchar(200) NOT NULL, status varchar(20) NOT NULL CHECK (status IN ('pendingReview','approved','rejected','finalised')),
     content text NOT NULL, pending_state text, dispositions text NOT NULL, created_at varchar(40) NOT NULL, updated_at varchar(40) NOT NULL, correlation_id varchar(100) NOT NULL)`,
  `CREATE INDEX ix_invoice_candidates_status ON invoice_candidates (legal_entity_id, status)`,
  `CREATE TABLE invoice_candidate_edits (id varchar(36) PRIMARY KEY, candidate_id varchar(200) NOT NULL REFERENCES invoice_candidates(id), action varchar(20) NOT NULL,
     line_id varchar(250), reason text NOT NULL, amount varchar(40), currency varchar(3), actor varchar(100) NOT NULL, at varchar(40) NOT NULL,
     record text NOT NULL, correlation_id varchar(100) NOT NULL)`,
  `CREATE TABLE number_series (legal_entity_id varchar(200) NOT NULL, document_type varchar(20) NOT NULL, prefix varchar(40) NOT NULL, width integer NOT NULL,
     last_number integer NOT NULL, PRIMARY KEY (legal_entity_id, document_type))`,
  `CREATE TABLE invoices (id varchar(200) PRIMARY KEY, legal_entity_id varchar(200) NOT NULL, number varchar(80) NOT NULL, candidate_id varchar(200) REFERENCES invoice_candidates(id),
     contract_id varchar(200) NOT NULL, customer_id varchar(200) NOT NULL, currency varchar(3) NOT NULL, total varchar(40) NOT NULL, issue_date varchar(10) NOT NULL,
     status varchar(20) NOT NULL CHECK (status IN ('issued','credited')), content text NOT NULL, journal_id varchar(300) NOT NULL,
     approved_at varchar(40), created_at varchar(40) NOT NULL, correlation_id varchar(100) NOT NULL)`,
  `CREATE UNIQUE INDEX uq_invoices_number ON invoices (legal_entity_id, number)`,
  `CREATE TABLE credit_notes (id varchar(200) PRIMARY KEY, legal_entity_id varchar(200) NOT NULL, number varchar(80) NOT NULL, invoice_id varchar(200) NOT NULL REFERENCES invoices(id),
     kind varchar(20) NOT NULL, currency varchar(3) NOT NULL, total varchar(40) NOT NULL, content text NOT NULL, journal_id varchar(300) NOT NULL,
     created_at varchar(40) NOT NULL, correlation_id varchar(100) NOT NULL)`,
  `CREATE UNIQUE INDEX uq_credit_notes_number ON credit_notes (legal_entity_id, number)`,
  `CREATE TABLE invoice_links (invoice_id varchar(200) NOT NULL REFERENCES invoices(id), transaction_id varchar(250) NOT NULL, entry_id varchar(200) NOT NULL,
     live integer NOT NULL, released_by varchar(200), created_at varchar(40) NOT NULL, PRIMARY KEY (invoice_id, transaction_id))`,
  // The billed-once rule: a transaction is on at most one live invoice.
  `CREATE UNIQUE INDEX uq_invoice_links_live ON invoice_links (transaction_id) WHERE live = 1`,
  `CREATE INDEX ix_invoice_links_entry ON invoice_links (entry_id)`,
  `CREATE TABLE contract_billing_states (contract_id varchar(200) PRIMARY KEY, state text NOT NULL, invoice_id varchar(200), updated_at varchar(40) NOT NULL)`,
];

export class Billing1764400000000 implements MigrationInterface {
  name = 'Billing1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of TABLES) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = ['contract_billing_states', 'invoice_links', 'credit_notes', 'invoices', 'number_series', 'invoice_candidate_edits', 'invoice_candidates', 'billing_runs'];
    for (const table of tables) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
