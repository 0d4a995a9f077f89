import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('rating_snapshots')
export class RatingSnapshotEntity {
  @PrimaryColumn({ type: 'varchar', length: 200, name: 'entry_id' }) entryId!: string;
  @PrimaryColumn({ type: 'integer', name: 'rating_seq' }) ratingSeq!: number;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ type: 'text' }) snapshot!: string;
  /** approval, correction or neighbour (another entry of the week moved a threshold). */
  @Column({ type: 'varchar', length: 40 }) reason!: string;
  @Column({ type: 'text', name: 'context_refs' }) contextRefs!: string;
  @Column({ type: 'varchar', length: 40, name: 'created_at' }) createdAt!: string;
  @Column({ type: 'varchar', length: 100, name: 'correlation_id' }) correlationId!: string;
}

@Entity('journals')
export class JournalEntity {
  @PrimaryColumn({ type: 'varchar', length: 300 }) id!: string;
  @Column({ type: 'varchar', length: 200, name: 'entry_id' }) entryId!: string;
  @Column({ type: 'integer', name: 'rating_seq' }) ratingSeq!: number;
  @Column({ type: 'varchar', length: 20 }) kind!: string;
  @Column({ type: 'varchar', length: 200, name: 'legal_entity_id' }) legalEntityId!: string;
  @Column({ type: 'varchar', length: 7 }) period!: string;
  @Column({ type: 'varchar', length: 120, name: 'posting_rule_ref' }) postingRuleRef!: string;
  @Column({ type: 'text' }) content!: string;
  @Column({ type: 'varchar', length: 40, name: 'created_at' }) createdAt!: string;
  @Column({ type: 'varchar', length: 100, name: 'correlation_id' }) correlationId!: string;
}
