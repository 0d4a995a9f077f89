import { Column, Entity, PrimaryColumn } from 'typeorm';

export type VersionStatus = 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'PUBLISHED' | 'REJECTED' | 'RETIRED';

@Entity('spec_versions')
export class SpecVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200, name: 'spec_id' })
  specId!: string;

  @Column({ type: 'varchar', length: 64 })
  version!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: VersionStatus;

  /** Canonical JSON of {manifest, expression, tests, inputSchema, outputSchema, data}. */
  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'varchar', length: 64, name: 'content_hash' })
  contentHash!: string;

  @Column({ type: 'varchar', length: 100 })
  author!: string;

  @Column({ type: 'varchar', length: 64, name: 'based_on', nullable: true })
  basedOn!: string | null;

  @Column({ type: 'integer', name: 'required_approvals' })
  requiredApprovals!: number;

  @Column({ type: 'boolean' })
  emergency!: boolean;

  @Column({ type: 'varchar', length: 64, name: 'evidence_hash', nullable: true })
  evidenceHash!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'correlation_id' })
  correlationId!: string;

  @Column({ type: 'varchar', length: 40, name: 'created_at' })
  createdAt!: string;

  @Column({ type: 'varchar', length: 40, name: 'updated_at' })
  updatedAt!: string;

  @Column({ type: 'varchar', length: 40, name: 'published_at', nullable: true })
  publishedAt!: string | null;
}
