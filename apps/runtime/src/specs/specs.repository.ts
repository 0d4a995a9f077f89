import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { constraintKind } from '../database/transaction.service';
import { PostImplementationReviewEntity } from '../governance/post-implementation-review.entity';
import { ApprovalEntity } from './entities/approval.entity';
import { EvidenceEntity } from './entities/evidence.entity';
import { SpecVersionEntity, VersionStatus } from './entities/spec-version.entity';
import { SpecEntity } from './entities/spec.entity';

/** All registry reads and writes; writes take the caller's transaction manager. */
@Injectable()
export class SpecsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  listSpecs(): Promise<SpecEntity[]> {
    return this.dataSource.getRepository(SpecEntity).find({ order: { id: 'ASC' } });
  }

  findSpec(id: string, manager?: EntityManager): Promise<SpecEntity | null> {
    return this.m(manager).getRepository(SpecEntity).findOneBy({ id });
  }

  async insertSpec(manager: EntityManager, spec: SpecEntity): Promise<void> {
    await manager.getRepository(SpecEntity).insert(spec);
  }

  listVersions(specId: string, manager?: EntityManager): Promise<SpecVersionEntity[]> {
    return this.m(manager).getRepository(SpecVersionEntity).find({ where: { specId }, order: { createdAt: 'ASC' } });
  }

  findVersion(specId: string, version: string, manager?: EntityManager): Promise<SpecVersionEntity | null> {
    return this.m(manager).getRepository(SpecVersionEntity).findOneBy({ specId, version });
  }

  findByStatus(status: VersionStatus, specId?: string, manager?: EntityManager): Promise<SpecVersionEntity[]> {
    return this.m(manager).getRepository(SpecVersionEntity).find({ where: specId ? { status, specId } : { status }, order: { specId: 'ASC' } });
  }

  async insertVersion(manager: EntityManager, row: SpecVersionEntity): Promise<void> {
    try {
      await manager.getRepository(SpecVersionEntity).insert(row);
    } catch (err) {
      if (constraintKind(err) === 'unique') throw new AppError('VERSION_EXISTS', `Version ${row.version} of ${row.specId} already exists; pick a higher version.`);
      throw err;
    }
  }

  /** Writes the changed columns; unique violations mean another writer published first. */
  async saveVersion(manager: EntityManager, row: SpecVersionEntity): Promise<void> {
    try {
      const { id, ...changes } = row;
      await manager.getRepository(SpecVersionEntity).update({ id }, changes);
    } catch (err) {
      if (constraintKind(err) === 'unique') throw new AppError('PUBLISH_CONFLICT', 'Another version of this spec was published at the same time; retry.');
      throw err;
    }
  }

  listApprovals(versionId: string, manager?: EntityManager): Promise<ApprovalEntity[]> {
    return this.m(manager).getRepository(ApprovalEntity).find({ where: { versionId }, order: { createdAt: 'ASC' } });
  }

  async insertApproval(manager: EntityManager, row: ApprovalEntity): Promise<void> {
    try {
      await manager.getRepository(ApprovalEntity).insert(row);
    } catch (err) {
      if (constraintKind(err) === 'unique') throw new AppError('DUPLICATE_APPROVAL', `${row.approver} has already decided on this version.`);
      throw err;
    }
  }

  findEvidence(versionId: string): Promise<EvidenceEntity | null> {
    return this.dataSource.getRepository(EvidenceEntity).findOneBy({ versionId });
  }

  async upsertEvidence(manager: EntityManager, row: EvidenceEntity): Promise<void> {
    await manager.getRepository(EvidenceEntity).save(row);
  }

  async insertReview(manager: EntityManager, row: PostImplementationReviewEntity): Promise<void> {
    await manager.getRepository(PostImplementationReviewEntity).insert(row);
  }

  findReview(id: string, manager?: EntityManager): Promise<PostImplementationReviewEntity | null> {
    return this.m(manager).getRepository(PostImplementationReviewEntity).findOneBy({ id });
  }

  async saveReview(manager: EntityManager, row: PostImplementationReviewEntity): Promise<void> {
    await manager.getRepository(PostImplementationReviewEntity).save(row);
  }

  openReviews(): Promise<PostImplementationReviewEntity[]> {
    return this.dataSource
      .getRepository(PostImplementationReviewEntity)
      .createQueryBuilder('r')
      .where('r.closed_at IS NULL')
      .orderBy('r.opened_at', 'ASC')
      .getMany();
  }
}
