import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { TransactionService } from '../database/transaction.service';
import { ErpDocumentStore } from '../erp-delivery/erp-document.store';
import { ExceptionsService } from '../exceptions/exceptions.service';
import { ROUTING_SPEC_ID } from '../mapping/catalog-import.service';
import { SpecsRepository } from '../specs/specs.repository';
import { XeroClientProvider } from '../erp-delivery/xero-client.provider';
import { MessageDispatcher } from '../messaging/message-dispatcher.service';
import { MessagingRepository } from '../messaging/messaging.repository';
import { OutboxService } from '../messaging/outbox.service';
import { WorkerService } from './worker.service';

export interface DeadLetterFilter {
  type?: string;
  legalEntity?: string;
  consumer?: string;
  code?: string;
  ids?: string[];
}

type Row = Record<string, unknown>;

const COLLECTIONS: Record<string, { collection: 'Invoices' | 'CreditNotes'; field: 'InvoiceNumber' | 'CreditNoteNumber'; type: string; idField: string }> = {
  invoice: { collection: 'Invoices', field: 'InvoiceNumber', type: 'ACCREC', idField: 'InvoiceID' },
  creditNote: { collection: 'CreditNotes', field: 'CreditNoteNumber', type: 'ACCRECCREDIT', idField: 'CreditNoteID' },
};

interface ReconcileItem {
  idempotencyKey: string | null;
  docType: string;
  docId: string | null;
  state: string | null;
  erpDocumentId: string | null;
  verdict: string;
  erpMatches?: number;
  tenantId?: string;
  erpDocumentNumber?: string | null;
}

function deadLetterView(r: Row) {
  return {
    id: r.id, messageId: r.message_id, consumer: r.consumer, type: r.type, legalEntity: r.legal_entity, partitionKey: r.partition_key,
    payload: JSON.parse(String(r.payload)), correlationId: r.correlation_id, failures: JSON.parse(String(r.failures)), status: r.status,
    replayMessageId: r.replay_message_id ?? null, createdAt: r.created_at, replayedAt: r.replayed_at ?? null, replayedBy: r.replayed_by ?? null,
    exceptionId: r.exception_id ?? null,
  };
}

/** Dead letters, replay, partition pauses, in-flight work and ERP reconciliation for finance operators. */
@Injectable()
export class OperationsService implements OnModuleInit {
  constructor(
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(MessagingRepository) private readonly repo: MessagingRepository,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MessageDispatcher) private readonly dispatcher: MessageDispatcher,
    @Inject(WorkerService) private readonly workers: WorkerService,
    @Inject(ErpDocumentStore) private readonly documents: ErpDocumentStore,
    @Inject(XeroClientProvider) private readonly xero: XeroClientProvider,
    @Inject(ExceptionsService) private readonly exceptions: ExceptionsService,
    @Inject(SpecsRepository) private readonly specsRepo: SpecsRepository,
  ) {}

  /** Dead letters are `delivery` exceptions: retry replays the dead letter, resolve closes it. */
  onModuleInit(): void {
    this.exceptions.registerRetryHandler('delivery', async (exception, actor) => {
      const row = await this.deadLetterOf(exception.id);
      if (row.status !== 'OPEN') return { ok: false, outcome: { deadLetterId: row.id, status: row.status, replayMessageId: row.replay_message_id ?? null } };
      const [replayed] = await this.replay(actor, [row], { fromException: true });
      return replayed ? { ok: true, outcome: replayed } : { ok: false, outcome: { deadLetterId: row.id, status: 'REPLAYED' } };
    });
    this.exceptions.registerResolveHandler('delivery', async (manager, exception, actor) => {
      await manager.query(this.repo.sql(`UPDATE dead_letters SET status = 'RESOLVED', replayed_at = ?, replayed_by = ? WHERE exception_id = ? AND status = 'OPEN'`),
        [new Date().toISOString(), actor, exception.id]);
    });
  }

  private async deadLetterOf(exceptionId: string): Promise<Row> {
    const [row] = (await this.tx.manager.query(this.repo.sql('SELECT * FROM dead_letters WHERE exception_id = ?'), [exceptionId])) as Row[];
    if (!row) throw new AppError('DEAD_LETTER_NOT_FOUND', `Exception ${exceptionId} has no dead letter behind it.`);
    return row;
  }

  async listDeadLetters(filter: DeadLetterFilter & { status?: string }) {
    const { where, params } = this.where({ ...filter, status: filter.status });
    const rows = (await this.tx.manager.query(this.repo.sql(`SELECT * FROM dead_letters ${where} ORDER BY created_at LIMIT 1000`), params)) as Row[];
    return rows.map(deadLetterView);
  }

  async replayOne(principal: Principal, id: string) {
    const [row] = (await this.tx.manager.query(this.repo.sql('SELECT * FROM dead_letters WHERE id = ?'), [id])) as Row[];
    if (!row) throw new AppError('DEAD_LETTER_NOT_FOUND', `No dead letter ${id}; list them with GET /api/v1/operations/dead-letters.`);
    if (row.status === 'RESOLVED') throw new AppError('INVALID_TRANSITION', `Dead letter ${id} was resolved by ${String(row.replayed_by)} in the exception queue; it is closed.`);
    if (row.status !== 'OPEN') throw new AppError('DEAD_LETTER_ALREADY_REPLAYED', `Dead letter ${id} was already replayed as message ${String(row.replay_message_id)}.`);
    const [replayed] = await this.replay(principal.name, [row]);
    return replayed;
  }

  /** Replays every OPEN dead letter matching the filter; each becomes a new message with the original correlation id. */
  async replayMatching(principal: Principal, filter: DeadLetterFilter) {
    const { where, params } = this.where({ ...filter, status: 'OPEN' });
    const rows = (await this.tx.manager.query(this.repo.sql(`SELECT * FROM dead_letters ${where} ORDER BY created_at LIMIT 1000`), params)) as Row[];
    return { replayed: await this.replay(principal.name, rows) };
  }

  /**
   * New outbox messages for open dead letters. Replayed from the operations endpoints, the linked
   * exception is closed as retried in the same transaction; replayed from the exception queue, the
   * queue closes it itself.
   */
  private async replay(actor: string, rows: Row[], options: { fromException?: boolean } = {}) {
    const out: { deadLetterId: string; messageId: string; correlationId: string }[] = [];
    await this.tx.write(async (m: EntityManager) => {
      for (const row of rows) {
        // Claimed with a guarded update so two operators replaying at once produce one new message.
        const claimed = (await m.query(this.repo.sql(`UPDATE dead_letters SET status = 'REPLAYED', replayed_at = ?, replayed_by = ? WHERE id = ? AND status = 'OPEN' RETURNING id`),
          [new Date().toISOString(), actor, row.id])) as unknown;
        const n = Array.isArray(claimed) && claimed.length === 2 && typeof claimed[1] === 'number' ? (claimed[0] as Row[]).length : (claimed as Row[]).length;
        if (n === 0) continue;
        const msg = await this.outbox.enqueue(m, {
          type: String(row.type), partitionKey: String(row.partition_key), legalEntity: String(row.legal_entity),
          payload: JSON.parse(String(row.payload)) as Record<string, unknown>, correlationId: String(row.correlation_id),
        }, { replayOf: String(row.message_id) });
        await m.query(this.repo.sql('UPDATE dead_letters SET replay_message_id = ? WHERE id = ?'), [msg.id, row.id]);
        if (row.exception_id && !options.fromException) {
          await this.exceptions.markRetried(m, String(row.exception_id), actor, { deadLetterId: row.id, replayMessageId: msg.id });
        }
        await this.audit.append(m, {
          actor, action: 'deadLetter.replayed', entityType: 'dead_letter', entityId: String(row.id),
          details: { originalMessageId: row.message_id, replayMessageId: msg.id, correlationId: row.correlation_id },
        });
        out.push({ deadLetterId: String(row.id), messageId: msg.id, correlationId: String(row.correlation_id) });
      }
    });
    this.workers.relay.nudge();
    return out;
  }

  async pause(principal: Principal, partitionKey: string, reason: string) {
    await this.tx.write(async (m) => {
      const existing = (await m.query(this.repo.sql('SELECT 1 AS x FROM partition_pauses WHERE partition_key = ?'), [partitionKey])) as Row[];
      if (existing.length > 0) return;
      await m.query(this.repo.sql('INSERT INTO partition_pauses (partition_key, paused_by, reason, paused_at) VALUES (?, ?, ?, ?)'), [partitionKey, principal.name, reason, new Date().toISOString()]);
      await this.audit.append(m, { actor: principal.name, action: 'partition.paused', entityType: 'partition', entityId: partitionKey, details: { reason } });
    });
    return { partitionKey, paused: true };
  }

  async resume(principal: Principal, partitionKey: string) {
    await this.tx.write(async (m) => {
      await m.query(this.repo.sql('DELETE FROM partition_pauses WHERE partition_key = ?'), [partitionKey]);
      await this.audit.append(m, { actor: principal.name, action: 'partition.resumed', entityType: 'partition', entityId: partitionKey });
    });
    this.workers.relay.nudge();
    return { partitionKey, paused: false };
  }

  /** Work not finished yet, from the database (all processes) and this process's dispatcher. */
  async inFlight() {
    const rows = (await this.tx.manager.query(
      `SELECT partition_key, type, status, count(*) AS n, min(created_at) AS oldest FROM outbox_messages WHERE status IN ('PENDING','PUBLISHED') GROUP BY partition_key, type, status ORDER BY oldest LIMIT 500`,
    )) as Row[];
    const paused = (await this.tx.manager.query('SELECT partition_key, paused_by, reason, paused_at FROM partition_pauses')) as Row[];
    return {
      transport: this.workers.activeTransport?.kind ?? null,
      roles: this.workers.roles,
      outbox: await this.repo.countByStatus(),
      partitions: rows.map((r) => ({ partitionKey: r.partition_key, type: r.type, status: r.status, count: Number(r.n), oldest: r.oldest })),
      paused: paused.map((r) => ({ partitionKey: r.partition_key, pausedBy: r.paused_by, reason: r.reason, pausedAt: r.paused_at })),
      processing: this.dispatcher.inFlightPartitions(),
      stats: this.dispatcher.stats,
    };
  }

  /**
   * Compares what Mapwright believes it posted with what the ERP holds, document by document, and
   * lists the sales documents the ERP holds that Mapwright has no record of (`erp-only`): posted by
   * hand, by another integration, or left behind by a restored database.
   */
  async reconcile(legalEntity?: string, limit = 200) {
    const docs = await this.documents.list({ legalEntity, limit });
    const connector = await this.xero.get();
    const items: ReconcileItem[] = [];
    for (const d of docs) {
      const lookup = COLLECTIONS[d.docType];
      if (d.state !== 'CONFIRMED') {
        items.push({ idempotencyKey: d.idempotencyKey, docType: d.docType, docId: d.docId, state: d.state, erpDocumentId: d.erpDocumentId, verdict: 'not-posted' });
        continue;
      }
      if (!lookup || !d.erpDocumentNumber) {
        items.push({ idempotencyKey: d.idempotencyKey, docType: d.docType, docId: d.docId, state: d.state, erpDocumentId: d.erpDocumentId, verdict: 'unchecked' });
        continue;
      }
      const found = await connector.findByReference(d.tenantId, { collection: lookup.collection, field: lookup.field, value: d.erpDocumentNumber });
      const ids = found.map((f) => String(f.InvoiceID ?? f.CreditNoteID ?? ''));
      const verdict = ids.length === 0 ? 'missing-in-erp' : ids.length > 1 ? 'duplicated-in-erp' : ids[0] === d.erpDocumentId ? 'matched' : 'id-mismatch';
      items.push({ idempotencyKey: d.idempotencyKey, docType: d.docType, docId: d.docId, state: d.state, erpDocumentId: d.erpDocumentId, verdict, erpMatches: ids.length });
    }
    for (const tenantId of await this.tenantsFor(legalEntity, docs.map((d) => d.tenantId))) {
      const known = new Set(((await this.tx.manager.query(this.repo.sql('SELECT erp_document_id FROM erp_documents WHERE tenant_id = ? AND erp_document_id IS NOT NULL'), [tenantId])) as Row[])
        .map((r) => String(r.erp_document_id)));
      for (const [docType, c] of Object.entries(COLLECTIONS)) {
        for (const doc of await connector.findByReference(tenantId, { collection: c.collection, field: 'Type', value: c.type })) {
          const erpDocumentId = String(doc[c.idField] ?? '');
          if (known.has(erpDocumentId)) continue;
          items.push({ idempotencyKey: null, docType, docId: null, state: null, erpDocumentId, verdict: 'erp-only', tenantId, erpDocumentNumber: (doc[c.field] as string | undefined) ?? null });
        }
      }
    }
    const count = (v: string) => items.filter((i) => i.verdict === v).length;
    return {
      summary: {
        checked: docs.length, matched: count('matched'), missingInErp: count('missing-in-erp'), duplicatedInErp: count('duplicated-in-erp'), idMismatch: count('id-mismatch'),
        notPosted: count('not-posted'), unchecked: count('unchecked'), erpOnly: count('erp-only'),
      },
      items: items.filter((i) => i.verdict !== 'matched'),
    };
  }

  /** Tenants to search for ERP-only documents: those Mapwright posted to, and those the published routing rules send the entity to. */
  private async tenantsFor(legalEntity: string | undefined, posted: string[]): Promise<string[]> {
    const [published] = await this.specsRepo.findByStatus('PUBLISHED', ROUTING_SPEC_ID);
    const rules = published ? ((JSON.parse(published.content) as { data?: { destination?: { system?: string; tenantId?: string; legalEntity?: string } }[] }).data ?? []) : [];
    const routed = rules.map((r) => r.destination)
      .filter((d) => d?.system === 'xero' && typeof d.tenantId === 'string' && (!legalEntity || d.legalEntity === legalEntity))
      .map((d) => d!.tenantId as string);
    return [...new Set([...posted, ...routed])];
  }

  private where(f: DeadLetterFilter & { status?: string }) {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => (clauses.push(sql), params.push(v));
    if (f.status) add('status = ?', f.status);
    if (f.type) add('type = ?', f.type);
    if (f.legalEntity) add('legal_entity = ?', f.legalEntity);
    if (f.consumer) add('consumer = ?', f.consumer);
    if (f.code) add('failures LIKE ?', `%"code":"${f.code.replace(/[%"\\]/g, '')}"%`);
    if (f.ids && f.ids.length > 0) {
      clauses.push(`id IN (${f.ids.map(() => '?').join(',')})`);
      params.push(...f.ids);
    }
    return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }
}
