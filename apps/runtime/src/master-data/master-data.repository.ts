import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MasterDataExternalRefEntity, MasterDataObjectEntity, MasterDataVersionEntity } from './entities/master-data.entities';

@Injectable()
export class MasterDataRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  find(type: string, id: string, manager?: EntityManager): Promise<MasterDataObjectEntity | null> {
    return this.m(manager).getRepository(MasterDataObjectEntity).findOneBy({ type, id });
  }

  list(type: string, legalEntityId?: string, manager?: EntityManager): Promise<MasterDataObjectEntity[]> {
    return this.m(manager).getRepository(MasterDataObjectEntity).find({ where: { type, ...(legalEntityId ? { legalEntityId } : {}) }, order: { id: 'ASC' } });
  }

  count(manager?: EntityManager): Promise<number> {
    return this.m(manager).getRepository(MasterDataObjectEntity).count();
  }

  versions(type: string, id: string): Promise<MasterDataVersionEntity[]> {
    return this.dataSource.getRepository(MasterDataVersionEntity).find({ where: { type, id }, order: { version: 'ASC' } });
  }

  findVersion(type: string, id: string, version: number): Promise<MasterDataVersionEntity | null> {
    return this.dataSource.getRepository(MasterDataVersionEntity).findOneBy({ type, id, version });
  }

  findByExternalRef(type: string, system: string, externalId: string, manager?: EntityManager): Promise<MasterDataExternalRefEntity | null> {
    return this.m(manager).getRepository(MasterDataExternalRefEntity).findOneBy({ type, system, externalId });
  }

  async save(manager: EntityManager, row: MasterDataObjectEntity, version: MasterDataVersionEntity, refs: MasterDataExternalRefEntity[]): Promise<void> {
    await manager.getRepository(MasterDataObjectEntity).save(row);
    await manager.getRepository(MasterDataVersionEntity).insert(version);
    for (const ref of refs) await manager.getRepository(MasterDataExternalRefEntity).save(ref);
  }
}
