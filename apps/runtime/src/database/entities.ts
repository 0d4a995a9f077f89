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
import { TimesheetCore1764200000000 } from './migrations/1764200000000-timesheet-core';
import { MasterDataExternalRefEntity, MasterDataObjectEntity, MasterDataVersionEntity } from '../master-data/entities/master-data.entities';
import { TimeEntryEntity, TimeEntryRevisionEntity, TimeEntryTransitionEntity } from '../time-entries/entities/time-entry.entities';
import { IntakeReceiptEntity } from '../intake/entities/intake-receipt.entity';
import { JournalEntity, RatingSnapshotEntity } from '../ledger/entities/ledger.entities';
import { BusinessExceptionEntity } from '../exceptions/entities/business-exception.entity';
import { Messaging1764300000000 } from './migrations/1764300000000-messaging';
import { MESSAGING_ENTITIES } from '../messaging/entities/messaging.entities';
import { ErpDocumentEntity } from '../erp-delivery/erp-document.entity';
import { Billing1764400000000 } from './migrations/1764400000000-billing';
import { BillingScale1764700000000 } from './migrations/1764700000000-billing-scale';
import { BillingCorrections1764500000000 } from './migrations/1764500000000-billing-corrections';
import { OrchestrationExceptions1764600000000 } from './migrations/1764600000000-orchestration-exceptions';

export const ENTITIES = [
  UserEntity, SpecEntity, SpecVersionEntity, ApprovalEntity, EvidenceEntity, PostImplementationReviewEntity,
  ExecutionEntity, RecordedInputEntity, AuditEventEntity, IdempotencyRecordEntity,
  ...MESSAGING_ENTITIES, ErpDocumentEntity,
  MasterDataObjectEntity, MasterDataVersionEntity, MasterDataExternalRefEntity, TimeEntryEntity, TimeEntryRevisionEntity,
  TimeEntryTransitionEntity, IntakeReceiptEntity, RatingSnapshotEntity, JournalEntity, BusinessExceptionEntity,
];

export const MIGRATIONS = [InitialSchema1764100000000, TimesheetCore1764200000000, Messaging1764300000000, Billing1764400000000, BillingCorrections1764500000000, OrchestrationExceptions1764600000000, BillingScale1764700000000];
