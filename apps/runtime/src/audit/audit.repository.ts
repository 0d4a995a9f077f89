import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEventEntity } from './entities/audit-event.entity';

export interface AuditQuery {
  entityId?: string;
  correlationId?: string;
  afterSeq?: number;
  limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async last(manager: EntityManager): Promise<AuditEventEntity | null> {
    return manager.getRepository(AuditEventEntity).findOne({ where: {}, order: { seq: 'DESC' } });
  }

  async insert(manager: EntityManager, row: AuditEventEntity): Promise<void> {
    await manager.getRepository(AuditEventEntity).insert(row);
  }

  async list(query: AuditQuery): Promise<AuditEventEntity[]> {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('a').orderBy('a.seq', 'ASC').take(query.limit);
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.correlationId) qb.andWhere('a.correlation_id = :correlationId', { correlationId: query.correlationId });
    if (query.afterSeq !== undefined) qb.andWhere('a.seq > :afterSeq', { afterSeq: query.afterSeq });
    return qb.getMany();
  }

  /** Rows in physical seq order; verify reads them all (the chain is only as strong as its full walk). */
  async all(): Promise<AuditEventEntity[]> {
    return this.dataSource.getRepository(AuditEventEntity).find({ order: { seq: 'ASC' } });
  }
}
