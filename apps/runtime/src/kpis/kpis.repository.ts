import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusinessExceptionEntity } from '../exceptions/entities/business-exception.entity';
import { IntakeReceiptEntity } from '../intake/entities/intake-receipt.entity';
import { RatingSnapshotEntity } from '../ledger/entities/ledger.entities';
import { TimeEntryEntity } from '../time-entries/entities/time-entry.entities';

export interface BillingKpiFacts {
  /** Per invoiced time entry: when it was approved and when its first invoice was issued. */
  invoicedEntries: { approvedAt: string | null; invoicedAt: string }[];
  /** Subtotals of candidates waiting for review. */
  pendingReview: { amount: string; currency: string }[];
  /** Write-downs on finalised candidates, with the reviewer's reason. */
  writeOffs: { reason: string; amount: string; currency: string }[];
}

/** Read-only views over the flow's tables for the KPI dashboard. */
@Injectable()
export class KpisRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  entries(): Promise<TimeEntryEntity[]> {
    return this.dataSource.getRepository(TimeEntryEntity).find();
  }

  openExceptions(): Promise<BusinessExceptionEntity[]> {
    return this.dataSource.getRepository(BusinessExceptionEntity).findBy({ state: 'open' });
  }

  receipts(): Promise<IntakeReceiptEntity[]> {
    return this.dataSource.getRepository(IntakeReceiptEntity).find();
  }

  async latestSnapshots(): Promise<Map<string, RatingSnapshotEntity>> {
    const all = await this.dataSource.getRepository(RatingSnapshotEntity).find({ order: { entryId: 'ASC', ratingSeq: 'ASC' } });
    return new Map(all.map((s) => [s.entryId, s]));
  }

  async billing(): Promise<BillingKpiFacts> {
    const m = this.dataSource.manager;
    const invoiced = (await m.query(
      `SELECT l.entry_id, MIN(i.created_at) AS invoiced_at, MIN(t.approved_at) AS approved_at FROM invoice_links l
         JOIN invoices i ON i.id = l.invoice_id JOIN time_entries t ON t.id = l.entry_id GROUP BY l.entry_id`,
    )) as { approved_at: string | null; invoiced_at: string }[];
    const pending = (await m.query(`SELECT content FROM invoice_candidates WHERE status = 'pendingReview'`)) as { content: string }[];
    const writeOffs = (await m.query(
      `SELECT e.reason, e.amount, e.currency FROM invoice_candidate_edits e JOIN invoice_candidates c ON c.id = e.candidate_id
         WHERE e.action = 'write-down' AND c.status = 'finalised'`,
    )) as { reason: string; amount: string; currency: string }[];
    return {
      invoicedEntries: invoiced.map((r) => ({ approvedAt: r.approved_at, invoicedAt: r.invoiced_at })),
      pendingReview: pending.map((p) => (JSON.parse(p.content) as { subtotal: { amount: string; currency: string } }).subtotal),
      writeOffs,
    };
  }
}
