import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MasterDataSeedService } from './master-data-seed.service';
import { MasterDataController } from './master-data.controller';
import { MasterDataRepository } from './master-data.repository';
import { MasterDataService } from './master-data.service';

@Module({
  imports: [AuditModule],
  controllers: [MasterDataController],
  providers: [MasterDataRepository, MasterDataService, MasterDataSeedService],
  exports: [MasterDataService, MasterDataSeedService],
})
export class MasterDataModule {}
