import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('audit_events')
export class AuditEventEntity {
  /** Position in the chain; assigned under the append lock. */
  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 40 })
  at!: string;

  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ type: 'varchar', length: 60, name: 'entity_type' })
  entityType!: string;

  @Column({ type: 'varchar', length: 300, name: 'entity_id' })
  entityId!: string;

  @Column({ type: 'varchar', length: 100, name: 'correlation_id' })
  correlationId!: string;

  @Column({ type: 'varchar', length: 64, name: 'before_hash', nullable: true })
  beforeHash!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'after_hash', nullable: true })
  afterHash!: string | null;

  /** Canonical JSON of extra facts (version, decision, reason…). */
  @Column({ type: 'text' })
  details!: string;

  @Column({ type: 'varchar', length: 64, name: 'prev_hash' })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
