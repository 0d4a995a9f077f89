import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ExceptionsModule } from '../exceptions/exceptions.module';
import { LedgerModule } from '../ledger/ledger.module';
import { TimeEntriesController } from './time-entries.controller';
import { TimeEntriesRepository } from './time-entries.repository';
import { TimeEntriesService } from './time-entries.service';

@Module({
  imports: [AuditModule, ExceptionsModule, LedgerModule],
  controllers: [TimeEntriesController],
  providers: [TimeEntriesRepository, TimeEntriesService],
  exports: [TimeEntriesService, TimeEntriesRepository],
})
export class TimeEntriesModule {}
