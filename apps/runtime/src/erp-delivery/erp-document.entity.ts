import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ErpDocumentState = 'PENDING' | 'SENT' | 'CONFIRMED' | 'REJECTED';

/** What Mapwright believes it posted to the ERP, one row per idempotency key (document revision). */
@Entity('erp_documents')
export class ErpDocumentEntity {
  @PrimaryColumn({ type: 'varchar', length: 200, name: 'idempotency_key' })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 40 })
  action!: string;

  @Column({ type: 'varchar', length: 40, name: 'doc_type' })
  docType!: string;

  @Column({ type: 'varchar', length: 200, name: 'doc_id' })
  docId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'varchar', length: 100, name: 'legal_entity' })
  legalEntity!: string;

  @Column({ type: 'varchar', length: 100, name: 'tenant_id' })
  tenantId!: string;

  /** sha256 of the mapped payload; a different payload under the same key is a conflict, never a second document. */
  @Column({ type: 'varchar', length: 64, name: 'payload_hash' })
  payloadHash!: string;

  @Column({ type: 'varchar', length: 12 })
  state!: ErpDocumentState;

  @Column({ type: 'varchar', length: 100, name: 'erp_document_id', nullable: true })
  erpDocumentId!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'erp_document_number', nullable: true })
  erpDocumentNumber!: string | null;

  @Column({ type: 'varchar', length: 60, name: 'error_code', nullable: true })
  errorCode!: string | null;

  /** The connector's DeliveryRecord as JSON (attempts, look-ups, transitions). */
  @Column({ type: 'text' })
  record!: string;

  @Column({ type: 'varchar', length: 36, name: 'message_id' })
  messageId!: string;

  @Column({ type: 'varchar', length: 100, name: 'correlation_id' })
  correlationId!: string;

  @Column({ type: 'varchar', length: 40, name: 'created_at' })
  createdAt!: string;

  @Column({ type: 'varchar', length: 40, name: 'updated_at' })
  updatedAt!: string;
}
