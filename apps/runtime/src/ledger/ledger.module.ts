import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MasterDataModule } from '../master-data/master-data.module';
import { LedgerController } from './ledger.controller';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';

@Module({ imports: [AuditModule, MasterDataModule], controllers: [LedgerController], providers: [LedgerRepository, LedgerService], exports: [LedgerService] })
export class LedgerModule {}
