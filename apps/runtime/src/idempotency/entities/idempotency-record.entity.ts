import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('idempotency_records')
export class IdempotencyRecordEntity {
  /** sha256 of actor, method, path and the Idempotency-Key header. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  scope!: string;

  @Column({ type: 'varchar', length: 64, name: 'request_hash' })
  requestHash!: string;

  @Column({ type: 'varchar', length: 20 })
  state!: 'IN_PROGRESS' | 'DONE';

  @Column({ type: 'integer', name: 'response_status', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'text', name: 'response_body', nullable: true })
  responseBody!: string | null;

  @Column({ type: 'varchar', length: 40, name: 'created_at' })
  createdAt!: string;
}
