import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CatalogImportService } from '../mapping/catalog-import.service';
import { EvidenceService } from './evidence.service';
import { LifecycleService } from './lifecycle.service';
import { SpecsController } from './specs.controller';
import { SpecsRepository } from './specs.repository';
import { SpecsService } from './specs.service';

@Module({
  imports: [AuditModule],
  controllers: [SpecsController],
  providers: [SpecsRepository, SpecsService, LifecycleService, EvidenceService, CatalogImportService],
  exports: [SpecsRepository, SpecsService, LifecycleService, CatalogImportService],
})
export class SpecsModule {}
