import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { constraintKind, TransactionService } from '../database/transaction.service';
import { JournalEntity, RatingSnapshotEntity } from '../ledger/entities/ledger.entities';
import { TimeEntryEntity } from '../time-entries/entities/time-entry.entities';

export interface CandidateRow {
  id: string; run_id: string; legal_entity_id: string; contract_id: string; status: string; content: string;
  pending_state: string | null; dispositions: string; created_at: string; updated_at: string;
}
export interface InvoiceRow {
  id: string; legal_entity_id: string; number: string; candidate_id: string | null; contract_id: string; customer_id: string; currency: string;
  total: string; issue_date: string; status: string; content: string; journal_id: string; approved_at: string | null; created_at: string; correlation_id: string;
}
export interface CreditNoteRow { id: string; legal_entity_id: string; number: string; invoice_id: string; kind: string; content: string; journal_id: string; created_at: string }
export interface SeriesRow { prefix: string; width: number; last_number: number }
export interface MasterDataRow { id: string; version: number; content: string }
export interface RatedEntryRow { id: string; project_id: string; snapshot: string }

/** IN lists and multi-row inserts stay well under both drivers' bound-parameter limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Billing storage in plain SQL; `?` placeholders become `$n` on PostgreSQL. */
@Injectable()
export class BillingRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource, @Inject(TransactionService) private readonly tx: TransactionService) {}

  private sql(text: string): string {
    if (this.tx.dialect !== 'postgres') return text;
    let i = 0;
    return text.replace(/\?/g, () => `$${++i}`);
  }

  private q<T>(manager: EntityManager | undefined, text: string, params: unknown[] = []): Promise<T[]> {
    return (manager ?? this.dataSource.manager).query(this.sql(text), params) as Promise<T[]>;
  }

  /** Approved, billable entries of a legal entity with their latest snapshot; invoiced ones are excluded. */
  async approvedEntries(manager: EntityManager, legalEntityId: string, periodEnd: string): Promise<{ entry: TimeEntryEntity; snapshot: RatingSnapshotEntity }[]> {
    const entries = await manager.getRepository(TimeEntryEntity).find({ where: { legalEntityId, status: 'approved', billable: 1 }, order: { workDate: 'ASC', id: 'ASC' } });
    const out: { entry: TimeEntryEntity; snapshot: RatingSnapshotEntity }[] = [];
    for (const entry of entries.filter((e) => e.workDate <= periodEnd)) {
      const snapshot = await manager.getRepository(RatingSnapshotEntity).findOne({ where: { entryId: entry.id }, order: { ratingSeq: 'DESC' } });
      if (snapshot) out.push({ entry, snapshot });
    }
    return out;
  }

  /**
   * The billable work of a legal entity, per project: approved, billable entries dated up to the period
   * end, counted so a run can cut its batches by size before it loads any snapshot.
   */
  async billableEntryCounts(manager: EntityManager, legalEntityId: string, periodEnd: string): Promise<Map<string, number>> {
    const rows = await this.q<{ project_id: string; n: number | string }>(manager,
      `SELECT project_id, COUNT(*) AS n FROM time_entries WHERE legal_entity_id = ? AND status = 'approved' AND billable = 1 AND work_date <= ? GROUP BY project_id`, [legalEntityId, periodEnd]);
    return new Map(rows.map((r) => [r.project_id, Number(r.n)]));
  }

  /** Current master-data rows of one type by id, a chunk per statement instead of one lookup per id. */
  async masterDataByIds(manager: EntityManager, type: string, ids: readonly string[]): Promise<Map<string, MasterDataRow>> {
    const out = new Map<string, MasterDataRow>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.q<MasterDataRow>(manager, `SELECT id, version, content FROM md_objects WHERE type = ? AND id IN (${marks(part.length)})`, [type, ...part]);
      for (const r of rows) out.set(r.id, { id: r.id, version: Number(r.version), content: r.content });
    }
    return out;
  }

  /** The contracts of a legal entity, in id order. */
  contractsOf(manager: EntityManager, legalEntityId: string): Promise<MasterDataRow[]> {
    return this.q<MasterDataRow>(manager, `SELECT id, version, content FROM md_objects WHERE type = 'contract' AND legal_entity_id = ? ORDER BY id`, [legalEntityId]);
  }

  private billableFilter(projectIds: readonly string[]): string {
    return `e.legal_entity_id = ? AND e.status = 'approved' AND e.billable = 1 AND e.work_date <= ? AND e.project_id IN (${marks(projectIds.length)})`;
  }

  /**
   * Approved, billable entries of some projects with their latest snapshot, in work-date order (the
   * order billers draw allowances and caps in). Invoiced entries are excluded by their status.
   */
  async ratedEntriesOfProjects(manager: EntityManager, legalEntityId: string, periodEnd: string, projectIds: readonly string[]): Promise<RatedEntryRow[]> {
    if (projectIds.length === 0) return [];
    return this.q<RatedEntryRow>(manager, `SELECT e.id, e.project_id, s.snapshot FROM time_entries e
      JOIN rating_snapshots s ON s.entry_id = e.id AND s.rating_seq = (SELECT MAX(r.rating_seq) FROM rating_snapshots r WHERE r.entry_id = e.id)
      WHERE ${this.billableFilter(projectIds)} ORDER BY e.work_date, e.id`, [legalEntityId, periodEnd, ...projectIds]);
  }

  /** Transactions of those same entries that are on a live invoice, found through the entry index. */
  async liveTransactionsOfProjects(manager: EntityManager, legalEntityId: string, periodEnd: string, projectIds: readonly string[]): Promise<Set<string>> {
    if (projectIds.length === 0) return new Set();
    const rows = await this.q<{ transaction_id: string }>(manager, `SELECT l.transaction_id FROM invoice_links l JOIN time_entries e ON e.id = l.entry_id
      WHERE l.live = 1 AND ${this.billableFilter(projectIds)}`, [legalEntityId, periodEnd, ...projectIds]);
    return new Set(rows.map((r) => r.transaction_id));
  }

  /** Transactions already proposed on an open (`pendingReview` or `approved`) candidate of these contracts. */
  async openCandidateTransactions(manager: EntityManager, legalEntityId: string, contractIds: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks(contractIds)) {
      const rows = await this.q<{ dispositions: string }>(manager,
        `SELECT dispositions FROM invoice_candidates WHERE legal_entity_id = ? AND status IN ('pendingReview','approved') AND contract_id IN (${marks(part.length)})`, [legalEntityId, ...part]);
      for (const row of rows) for (const d of JSON.parse(row.dispositions) as { transactionId: string }[]) out.add(d.transactionId);
    }
    return out;
  }

  async liveLinks(manager: EntityManager | undefined, transactionIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks(transactionIds)) {
      const rows = await this.q<{ transaction_id: string; invoice_id: string }>(manager, `SELECT transaction_id, invoice_id FROM invoice_links WHERE live = 1 AND transaction_id IN (${marks(part.length)})`, part);
      for (const r of rows) out.set(r.transaction_id, r.invoice_id);
    }
    return out;
  }

  openCandidates(manager: EntityManager, legalEntityId: string): Promise<CandidateRow[]> {
    return this.q<CandidateRow>(manager, `SELECT * FROM invoice_candidates WHERE legal_entity_id = ? AND status IN ('pendingReview','approved')`, [legalEntityId]);
  }

  async contractStates(manager: EntityManager, contractIds?: readonly string[]): Promise<Record<string, unknown>> {
    if (!contractIds) {
      const rows = await this.q<{ contract_id: string; state: string }>(manager, 'SELECT contract_id, state FROM contract_billing_states');
      return Object.fromEntries(rows.map((r) => [r.contract_id, JSON.parse(r.state)]));
    }
    const out: Record<string, unknown> = {};
    for (const part of chunks(contractIds)) {
      const rows = await this.q<{ contract_id: string; state: string }>(manager, `SELECT contract_id, state FROM contract_billing_states WHERE contract_id IN (${marks(part.length)})`, [...part]);
      for (const r of rows) out[r.contract_id] = JSON.parse(r.state);
    }
    return out;
  }

  async saveContractState(manager: EntityManager, contractId: string, state: unknown, invoiceId: string | null, now: string): Promise<void> {
    await this.q(manager, 'DELETE FROM contract_billing_states WHERE contract_id = ?', [contractId]);
    await this.q(manager, 'INSERT INTO contract_billing_states (contract_id, state, invoice_id, updated_at) VALUES (?, ?, ?, ?)', [contractId, JSON.stringify(state), invoiceId, now]);
  }

  async insertRun(manager: EntityManager, r: { id: string; legalEntityId: string; periodStart: string; periodEnd: string; contractIds: string[] | null; summary: unknown; actor: string; now: string; correlationId: string }): Promise<void> {
    await this.q(manager, 'INSERT INTO billing_runs (id, legal_entity_id, period_start, period_end, contract_ids, summary, actor, created_at, correlation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [r.id, r.legalEntityId, r.periodStart, r.periodEnd, r.contractIds ? JSON.stringify(r.contractIds) : null, JSON.stringify(r.summary), r.actor, r.now, r.correlationId]);
  }

  async updateRunSummary(manager: EntityManager, id: string, summary: unknown): Promise<void> {
    await this.q(manager, 'UPDATE billing_runs SET summary = ? WHERE id = ?', [JSON.stringify(summary), id]);
  }

  async insertCandidate(manager: EntityManager, c: { id: string; runId: string; legalEntityId: string; contractId: string; status: string; content: unknown; pendingState: unknown; dispositions: unknown; now: string; correlationId: string }): Promise<void> {
    await this.q(manager, 'INSERT INTO invoice_candidates (id, run_id, legal_entity_id, contract_id, status, content, pending_state, dispositions, created_at, updated_at, correlation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [c.id, c.runId, c.legalEntityId, c.contractId, c.status, JSON.stringify(c.content), c.pendingState === undefined ? null : JSON.stringify(c.pendingState), JSON.stringify(c.dispositions), c.now, c.now, c.correlationId]);
  }

  /** Locks the candidate row on PostgreSQL so two edits or finalisations of one candidate queue up. */
  async candidateForUpdate(manager: EntityManager, id: string): Promise<CandidateRow | undefined> {
    const lock = this.tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
    return (await this.q<CandidateRow>(manager, `SELECT * FROM invoice_candidates WHERE id = ?${lock}`, [id]))[0];
  }

  async candidate(id: string): Promise<CandidateRow | undefined> {
    return (await this.q<CandidateRow>(undefined, 'SELECT * FROM invoice_candidates WHERE id = ?', [id]))[0];
  }

  candidatesOfRun(runId: string): Promise<CandidateRow[]> {
    return this.q<CandidateRow>(undefined, 'SELECT * FROM invoice_candidates WHERE run_id = ? ORDER BY id', [runId]);
  }

  async updateCandidate(manager: EntityManager, id: string, status: string, content: unknown, now: string): Promise<void> {
    await this.q(manager, 'UPDATE invoice_candidates SET status = ?, content = ?, updated_at = ? WHERE id = ?', [status, JSON.stringify(content), now, id]);
  }

  async insertEdit(manager: EntityManager, e: { id: string; candidateId: string; action: string; lineId: string | null; reason: string; amount: string | null; currency: string | null; actor: string; at: string; record: unknown; correlationId: string }): Promise<void> {
    await this.q(manager, 'INSERT INTO invoice_candidate_edits (id, candidate_id, action, line_id, reason, amount, currency, actor, at, record, correlation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [e.id, e.candidateId, e.action, e.lineId, e.reason, e.amount, e.currency, e.actor, e.at, JSON.stringify(e.record), e.correlationId]);
  }

  /**
   * The number series row, created from the legal entity's settings on first use and locked for the
   * rest of the transaction: `FOR UPDATE` on PostgreSQL; on SQLite the transaction is the single writer.
   */
  async lockSeries(manager: EntityManager, legalEntityId: string, documentType: string, initial: SeriesRow): Promise<SeriesRow> {
    await this.q(manager, 'INSERT INTO number_series (legal_entity_id, document_type, prefix, width, last_number) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [legalEntityId, documentType, initial.prefix, initial.width, initial.last_number]);
    const lock = this.tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const [row] = await this.q<SeriesRow>(manager, `SELECT prefix, width, last_number FROM number_series WHERE legal_entity_id = ? AND document_type = ?${lock}`, [legalEntityId, documentType]);
    return { prefix: row.prefix, width: Number(row.width), last_number: Number(row.last_number) };
  }

  async advanceSeries(manager: EntityManager, legalEntityId: string, documentType: string, lastNumber: number): Promise<void> {
    await this.q(manager, 'UPDATE number_series SET last_number = ? WHERE legal_entity_id = ? AND document_type = ?', [lastNumber, legalEntityId, documentType]);
  }

  async insertInvoice(manager: EntityManager, r: Omit<InvoiceRow, 'status'>): Promise<void> {
    await this.q(manager, `INSERT INTO invoices (id, legal_entity_id, number, candidate_id, contract_id, customer_id, currency, total, issue_date, status, content, journal_id, approved_at, created_at, correlation_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'issued', ?, ?, ?, ?, ?)`,
    [r.id, r.legal_entity_id, r.number, r.candidate_id, r.contract_id, r.customer_id, r.currency, r.total, r.issue_date, r.content, r.journal_id, r.approved_at, r.created_at, r.correlation_id]);
  }

  async invoice(id: string, manager?: EntityManager): Promise<InvoiceRow | undefined> {
    return (await this.q<InvoiceRow>(manager, 'SELECT * FROM invoices WHERE id = ?', [id]))[0];
  }

  invoicesOfLegalEntity(legalEntityId: string): Promise<InvoiceRow[]> {
    return this.q<InvoiceRow>(undefined, 'SELECT * FROM invoices WHERE legal_entity_id = ? ORDER BY number', [legalEntityId]);
  }

  async setInvoiceStatus(manager: EntityManager, id: string, status: 'issued' | 'credited'): Promise<void> {
    await this.q(manager, 'UPDATE invoices SET status = ? WHERE id = ?', [status, id]);
  }

  /** The partial unique index is the last word on billed-once: a violation is a conflict, not a 500. */
  async link(manager: EntityManager, invoiceId: string, links: { transactionId: string; entryId: string }[], now: string): Promise<void> {
    for (const part of chunks(links)) {
      try {
        await this.q(manager, `INSERT INTO invoice_links (invoice_id, transaction_id, entry_id, live, created_at) VALUES ${part.map(() => '(?, ?, ?, 1, ?)').join(', ')}`,
          part.flatMap((l) => [invoiceId, l.transactionId, l.entryId, now]));
      } catch (err) {
        if (constraintKind(err) !== 'unique') throw err;
        const ids = part.length === 1 ? part[0].transactionId : `among ${part[0].transactionId} … ${part[part.length - 1].transactionId}`;
        throw new AppError('BILLING_CONFLICT', `Transaction ${ids} is already on a live invoice.`, undefined, { billingCode: 'BILLING_ALREADY_BILLED' });
      }
    }
  }

  async releaseLinks(manager: EntityManager, invoiceId: string, creditNoteId: string): Promise<void> {
    await this.q(manager, 'UPDATE invoice_links SET live = 0, released_by = ? WHERE invoice_id = ? AND live = 1', [creditNoteId, invoiceId]);
  }

  linksOf(invoiceId: string, manager?: EntityManager): Promise<{ transaction_id: string; entry_id: string; live: number }[]> {
    return this.q(manager, 'SELECT transaction_id, entry_id, live FROM invoice_links WHERE invoice_id = ? ORDER BY transaction_id', [invoiceId]);
  }

  async insertCreditNote(manager: EntityManager, r: CreditNoteRow & { currency: string; total: string; correlation_id: string }): Promise<void> {
    await this.q(manager, 'INSERT INTO credit_notes (id, legal_entity_id, number, invoice_id, kind, currency, total, content, journal_id, created_at, correlation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [r.id, r.legal_entity_id, r.number, r.invoice_id, r.kind, r.currency, r.total, r.content, r.journal_id, r.created_at, r.correlation_id]);
  }

  creditNotesOf(invoiceId: string): Promise<CreditNoteRow[]> {
    return this.q<CreditNoteRow>(undefined, 'SELECT * FROM credit_notes WHERE invoice_id = ? ORDER BY number', [invoiceId]);
  }

  async insertJournal(manager: EntityManager, row: JournalEntity): Promise<void> {
    await manager.getRepository(JournalEntity).insert(row);
  }

  async journal(id: string): Promise<JournalEntity | null> {
    return this.dataSource.getRepository(JournalEntity).findOne({ where: { id } });
  }

  /** Entries on a finalised invoice leave `approved`, so intake refuses corrections to them and runs skip them. */
  async markEntriesInvoiced(manager: EntityManager, entryIds: string[], actor: string, now: string, correlationId: string, newId: () => string): Promise<void> {
    for (const part of chunks(entryIds)) {
      // RETURNING names exactly the rows this statement moved, so a concurrent change never gets a transition it did not make.
      const moved = await this.q<{ id: string; revision: number }>(manager,
        `UPDATE time_entries SET status = 'invoiced', updated_at = ? WHERE status = 'approved' AND id IN (${marks(part.length)}) RETURNING id, revision`, [now, ...part]);
      const rows = (Array.isArray(moved[0]) ? moved[0] : moved) as { id: string; revision: number }[];
      if (rows.length === 0) continue;
      rows.sort((a, b) => (a.id < b.id ? -1 : 1));
      await this.q(manager, `INSERT INTO time_entry_transitions (id, entry_id, revision, from_status, to_status, actor, via_system, reason, at, correlation_id) VALUES ${rows.map(() => "(?, ?, ?, 'approved', 'invoiced', ?, 'mapwright', NULL, ?, ?)").join(', ')}`,
        rows.flatMap((r) => [newId(), r.id, Number(r.revision), actor, now, correlationId]));
    }
  }
}
