import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { ExecutionEntity } from './entities/execution.entity';
import { RecordedInputEntity } from './entities/recorded-input.entity';

@Injectable()
export class ExecutionsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insertExecution(manager: EntityManager, row: ExecutionEntity): Promise<void> {
    await manager.getRepository(ExecutionEntity).insert(row);
  }

  async insertRecordedInput(manager: EntityManager, row: RecordedInputEntity): Promise<void> {
    await manager.getRepository(RecordedInputEntity).insert(row);
  }

  findExecution(id: string): Promise<ExecutionEntity | null> {
    return this.dataSource.getRepository(ExecutionEntity).findOneBy({ id });
  }

  /** Most recent unexpired recordings first. */
  recentInputs(specId: string, limit: number, now: string): Promise<RecordedInputEntity[]> {
    return this.dataSource
      .getRepository(RecordedInputEntity)
      .createQueryBuilder('r')
      .where('r.spec_id = :specId', { specId })
      .andWhere('r.expires_at > :now', { now })
      .orderBy('r.created_at', 'DESC')
      .take(limit)
      .getMany();
  }

  async purgeExpired(manager: EntityManager, now: string): Promise<number> {
    const result = await manager.getRepository(RecordedInputEntity).delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }
}
