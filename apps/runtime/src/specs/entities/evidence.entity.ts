import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('evidence')
export class EvidenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'version_id' })
  versionId!: string;

  /** Canonical JSON of the evidence document; `hash` is its sha256. */
  @Column({ type: 'text' })
  document!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ type: 'varchar', length: 100, name: 'correlation_id' })
  correlationId!: string;

  @Column({ type: 'varchar', length: 40, name: 'created_at' })
  createdAt!: string;
}
