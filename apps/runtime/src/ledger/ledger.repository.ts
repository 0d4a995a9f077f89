import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JournalEntity, RatingSnapshotEntity } from './entities/ledger.entities';

@Injectable()
export class LedgerRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  latestSnapshot(entryId: string, manager?: EntityManager): Promise<RatingSnapshotEntity | null> {
    return this.m(manager).getRepository(RatingSnapshotEntity).findOne({ where: { entryId }, order: { ratingSeq: 'DESC' } });
  }

  snapshots(entryId: string): Promise<RatingSnapshotEntity[]> {
    return this.dataSource.getRepository(RatingSnapshotEntity).find({ where: { entryId }, order: { ratingSeq: 'ASC' } });
  }

  async insertSnapshot(manager: EntityManager, row: RatingSnapshotEntity): Promise<void> {
    await manager.getRepository(RatingSnapshotEntity).insert(row);
  }

  async insertJournal(manager: EntityManager, row: JournalEntity): Promise<void> {
    await manager.getRepository(JournalEntity).insert(row);
  }

  journalsForEntry(entryId: string): Promise<JournalEntity[]> {
    return this.dataSource.getRepository(JournalEntity).find({ where: { entryId }, order: { ratingSeq: 'ASC' } });
  }

  journals(legalEntityId?: string, period?: string): Promise<JournalEntity[]> {
    return this.dataSource.getRepository(JournalEntity).find({ where: { ...(legalEntityId ? { legalEntityId } : {}), ...(period ? { period } : {}) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Latest snapshot of every rated entry. */
  async latestSnapshots(): Promise<RatingSnapshotEntity[]> {
    const all = await this.dataSource.getRepository(RatingSnapshotEntity).find({ order: { entryId: 'ASC', ratingSeq: 'ASC' } });
    const latest = new Map<string, RatingSnapshotEntity>();
    for (const s of all) latest.set(s.entryId, s);
    return [...latest.values()];
  }
}
