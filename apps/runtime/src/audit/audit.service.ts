import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { canonicalJson } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { ChainVerdict, GENESIS_HASH, hashAuditRow, verifyChain } from './audit-chain';
import { AuditQuery, AuditRepository } from './audit.repository';
import { AuditEventEntity } from './entities/audit-event.entity';

export interface AuditInput {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  beforeHash?: string | null;
  afterHash?: string | null;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(
    @Inject(AuditRepository) private readonly repo: AuditRepository,
    @Inject(TransactionService) private readonly tx: TransactionService,
  ) {}

  /**
   * Appends inside the caller's transaction, so the audit row commits with the change it records.
   * The lock serialises appends so two writers can never chain onto the same previous row.
   */
  async append(manager: EntityManager, input: AuditInput): Promise<AuditEventEntity> {
    await this.tx.lock(manager, 'audit_events.append');
    const last = await this.repo.last(manager);
    const row = new AuditEventEntity();
    Object.assign(row, {
      seq: (last?.seq ?? 0) + 1,
      at: new Date().toISOString(),
      actor: input.actor,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      correlationId: requestContext.correlationId(),
      beforeHash: input.beforeHash ?? null,
      afterHash: input.afterHash ?? null,
      details: canonicalJson(input.details ?? {}),
      prevHash: last?.hash ?? GENESIS_HASH,
    });
    row.hash = hashAuditRow(row);
    await this.repo.insert(manager, row);
    return row;
  }

  list(query: AuditQuery): Promise<AuditEventEntity[]> {
    return this.repo.list(query);
  }

  async verify(): Promise<ChainVerdict> {
    return verifyChain(await this.repo.all());
  }
}
