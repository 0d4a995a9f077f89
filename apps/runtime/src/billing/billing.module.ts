import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ExceptionsModule } from '../exceptions/exceptions.module';
import { MasterDataModule } from '../master-data/master-data.module';
import { MessagingModule } from '../messaging/messaging.module';
import { TimeEntriesModule } from '../time-entries/time-entries.module';
import { BillingController } from './billing.controller';
import { BillingRepository } from './billing.repository';
import { BillingCorrectionsRepository } from './billing-corrections.repository';
import { BillingFindingsService } from './billing-findings.service';
import { BillingFxService } from './billing-fx.service';
import { CreditNotesService } from './credit-notes.service';
import { EntryCorrectionsService } from './entry-corrections.service';
import { BillingRunService } from './billing-run.service';
import { InvoiceCandidatesService } from './invoice-candidates.service';
import { InvoicesService } from './invoices.service';

@Module({
  imports: [AuditModule, ExceptionsModule, MasterDataModule, MessagingModule, TimeEntriesModule],
  controllers: [BillingController],
  providers: [BillingRepository, BillingRunService, InvoiceCandidatesService, InvoicesService, BillingCorrectionsRepository, CreditNotesService, EntryCorrectionsService, BillingFindingsService, BillingFxService],
  exports: [EntryCorrectionsService],
})
export class BillingModule {}
