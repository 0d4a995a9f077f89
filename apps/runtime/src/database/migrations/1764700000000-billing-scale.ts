import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Month-end billing reads a legal entity's approved, billable time project by project, in batches.
 * Without this index each batch would scan every time entry; with it a batch reads only its own.
 * The same statement serves SQLite and PostgreSQL.
 */
export class BillingScale1764700000000 implements MigrationInterface {
  name = 'BillingScale1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX ix_time_entries_billing ON time_entries (legal_entity_id, status, project_id, work_date)');
    await queryRunner.query('CREATE INDEX ix_invoice_candidates_contract ON invoice_candidates (contract_id, status)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_invoice_candidates_contract');
    await queryRunner.query('DROP INDEX ix_time_entries_billing');
  }
}
