import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TimeEntryEntity, TimeEntryRevisionEntity, TimeEntryTransitionEntity } from './entities/time-entry.entities';

@Injectable()
export class TimeEntriesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  find(id: string, manager?: EntityManager): Promise<TimeEntryEntity | null> {
    return this.m(manager).getRepository(TimeEntryEntity).findOneBy({ id });
  }

  findBySource(sourceSystem: string, externalId: string, manager?: EntityManager): Promise<TimeEntryEntity | null> {
    return this.m(manager).getRepository(TimeEntryEntity).findOneBy({ sourceSystem, externalId });
  }

  /** The employee's entries with work dates in [from, to). */
  between(employeeId: string, from: string, to: string, manager?: EntityManager): Promise<TimeEntryEntity[]> {
    return this.m(manager).getRepository(TimeEntryEntity).createQueryBuilder('t')
      .where('t.employee_id = :employeeId', { employeeId }).andWhere('t.work_date >= :from', { from }).andWhere('t.work_date < :to', { to })
      .orderBy('t.id', 'ASC').getMany();
  }

  async save(manager: EntityManager, row: TimeEntryEntity): Promise<void> {
    await manager.getRepository(TimeEntryEntity).save(row);
  }

  async insertRevision(manager: EntityManager, row: TimeEntryRevisionEntity): Promise<void> {
    await manager.getRepository(TimeEntryRevisionEntity).insert(row);
  }

  async insertTransition(manager: EntityManager, row: TimeEntryTransitionEntity): Promise<void> {
    await manager.getRepository(TimeEntryTransitionEntity).insert(row);
  }

  revisions(entryId: string): Promise<TimeEntryRevisionEntity[]> {
    return this.dataSource.getRepository(TimeEntryRevisionEntity).find({ where: { entryId }, order: { revision: 'ASC' } });
  }

  transitions(entryId: string): Promise<TimeEntryTransitionEntity[]> {
    return this.dataSource.getRepository(TimeEntryTransitionEntity).find({ where: { entryId }, order: { at: 'ASC', id: 'ASC' } });
  }

  all(): Promise<TimeEntryEntity[]> {
    return this.dataSource.getRepository(TimeEntryEntity).find();
  }
}
