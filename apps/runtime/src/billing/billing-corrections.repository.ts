import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionService } from '../database/transaction.service';
import { RatingSnapshotEntity } from '../ledger/entities/ledger.entities';
import type { CandidateRow, CreditNoteRow } from './billing.repository';

export interface CancellationRow { credit_note_id: string; invoice_id: string; journal_id: string; reason: string; actor: string; at: string; correlation_id: string }
export type StoredCreditNote = CreditNoteRow & { currency: string; total: string; correlation_id: string };

/**
 * Storage for corrections after invoicing: credit-note cancellations, corrected entries and what
 * they produced, link moves and candidate recalculation. Plain SQL; `?` becomes `$n` on PostgreSQL.
 */
@Injectable()
export class BillingCorrectionsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource, @Inject(TransactionService) private readonly tx: TransactionService) {}

  private q<T>(manager: EntityManager | undefined, text: string, params: unknown[] = []): Promise<T[]> {
    let i = 0;
    const sql = this.tx.dialect === 'postgres' ? text.replace(/\?/g, () => `$${++i}`) : text;
    return (manager ?? this.dataSource.manager).query(sql, params) as Promise<T[]>;
  }

  async creditNote(id: string, manager?: EntityManager): Promise<StoredCreditNote | undefined> {
    const lock = manager && this.tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
    return (await this.q<StoredCreditNote>(manager, `SELECT * FROM credit_notes WHERE id = ?${lock}`, [id]))[0];
  }

  async cancellation(creditNoteId: string, manager?: EntityManager): Promise<CancellationRow | undefined> {
    return (await this.q<CancellationRow>(manager, 'SELECT * FROM credit_note_cancellations WHERE credit_note_id = ?', [creditNoteId]))[0];
  }

  async cancelledOf(invoiceId: string, manager?: EntityManager): Promise<Set<string>> {
    const rows = await this.q<{ credit_note_id: string }>(manager, 'SELECT credit_note_id FROM credit_note_cancellations WHERE invoice_id = ?', [invoiceId]);
    return new Set(rows.map((r) => r.credit_note_id));
  }

  async insertCancellation(manager: EntityManager, r: CancellationRow): Promise<void> {
    await this.q(manager, 'INSERT INTO credit_note_cancellations (credit_note_id, invoice_id, journal_id, reason, actor, at, correlation_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [r.credit_note_id, r.invoice_id, r.journal_id, r.reason, r.actor, r.at, r.correlation_id]);
  }

  /** Credit notes of an invoice that still stand (not cancelled). */
  async standingCreditNotes(manager: EntityManager, invoiceId: string): Promise<StoredCreditNote[]> {
    return this.q<StoredCreditNote>(manager, `SELECT n.* FROM credit_notes n WHERE n.invoice_id = ? AND NOT EXISTS (SELECT 1 FROM credit_note_cancellations c WHERE c.credit_note_id = n.id) ORDER BY n.number`, [invoiceId]);
  }

  /** The links a full credit note released, with whether each transaction is live on another invoice now. */
  releasedBy(manager: EntityManager, invoiceId: string, creditNoteId: string): Promise<{ transaction_id: string; entry_id: string }[]> {
    return this.q(manager, 'SELECT transaction_id, entry_id FROM invoice_links WHERE invoice_id = ? AND released_by = ? AND live = 0 ORDER BY transaction_id', [invoiceId, creditNoteId]);
  }

  async relink(manager: EntityManager, invoiceId: string, creditNoteId: string): Promise<void> {
    await this.q(manager, 'UPDATE invoice_links SET live = 1, released_by = NULL WHERE invoice_id = ? AND released_by = ?', [invoiceId, creditNoteId]);
  }

  /** Live links of every transaction of an entry: the invoice each is on. */
  liveLinksOfEntry(manager: EntityManager, entryId: string): Promise<{ invoice_id: string; transaction_id: string }[]> {
    return this.q(manager, 'SELECT invoice_id, transaction_id FROM invoice_links WHERE entry_id = ? AND live = 1 ORDER BY invoice_id, transaction_id', [entryId]);
  }

  /** Open candidates (pending review or approved) that propose any transaction of the entry. */
  async openCandidatesOfEntry(manager: EntityManager, legalEntityId: string, entryId: string): Promise<CandidateRow[]> {
    // LIKE narrows the rows (its wildcards can only widen the match); the parsed dispositions decide.
    const rows = await this.q<CandidateRow>(manager, `SELECT * FROM invoice_candidates WHERE legal_entity_id = ? AND status IN ('pendingReview','approved') AND dispositions LIKE ? ORDER BY id`,
      [legalEntityId, `%"bt:${entryId}:%`]);
    return rows.filter((r) => (JSON.parse(r.dispositions) as { transactionId: string }[]).some((d) => d.transactionId.startsWith(`bt:${entryId}:`)));
  }

  async replaceCandidate(manager: EntityManager, c: { id: string; status: string; content: unknown; dispositions: unknown; pendingState: unknown; now: string }): Promise<void> {
    await this.q(manager, 'UPDATE invoice_candidates SET status = ?, content = ?, dispositions = ?, pending_state = ?, updated_at = ? WHERE id = ?',
      [c.status, JSON.stringify(c.content), JSON.stringify(c.dispositions), c.pendingState === undefined ? null : JSON.stringify(c.pendingState), c.now, c.id]);
  }

  async setEntryStatus(manager: EntityManager, entryId: string, status: 'approved' | 'invoiced'): Promise<void> {
    await this.q(manager, 'UPDATE time_entries SET status = ? WHERE id = ?', [status, entryId]);
  }

  async entry(manager: EntityManager, entryId: string): Promise<{ project_id: string; status: string } | undefined> {
    return (await this.q<{ project_id: string; status: string }>(manager, 'SELECT project_id, status FROM time_entries WHERE id = ?', [entryId]))[0];
  }

  async workDate(manager: EntityManager, entryId: string): Promise<string | null> {
    return (await this.q<{ work_date: string }>(manager, 'SELECT work_date FROM time_entries WHERE id = ?', [entryId]))[0]?.work_date ?? null;
  }

  latestSnapshot(manager: EntityManager, entryId: string): Promise<RatingSnapshotEntity | null> {
    return manager.getRepository(RatingSnapshotEntity).findOne({ where: { entryId }, order: { ratingSeq: 'DESC' } });
  }

  /**
   * Moves entries between `invoiced` and `approved` with a transition row each: a full credit note
   * frees its time for the next run; cancelling the note makes it invoiced again.
   */
  async moveEntries(manager: EntityManager, entryIds: string[], from: 'invoiced' | 'approved', to: 'invoiced' | 'approved', m: { actor: string; now: string; correlationId: string; reason: string; newId: () => string }): Promise<string[]> {
    const moved: string[] = [];
    for (const id of [...new Set(entryIds)].sort()) {
      const [row] = await this.q<{ revision: number; status: string }>(manager, 'SELECT revision, status FROM time_entries WHERE id = ?', [id]);
      if (!row || row.status !== from) continue;
      await this.q(manager, 'UPDATE time_entries SET status = ?, updated_at = ? WHERE id = ?', [to, m.now, id]);
      await this.q(manager, `INSERT INTO time_entry_transitions (id, entry_id, revision, from_status, to_status, actor, via_system, reason, at, correlation_id) VALUES (?, ?, ?, ?, ?, ?, 'mapwright', ?, ?, ?)`,
        [m.newId(), id, row.revision, from, to, m.actor, m.reason, m.now, m.correlationId]);
      moved.push(id);
    }
    return moved;
  }

  async insertEntryCorrection(manager: EntityManager, r: { id: string; entryId: string; revision: number; ratingSeq: number; invoiceId: string; policy: string; creditNoteId: string; reinvoiceId: string | null; now: string; correlationId: string }): Promise<void> {
    await this.q(manager, 'INSERT INTO billing_entry_corrections (id, entry_id, revision, rating_seq, invoice_id, policy, credit_note_id, reinvoice_id, created_at, correlation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [r.id, r.entryId, r.revision, r.ratingSeq, r.invoiceId, r.policy, r.creditNoteId, r.reinvoiceId, r.now, r.correlationId]);
  }

  entryCorrections(entryId: string): Promise<{ revision: number; invoice_id: string; policy: string; credit_note_id: string; reinvoice_id: string | null }[]> {
    return this.q(undefined, 'SELECT revision, invoice_id, policy, credit_note_id, reinvoice_id FROM billing_entry_corrections WHERE entry_id = ? ORDER BY created_at, id', [entryId]);
  }
}
