import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ExecutionMode = 'transform' | 'preview' | 'shadow';

/** One mapping run, pinned to the exact version and content it started with. */
@Entity('executions')
export class ExecutionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200, name: 'spec_id' })
  specId!: string;

  @Column({ type: 'varchar', length: 64 })
  version!: string;

  @Column({ type: 'varchar', length: 64, name: 'content_hash' })
  contentHash!: string;

  @Column({ type: 'varchar', length: 20 })
  mode!: ExecutionMode;

  @Column({ type: 'boolean' })
  ok!: boolean;

  @Column({ type: 'varchar', length: 60, name: 'error_code', nullable: true })
  errorCode!: string | null;

  @Column({ type: 'integer', name: 'duration_ms' })
  durationMs!: number;

  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  @Column({ type: 'varchar', length: 100, name: 'correlation_id' })
  correlationId!: string;

  @Column({ type: 'varchar', length: 40, name: 'created_at' })
  createdAt!: string;
}
