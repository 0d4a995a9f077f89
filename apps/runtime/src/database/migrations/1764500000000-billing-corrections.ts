import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections after invoicing: corrected revisions of invoiced time and the documents they produced,
 * and credit-note cancellations (a cancelled note is void; its reversal journal is in `journals`).
 */
const TABLES = [
  `CREATE TABLE billing_entry_corrections (id varchar(36) PRIMARY KEY, entry_id varchar(200) NOT NULL, revision integer NOT NULL, rating_seq integer NOT NULL,
     invoice_id varchar(200) NOT NULL REFERENCES invoices(id), policy varchar(30) NOT NULL, credit_note_id varchar(200) NOT NULL REFERENCES credit_notes(id),
     reinvoice_id varchar(200) REFERENCES invoices(id), created_at varchar(40) NOT NULL, correlation_id varchar(100) NOT NULL)`,
  `CREATE INDEX ix_billing_entry_corrections_entry ON billing_entry_corrections (entry_id)`,
  `CREATE TABLE credit_note_cancellations (credit_note_id varchar(200) PRIMARY KEY REFERENCES credit_notes(id), invoice_id varchar(200) NOT NULL REFERENCES invoices(id),
     journal_id varchar(300) NOT NULL, reason text NOT NULL, actor varchar(100) NOT NULL, at varchar(40) NOT NULL, correlation_id varchar(100) NOT NULL)`,
];

export class BillingCorrections1764500000000 implements MigrationInterface {
  name = 'BillingCorrections1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of TABLES) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['credit_note_cancellations', 'billing_entry_corrections']) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
