import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { TransactionService } from '../database/transaction.service';
import { PINO_LOGGER } from '../logging/app-logger';
import { ExecutionsRepository } from './executions.repository';

const HOUR_MS = 3600 * 1000;

/** Deletes recorded production inputs past SHADOW_RETENTION_DAYS at start and hourly after. */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(ExecutionsRepository) private readonly repo: ExecutionsRepository,
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async purge(now = new Date()): Promise<number> {
    const removed = await this.tx.write((m) => this.repo.purgeExpired(m, now.toISOString()));
    if (removed > 0) this.logger.info({ removed }, 'expired recorded inputs purged');
    return removed;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.purge();
    this.timer = setInterval(() => {
      this.purge().catch((err: unknown) => this.logger.error({ err }, 'retention purge failed'));
    }, HOUR_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
