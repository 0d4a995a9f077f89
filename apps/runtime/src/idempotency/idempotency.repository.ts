import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { constraintKind } from '../database/transaction.service';
import { IdempotencyRecordEntity } from './entities/idempotency-record.entity';

@Injectable()
export class IdempotencyRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(IdempotencyRecordEntity);
  }

  find(scope: string): Promise<IdempotencyRecordEntity | null> {
    return this.repo.findOneBy({ scope });
  }

  /** The primary key makes the claim atomic: false when another request holds the key. */
  async claim(scope: string, requestHash: string): Promise<boolean> {
    try {
      await this.repo.insert({ scope, requestHash, state: 'IN_PROGRESS', responseStatus: null, responseBody: null, createdAt: new Date().toISOString() });
      return true;
    } catch (err) {
      if (constraintKind(err) === 'unique') return false;
      throw err;
    }
  }

  async complete(scope: string, status: number, body: string): Promise<void> {
    await this.repo.update({ scope }, { state: 'DONE', responseStatus: status, responseBody: body });
  }

  async release(scope: string): Promise<void> {
    await this.repo.delete({ scope });
  }
}
