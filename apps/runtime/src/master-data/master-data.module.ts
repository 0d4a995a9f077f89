import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ExceptionsModule } from '../exceptions/exceptions.module';
import { SpecsModule } from '../specs/specs.module';
import { InboundMasterDataController } from './inbound-master-data.controller';
import { InboundMasterDataService } from './inbound-master-data.service';
import { MasterDataSeedService } from './master-data-seed.service';
import { MasterDataController } from './master-data.controller';
import { MasterDataRepository } from './master-data.repository';
import { MasterDataService } from './master-data.service';

@Module({
  imports: [AuditModule, SpecsModule, ExceptionsModule],
  controllers: [MasterDataController, InboundMasterDataController],
  providers: [MasterDataRepository, MasterDataService, MasterDataSeedService, InboundMasterDataService],
  exports: [MasterDataService, MasterDataSeedService],
})
export class MasterDataModule {}
