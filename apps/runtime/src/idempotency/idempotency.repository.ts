import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { constraintKind, TransactionService } from '../database/transaction.service';
import { IdempotencyRecordEntity } from './entities/idempotency-record.entity';

@Injectable()
export class IdempotencyRepository {
  // Writes go through the transaction service so, on SQLite, they never join another request's open transaction.
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly tx: TransactionService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(IdempotencyRecordEntity);
  }

  find(scope: string): Promise<IdempotencyRecordEntity | null> {
    return this.repo.findOneBy({ scope });
  }

  /** The primary key makes the claim atomic: false when another request holds the key. */
  async claim(scope: string, requestHash: string): Promise<boolean> {
    try {
      await this.tx.write((m) => m.getRepository(IdempotencyRecordEntity).insert({ scope, requestHash, state: 'IN_PROGRESS', responseStatus: null, responseBody: null, createdAt: new Date().toISOString() }));
      return true;
    } catch (err) {
      if (constraintKind(err) === 'unique') return false;
      throw err;
    }
  }

  async complete(scope: string, status: number, body: string): Promise<void> {
    await this.tx.write((m) => m.getRepository(IdempotencyRecordEntity).update({ scope }, { state: 'DONE', responseStatus: status, responseBody: body }));
  }

  async release(scope: string): Promise<void> {
    await this.tx.write((m) => m.getRepository(IdempotencyRecordEntity).delete({ scope }));
  }
}
