import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessExceptionEntity } from './entities/business-exception.entity';

export interface ExceptionQuery {
  code?: string;
  category?: string;
  state?: string;
  legalEntity?: string;
  raisedBefore?: string;
  limit: number;
}

@Injectable()
export class ExceptionsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, row: BusinessExceptionEntity): Promise<void> {
    await manager.getRepository(BusinessExceptionEntity).insert(row);
  }

  async save(manager: EntityManager, row: BusinessExceptionEntity): Promise<void> {
    await manager.getRepository(BusinessExceptionEntity).save(row);
  }

  find(id: string, manager?: EntityManager): Promise<BusinessExceptionEntity | null> {
    return (manager ?? this.dataSource.manager).getRepository(BusinessExceptionEntity).findOneBy({ id });
  }

  list(q: ExceptionQuery): Promise<BusinessExceptionEntity[]> {
    const qb = this.dataSource.getRepository(BusinessExceptionEntity).createQueryBuilder('e');
    if (q.code) qb.andWhere('e.code = :code', { code: q.code });
    if (q.category) qb.andWhere('e.category = :category', { category: q.category });
    if (q.state) qb.andWhere('e.state = :state', { state: q.state });
    if (q.legalEntity) qb.andWhere('e.legal_entity_id = :le', { le: q.legalEntity });
    if (q.raisedBefore) qb.andWhere('e.raised_at < :before', { before: q.raisedBefore });
    return qb.orderBy('e.raised_at', 'DESC').addOrderBy('e.id', 'ASC').take(q.limit).getMany();
  }

  all(): Promise<BusinessExceptionEntity[]> {
    return this.dataSource.getRepository(BusinessExceptionEntity).find();
  }
}
