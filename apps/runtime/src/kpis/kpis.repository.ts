import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusinessExceptionEntity } from '../exceptions/entities/business-exception.entity';
import { IntakeReceiptEntity } from '../intake/entities/intake-receipt.entity';
import { RatingSnapshotEntity } from '../ledger/entities/ledger.entities';
import { TimeEntryEntity } from '../time-entries/entities/time-entry.entities';

/** Read-only views over the flow's tables for the KPI dashboard. */
@Injectable()
export class KpisRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  entries(): Promise<TimeEntryEntity[]> {
    return this.dataSource.getRepository(TimeEntryEntity).find();
  }

  openExceptions(): Promise<BusinessExceptionEntity[]> {
    return this.dataSource.getRepository(BusinessExceptionEntity).findBy({ state: 'open' });
  }

  receipts(): Promise<IntakeReceiptEntity[]> {
    return this.dataSource.getRepository(IntakeReceiptEntity).find();
  }

  async latestSnapshots(): Promise<Map<string, RatingSnapshotEntity>> {
    const all = await this.dataSource.getRepository(RatingSnapshotEntity).find({ order: { entryId: 'ASC', ratingSeq: 'ASC' } });
    return new Map(all.map((s) => [s.entryId, s]));
  }
}
