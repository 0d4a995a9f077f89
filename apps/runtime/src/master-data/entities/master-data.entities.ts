import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The current state of one master-data object, stored as validated canonical JSON with indexed keys. */
@Entity('md_objects')
export class MasterDataObjectEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) type!: string;
  @PrimaryColumn({ type: 'varchar', length: 200 }) id!: string;
  @Column({ type: 'varchar', length: 60, name: 'source_system' }) sourceSystem!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) content!: string;
  @Column({ type: 'varchar', length: 64, name: 'content_hash' }) contentHash!: string;
  @Column({ type: 'varchar', length: 200, name: 'legal_entity_id', nullable: true }) legalEntityId!: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) status!: string | null;
  @Column({ type: 'varchar', length: 40, name: 'updated_at' }) updatedAt!: string;
  @Column({ type: 'varchar', length: 100, name: 'correlation_id' }) correlationId!: string;
}

/** Every accepted change, so lineage can name the exact version that priced or posted something. */
@Entity('md_object_versions')
export class MasterDataVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) type!: string;
  @PrimaryColumn({ type: 'varchar', length: 200 }) id!: string;
  @PrimaryColumn({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) content!: string;
  @Column({ type: 'varchar', length: 64, name: 'content_hash' }) contentHash!: string;
  @Column({ type: 'varchar', length: 60, name: 'source_system' }) sourceSystem!: string;
  @Column({ type: 'varchar', length: 10, name: 'valid_from', nullable: true }) validFrom!: string | null;
  @Column({ type: 'varchar', length: 40, name: 'recorded_at' }) recordedAt!: string;
  @Column({ type: 'varchar', length: 100 }) actor!: string;
  @Column({ type: 'varchar', length: 100, name: 'correlation_id' }) correlationId!: string;
}

/** Which object an identifier from another system stands for. */
@Entity('md_external_refs')
export class MasterDataExternalRefEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) type!: string;
  @PrimaryColumn({ type: 'varchar', length: 60 }) system!: string;
  @PrimaryColumn({ type: 'varchar', length: 200, name: 'external_id' }) externalId!: string;
  @Column({ type: 'varchar', length: 200, name: 'object_id' }) objectId!: string;
}
