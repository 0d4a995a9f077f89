import type { DeliveryRecord, DeliveryStore } from '@mapwright/connector-xero';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionService, constraintKind } from '../database/transaction.service';
import { MessagingRepository } from '../messaging/messaging.repository';
import { ErpDocumentEntity } from './erp-document.entity';

export interface ErpDocumentClaim {
  idempotencyKey: string;
  action: string;
  docType: string;
  docId: string;
  revision: number;
  legalEntity: string;
  tenantId: string;
  payloadHash: string;
  messageId: string;
  correlationId: string;
}

type Row = Record<string, unknown>;

function toEntity(r: Row): ErpDocumentEntity {
  return Object.assign(new ErpDocumentEntity(), {
    idempotencyKey: r.idempotency_key, action: r.action, docType: r.doc_type, docId: r.doc_id, revision: Number(r.revision),
    legalEntity: r.legal_entity, tenantId: r.tenant_id, payloadHash: r.payload_hash, state: r.state,
    erpDocumentId: r.erp_document_id ?? null, erpDocumentNumber: r.erp_document_number ?? null, errorCode: r.error_code ?? null,
    record: r.record, messageId: r.message_id, correlationId: r.correlation_id, createdAt: r.created_at, updatedAt: r.updated_at,
  });
}

/** The connector's DeliveryStore in the database: what Mapwright believes it posted survives restarts. */
@Injectable()
export class ErpDocumentStore implements DeliveryStore {
  constructor(
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(MessagingRepository) private readonly messaging: MessagingRepository,
  ) {}

  /** Registers the revision before anything is sent; answers the existing row when the key is already known. */
  async claim(c: ErpDocumentClaim): Promise<{ created: boolean; row: ErpDocumentEntity }> {
    const now = new Date().toISOString();
    try {
      await this.tx.write((m) => m.query(
        this.messaging.sql(`INSERT INTO erp_documents (idempotency_key, action, doc_type, doc_id, revision, legal_entity, tenant_id, payload_hash, state, record, message_id, correlation_id, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', '{}', ?, ?, ?, ?)`),
        [c.idempotencyKey, c.action, c.docType, c.docId, c.revision, c.legalEntity, c.tenantId, c.payloadHash, c.messageId, c.correlationId, now, now],
      ));
      return { created: true, row: (await this.find(c.idempotencyKey))! };
    } catch (err) {
      if (constraintKind(err) !== 'unique') throw err;
      return { created: false, row: (await this.find(c.idempotencyKey))! };
    }
  }

  async find(idempotencyKey: string): Promise<ErpDocumentEntity | undefined> {
    const rows = (await this.tx.manager.query(this.messaging.sql('SELECT * FROM erp_documents WHERE idempotency_key = ?'), [idempotencyKey])) as Row[];
    return rows[0] ? toEntity(rows[0]) : undefined;
  }

  async list(filter: { legalEntity?: string; state?: string; limit?: number } = {}): Promise<ErpDocumentEntity[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.legalEntity) {
      where.push('legal_entity = ?');
      params.push(filter.legalEntity);
    }
    if (filter.state) {
      where.push('state = ?');
      params.push(filter.state);
    }
    params.push(filter.limit ?? 10_000);
    const rows = (await this.tx.manager.query(
      this.messaging.sql(`SELECT * FROM erp_documents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at LIMIT ?`), params,
    )) as Row[];
    return rows.map(toEntity);
  }

  async get(idempotencyKey: string): Promise<DeliveryRecord | undefined> {
    const row = await this.find(idempotencyKey);
    if (!row || row.record === '{}') return undefined;
    return JSON.parse(row.record) as DeliveryRecord;
  }

  async put(record: DeliveryRecord): Promise<void> {
    await this.tx.write((m) => m.query(
      this.messaging.sql(`UPDATE erp_documents SET state = ?, erp_document_id = ?, erp_document_number = ?, error_code = ?, record = ?, updated_at = ? WHERE idempotency_key = ?`),
      [record.state, record.erpDocumentId ?? null, record.erpDocumentNumber ?? null, record.error?.code ?? null, JSON.stringify(record), new Date().toISOString(), record.idempotencyKey],
    ));
  }
}
