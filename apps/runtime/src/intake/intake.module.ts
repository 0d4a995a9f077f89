import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module';
import { ExceptionsModule } from '../exceptions/exceptions.module';
import { MasterDataModule } from '../master-data/master-data.module';
import { SpecsModule } from '../specs/specs.module';
import { TimeEntriesModule } from '../time-entries/time-entries.module';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';

@Module({ imports: [SpecsModule, MasterDataModule, TimeEntriesModule, ExceptionsModule, BillingModule], controllers: [IntakeController], providers: [IntakeService] })
export class IntakeModule {}
