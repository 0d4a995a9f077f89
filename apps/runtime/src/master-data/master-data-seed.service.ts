import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../auth/principal';
import { TransactionService } from '../database/transaction.service';
import { demoFirm } from './demo-firm.seed';
import { MasterDataRepository } from './master-data.repository';
import { MasterDataService } from './master-data.service';

@Injectable()
export class MasterDataSeedService {
  constructor(
    @Inject(MasterDataService) private readonly masterData: MasterDataService,
    @Inject(MasterDataRepository) private readonly repo: MasterDataRepository,
    @Inject(TransactionService) private readonly tx: TransactionService,
  ) {}

  /** First start only; each object goes through the same validation and authority check as a sync. */
  async seedDemoFirm(): Promise<number> {
    if ((await this.repo.count()) > 0) return 0;
    const rows = demoFirm();
    await this.tx.write(async (manager) => {
      for (const [type, write] of rows) await this.masterData.upsertIn(manager, SYSTEM_ACTOR, type, write);
    });
    return rows.length;
  }
}
