import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TimeEntryStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'invoiced';

/** The current revision of a time entry and where it stands; history lives in revisions and transitions. */
@Entity('time_entries')
export class TimeEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 }) id!: string;
  @Column({ type: 'varchar', length: 60, name: 'source_system' }) sourceSystem!: string;
  @Column({ type: 'varchar', length: 200, name: 'external_id' }) externalId!: string;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ type: 'varchar', length: 20 }) status!: TimeEntryStatus;
  @Column({ type: 'varchar', length: 200, name: 'employee_id' }) employeeId!: string;
  @Column({ type: 'varchar', length: 200, name: 'project_id' }) projectId!: string;
  @Column({ type: 'varchar', length: 200, name: 'legal_entity_id' }) legalEntityId!: string;
  @Column({ type: 'varchar', length: 10, name: 'work_date' }) workDate!: string;
  @Column({ type: 'integer' }) billable!: number;
  @Column({ type: 'text' }) content!: string;
  @Column({ type: 'varchar', length: 40, name: 'source_updated_at', nullable: true }) sourceUpdatedAt!: string | null;
  @Column({ type: 'integer', name: 'rated_revision', nullable: true }) ratedRevision!: number | null;
  @Column({ type: 'integer', name: 'rating_seq' }) ratingSeq!: number;
  @Column({ type: 'varchar', length: 40, name: 'submitted_at', nullable: true }) submittedAt!: string | null;
  @Column({ type: 'varchar', length: 40, name: 'approved_at', nullable: true }) approvedAt!: string | null;
  @Column({ type: 'varchar', length: 40, name: 'created_at' }) createdAt!: string;
  @Column({ type: 'varchar', length: 40, name: 'updated_at' }) updatedAt!: string;
  @Column({ type: 'varchar', length: 100, name: 'correlation_id' }) correlationId!: string;
}

@Entity('time_entry_revisions')
export class TimeEntryRevisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 200, name: 'entry_id' }) entryId!: string;
  @PrimaryColumn({ type: 'integer' }) revision!: number;
  @Column({ type: 'text' }) content!: string;
  @Column({ type: 'varchar', length: 64, name: 'content_hash' }) contentHash!: string;
  @Column({ type: 'varchar', length: 64, name: 'source_hash' }) sourceHash!: string;
  @Column({ type: 'varchar', length: 120, name: 'spec_ref' }) specRef!: string;
  @Column({ type: 'varchar', length: 40, name: 'received_at' }) receivedAt!: string;
  @Column({ type: 'varchar', length: 100, name: 'correlation_id' }) correlationId!: string;
}

@Entity('time_entry_transitions')
export class TimeEntryTransitionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200, name: 'entry_id' }) entryId!: string;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ type: 'varchar', length: 20, name: 'from_status', nullable: true }) fromStatus!: string | null;
  @Column({ type: 'varchar', length: 20, name: 'to_status' }) toStatus!: string;
  @Column({ type: 'varchar', length: 100 }) actor!: string;
  @Column({ type: 'varchar', length: 60, name: 'via_system' }) viaSystem!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'varchar', length: 40 }) at!: string;
  @Column({ type: 'varchar', length: 100, name: 'correlation_id' }) correlationId!: string;
}
