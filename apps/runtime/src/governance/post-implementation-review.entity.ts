import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Opened by every emergency publish; stays on the governance inbox until an approver closes it. */
@Entity('post_implementation_reviews')
export class PostImplementationReviewEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200, name: 'spec_id' })
  specId!: string;

  @Column({ type: 'varchar', length: 36, name: 'version_id' })
  versionId!: string;

  @Column({ type: 'varchar', length: 64 })
  version!: string;

  @Column({ type: 'varchar', length: 100, name: 'opened_by' })
  openedBy!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 40, name: 'opened_at' })
  openedAt!: string;

  @Column({ type: 'varchar', length: 100, name: 'closed_by', nullable: true })
  closedBy!: string | null;

  @Column({ type: 'text', name: 'closing_comment', nullable: true })
  closingComment!: string | null;

  @Column({ type: 'varchar', length: 40, name: 'closed_at', nullable: true })
  closedAt!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'correlation_id' })
  correlationId!: string;
}
