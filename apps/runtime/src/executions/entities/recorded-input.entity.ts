import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A production input kept (masked) for shadow runs until `expiresAt`. */
@Entity('recorded_inputs')
export class RecordedInputEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36, name: 'execution_id' })
  executionId!: string;

  @Column({ type: 'varchar', length: 200, name: 'spec_id' })
  specId!: string;

  @Column({ type: 'varchar', length: 64 })
  version!: string;

  @Column({ type: 'text' })
  input!: string;

  /** What production produced (masked), or null when the run failed. */
  @Column({ type: 'text', nullable: true })
  output!: string | null;

  @Column({ type: 'varchar', length: 60, name: 'error_code', nullable: true })
  errorCode!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'correlation_id' })
  correlationId!: string;

  @Column({ type: 'varchar', length: 40, name: 'created_at' })
  createdAt!: string;

  @Column({ type: 'varchar', length: 40, name: 'expires_at' })
  expiresAt!: string;
}
