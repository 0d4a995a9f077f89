import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuditEventEntity } from '../audit/entities/audit-event.entity';
import { SYSTEM_ACTOR } from '../auth/principal';
import { canonicalHash } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { APP_CONFIG, AppConfig } from './app-config';

/** The settings that change behaviour; the database URL is left out because it may carry a password. */
export function auditableConfig(config: AppConfig): Record<string, unknown> {
  return {
    authMode: config.authMode, oidc: config.oidc ?? null, bodyLimitBytes: config.bodyLimitBytes, maxJsonDepth: config.maxJsonDepth,
    shadowRetentionDays: config.shadowRetentionDays, shadowSampleSize: config.shadowSampleSize, database: config.databaseUrl ? 'postgres' : 'sqlite',
  };
}

/** Audits a configuration change at boot (only when it differs from the last one recorded). */
@Injectable()
export class ConfigAuditService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async recordIfChanged(): Promise<boolean> {
    const settings = auditableConfig(this.config);
    const hash = canonicalHash(settings);
    const last = await this.dataSource.getRepository(AuditEventEntity).findOne({ where: { action: 'config.applied' }, order: { seq: 'DESC' } });
    if (last?.afterHash === hash) return false;
    await requestContext.run({ correlationId: `boot-${Date.now().toString(36)}` }, () =>
      this.tx.write((manager) => this.audit.append(manager, {
        actor: SYSTEM_ACTOR, action: 'config.applied', entityType: 'config', entityId: 'runtime', beforeHash: last?.afterHash ?? null, afterHash: hash, details: settings,
      })),
    );
    return true;
  }
}
