import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ExceptionState = 'open' | 'resolved' | 'retried';

/** A record the flow could not take, kept with everything needed to fix and retry it. */
@Entity('business_exceptions')
export class BusinessExceptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 60 }) code!: string;
  @Column({ type: 'varchar', length: 30 }) category!: string;
  @Column({ type: 'text' }) message!: string;
  @Column({ type: 'varchar', length: 20 }) state!: ExceptionState;
  @Column({ type: 'varchar', length: 60, name: 'source_system' }) sourceSystem!: string;
  @Column({ type: 'varchar', length: 200, name: 'legal_entity_id', nullable: true }) legalEntityId!: string | null;
  @Column({ type: 'varchar', length: 200, name: 'object_id', nullable: true }) objectId!: string | null;
  @Column({ type: 'integer', nullable: true }) position!: number | null;
  @Column({ type: 'text' }) record!: string;
  @Column({ type: 'text' }) details!: string;
  @Column({ type: 'integer', name: 'retry_count' }) retryCount!: number;
  @Column({ type: 'varchar', length: 40, name: 'raised_at' }) raisedAt!: string;
  @Column({ type: 'varchar', length: 40, name: 'resolved_at', nullable: true }) resolvedAt!: string | null;
  @Column({ type: 'varchar', length: 100, name: 'resolved_by', nullable: true }) resolvedBy!: string | null;
  @Column({ type: 'text', nullable: true }) resolution!: string | null;
  @Column({ type: 'varchar', length: 100, name: 'correlation_id' }) correlationId!: string;
}
