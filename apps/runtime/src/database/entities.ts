import { AuditEventEntity } from '../audit/entities/audit-event.entity';
import { ExecutionEntity } from '../executions/entities/execution.entity';
import { RecordedInputEntity } from '../executions/entities/recorded-input.entity';
import { PostImplementationReviewEntity } from '../governance/post-implementation-review.entity';
import { IdempotencyRecordEntity } from '../idempotency/entities/idempotency-record.entity';
import { ApprovalEntity } from '../specs/entities/approval.entity';
import { EvidenceEntity } from '../specs/entities/evidence.entity';
import { SpecVersionEntity } from '../specs/entities/spec-version.entity';
import { SpecEntity } from '../specs/entities/spec.entity';
import { UserEntity } from '../users/entities/user.entity';
import { InitialSchema1764100000000 } from './migrations/1764100000000-initial-schema';

export const ENTITIES = [
  UserEntity, SpecEntity, SpecVersionEntity, ApprovalEntity, EvidenceEntity, PostImplementationReviewEntity,
  ExecutionEntity, RecordedInputEntity, AuditEventEntity, IdempotencyRecordEntity,
];

export const MIGRATIONS = [InitialSchema1764100000000];
