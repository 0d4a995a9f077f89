import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ApprovalDecision = 'APPROVE' | 'REJECT';

@Entity('approvals')
export class ApprovalEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36, name: 'version_id' })
  versionId!: string;

  @Column({ type: 'varchar', length: 100 })
  approver!: string;

  @Column({ type: 'varchar', length: 10 })
  decision!: ApprovalDecision;

  @Column({ type: 'text' })
  comment!: string;

  /** The evidence the approver had in front of them. */
  @Column({ type: 'varchar', length: 64, name: 'evidence_hash', nullable: true })
  evidenceHash!: string | null;

  @Column({ type: 'boolean' })
  emergency!: boolean;

  @Column({ type: 'varchar', length: 100, name: 'correlation_id' })
  correlationId!: string;

  @Column({ type: 'varchar', length: 40, name: 'created_at' })
  createdAt!: string;
}
