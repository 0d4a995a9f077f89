import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BillingLedger, cancelCreditNote, type BillingCreditNote, type BillingJournal } from '@mapwright/billing';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { canonicalHash } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { BillingRepository } from './billing.repository';
import { BillingCorrectionsRepository } from './billing-corrections.repository';
import { billingProblem } from './billing-settings';
import { billingJournalRow } from './billing-journal.row';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface CancelRequest {
  reason: string;
  date: string;
}

export function parseCancel(body: unknown): CancelRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors: { pointer: string; message: string }[] = [];
  if (typeof b.reason !== 'string' || b.reason.trim() === '') errors.push({ pointer: '/reason', message: 'required: why the credit note is cancelled' });
  const date = typeof b.date === 'string' ? b.date : new Date().toISOString().slice(0, 10);
  if (!DATE.test(date)) errors.push({ pointer: '/date', message: 'YYYY-MM-DD' });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The cancellation is invalid; see errors.', errors);
  return { reason: (b.reason as string).trim(), date };
}

/** The credit note's journal with every side swapped: the cancellation is a new journal, never an edit. */
export function reversalJournal(original: BillingJournal, journalId: string, date: string, correlationId: string): BillingJournal {
  return {
    ...original, id: journalId, date, period: date.slice(0, 7), description: `Cancellation of ${original.description.toLowerCase()}`, correlationId,
    idempotencyKey: `billing:creditNoteCancellation:${original.sourceId}:${original.postingRuleId}@${original.postingRuleVersion}`,
    lines: original.lines.map((l, i) => ({
      ...l, id: `${journalId}:${i + 1}`, debit: l.credit, credit: l.debit, functionalDebit: l.functionalCredit, functionalCredit: l.functionalDebit,
      description: `Reversed: ${l.description}`,
    })),
  };
}

/** Credit notes as issued, and their cancellation: a void note, a reversal journal, and its released work linked back. */
@Injectable()
export class CreditNotesService {
  constructor(
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(BillingRepository) private readonly repo: BillingRepository,
    @Inject(BillingCorrectionsRepository) private readonly corrections: BillingCorrectionsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async get(id: string) {
    const row = await this.corrections.creditNote(id);
    if (!row) throw new AppError('CREDIT_NOTE_NOT_FOUND', `No credit note ${id}.`);
    const cancellation = await this.corrections.cancellation(id);
    const journal = await this.repo.journal(row.journal_id);
    const reversal = cancellation ? await this.repo.journal(cancellation.journal_id) : null;
    const note = JSON.parse(row.content) as BillingCreditNote;
    return {
      ...(cancellation ? cancelCreditNote(note) : note), journal: journal ? JSON.parse(journal.content) : null,
      cancellation: cancellation ? { reason: cancellation.reason, actor: cancellation.actor, at: cancellation.at, journal: reversal ? JSON.parse(reversal.content) : null } : null,
    };
  }

  /**
   * Voids a credit note with a reversal journal. A full note's released work is linked back to its
   * invoice, which is issued again; if the work is billed (or proposed) again since, the
   * cancellation is a conflict: credit that invoice or reject that candidate first.
   */
  async cancel(actor: string, id: string, req: CancelRequest) {
    const correlationId = requestContext.correlationId();
    return this.tx.write(async (manager) => {
      const row = await this.corrections.creditNote(id, manager);
      if (!row) throw new AppError('CREDIT_NOTE_NOT_FOUND', `No credit note ${id}.`);
      if (await this.corrections.cancellation(id, manager)) throw new AppError('BILLING_CONFLICT', `Credit note ${row.number} is already cancelled.`, undefined, { billingCode: 'BILLING_INVALID_CORRECTION' });
      const note = JSON.parse(row.content) as BillingCreditNote;
      let relinked: string[] = [];
      if (note.kind === 'full') {
        const released = await this.corrections.releasedBy(manager, row.invoice_id, id);
        const txIds = released.map((l) => l.transaction_id);
        const live = await this.repo.liveLinks(manager, txIds);
        try {
          // The ledger decides: its release is cancelled only if no other invoice has billed the work since.
          BillingLedger.fromSnapshot({ links: [...live], releases: [[id, { invoiceId: row.invoice_id, transactionIds: txIds, cancelled: false }]] }).cancelCreditNote(id);
        } catch (err) {
          throw billingProblem(err);
        }
        const proposed = (await this.repo.openCandidates(manager, row.legal_entity_id))
          .filter((c) => (JSON.parse(c.dispositions) as { transactionId: string }[]).some((d) => txIds.includes(d.transactionId)));
        if (proposed.length > 0) {
          throw new AppError('BILLING_CONFLICT', `Cannot cancel credit note ${row.number}: its work is proposed again on ${proposed.map((c) => c.id).join(', ')}; reject that candidate first.`, undefined,
            { billingCode: 'BILLING_RELINK_CONFLICT', details: { candidateIds: proposed.map((c) => c.id) } });
        }
        await this.corrections.relink(manager, row.invoice_id, id);
        await this.repo.setInvoiceStatus(manager, row.invoice_id, 'issued');
        relinked = await this.corrections.moveEntries(manager, released.map((l) => l.entry_id), 'approved', 'invoiced',
          { actor, now: new Date().toISOString(), correlationId, reason: `credit note ${row.number} cancelled`, newId: randomUUID });
      }
      const original = await this.repo.journal(row.journal_id);
      if (!original) throw new AppError('INTERNAL', `Credit note ${row.number} has no journal ${row.journal_id}.`);
      const reversal = reversalJournal(JSON.parse(original.content) as BillingJournal, `je:${id}:cancel`, req.date, correlationId);
      const now = new Date().toISOString();
      await this.repo.insertJournal(manager, billingJournalRow(reversal, 'creditNote', now, correlationId));
      await this.corrections.insertCancellation(manager, { credit_note_id: id, invoice_id: row.invoice_id, journal_id: reversal.id, reason: req.reason, actor, at: now, correlation_id: correlationId });
      await this.audit.append(manager, {
        actor, action: 'creditNote.cancelled', entityType: 'creditNote', entityId: id, beforeHash: canonicalHash(note), afterHash: canonicalHash(cancelCreditNote(note)),
        details: { number: row.number, invoiceId: row.invoice_id, kind: note.kind, reason: req.reason, journalId: reversal.id, relinkedEntryIds: relinked },
      });
      return { ...cancelCreditNote(note), journal: JSON.parse(original.content), cancellation: { reason: req.reason, actor, at: now, journal: reversal }, relinkedEntryIds: relinked };
    });
  }
}
