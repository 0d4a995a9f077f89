import { Inject, Injectable } from '@nestjs/common';
import {
  allocateNumber, buildCreditNoteJournal, buildInvoiceJournal, correctInvoice,
  type BillingCreditNote, type BillingInvoice, type BillingJournal, type CorrectionPolicy,
} from '@mapwright/billing';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { canonicalHash, canonicalJson } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { MasterDataService } from '../master-data/master-data.service';
import { OutboxService } from '../messaging/outbox.service';
import { BillingRepository } from './billing.repository';
import { BILLING_ACCOUNTS, BILLING_POSTING_RULE, billingProblem, initialSeries } from './billing-settings';
import { billingJournalRow } from './billing-journal.row';
import { invoiceView } from './billing.views';
import { creditNoteFinalised, invoiceFinalised } from './posting-events';
import { entryOf } from './invoice-candidates.service';

const POLICIES: CorrectionPolicy[] = ['difference', 'fullCreditAndReinvoice'];
const REASONS = ['correction', 'rateChange', 'writeOff', 'cancellation', 'dispute', 'other'] as const;

export interface CorrectionRequest {
  policy: CorrectionPolicy;
  reason: (typeof REASONS)[number];
  reasonText?: string;
  issueDate: string;
  lines: { lineId: string; amount: string }[];
}

export function parseCorrection(body: unknown): CorrectionRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors: { pointer: string; message: string }[] = [];
  const policy = (b.policy ?? 'difference') as CorrectionPolicy;
  if (!POLICIES.includes(policy)) errors.push({ pointer: '/policy', message: `one of ${POLICIES.join(', ')}` });
  const reason = (b.reason ?? 'correction') as CorrectionRequest['reason'];
  if (!REASONS.includes(reason)) errors.push({ pointer: '/reason', message: `one of ${REASONS.join(', ')}` });
  const lines = Array.isArray(b.lines) ? (b.lines as Record<string, unknown>[]) : [];
  if (lines.length === 0) errors.push({ pointer: '/lines', message: 'required: the corrected lines, [{lineId, amount}]' });
  lines.forEach((l, i) => {
    if (typeof l?.lineId !== 'string') errors.push({ pointer: `/lines/${i}/lineId`, message: 'required' });
    if (typeof l?.amount !== 'string' || !/^\d+(\.\d+)?$/.test(l.amount)) errors.push({ pointer: `/lines/${i}/amount`, message: 'the corrected line amount as a decimal string' });
  });
  const issueDate = typeof b.issueDate === 'string' ? b.issueDate : new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issueDate)) errors.push({ pointer: '/issueDate', message: 'YYYY-MM-DD' });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The correction is invalid; see errors.', errors);
  return { policy, reason, issueDate, lines: lines as CorrectionRequest['lines'], ...(typeof b.reasonText === 'string' ? { reasonText: b.reasonText } : {}) };
}

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Invoices as issued, and corrections after invoicing as credit notes (never edits of history). */
@Injectable()
export class InvoicesService {
  constructor(
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(BillingRepository) private readonly repo: BillingRepository,
    @Inject(MasterDataService) private readonly masterData: MasterDataService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
  ) {}

  async get(id: string) {
    const row = await this.repo.invoice(id);
    if (!row) throw new AppError('INVOICE_NOT_FOUND', `No invoice ${id}.`);
    const journal = await this.repo.journal(row.journal_id);
    const notes = (await this.repo.creditNotesOf(id)).map((n) => JSON.parse(n.content) as BillingCreditNote);
    const links = (await this.repo.linksOf(id)).map((l) => ({ transactionId: l.transaction_id, entryId: l.entry_id, live: Number(l.live) === 1 }));
    return invoiceView(JSON.parse(row.content) as BillingInvoice, { status: row.status, journal: journal ? JSON.parse(journal.content) : null, creditNotes: notes, links });
  }

  /**
   * `difference`: one credit note for what the corrected lines take off, and its journal (the delta).
   * `fullCreditAndReinvoice`: a full credit note giving back the original postings and a re-invoice
   * of the corrected lines under a new number; the work moves to the re-invoice's live links.
   */
  async correct(actor: string, id: string, req: CorrectionRequest) {
    const correlationId = requestContext.correlationId();
    return this.tx.write(async (manager) => {
      const row = await this.repo.invoice(id, manager);
      if (!row) throw new AppError('INVOICE_NOT_FOUND', `No invoice ${id}.`);
      if (row.status !== 'issued') throw new AppError('BILLING_CONFLICT', `Invoice ${row.number} is credited in full; correct its re-invoice instead.`);
      const invoice = JSON.parse(row.content) as BillingInvoice;
      const le = await this.masterData.find('legalEntity', row.legal_entity_id, manager);
      if (!le) throw new AppError('MASTER_DATA_NOT_FOUND', `Legal entity ${row.legal_entity_id} is not in master data.`);
      const cnSeries = await this.repo.lockSeries(manager, le.id, 'creditNote', initialSeries(le.attributes, le.id, 'creditNote'));
      const invSeries = req.policy === 'fullCreditAndReinvoice' ? await this.repo.lockSeries(manager, le.id, 'invoice', initialSeries(le.attributes, le.id, 'invoice')) : null;
      const now = new Date().toISOString();
      let creditNote: BillingCreditNote;
      let reinvoice: BillingInvoice | null;
      let cnJournal: BillingJournal;
      let reJournal: BillingJournal | null = null;
      try {
        const cn = allocateNumber({ legalEntityId: le.id, documentType: 'creditNote', prefix: cnSeries.prefix, width: cnSeries.width, lastNumber: cnSeries.last_number });
        const re = invSeries ? allocateNumber({ legalEntityId: le.id, documentType: 'invoice', prefix: invSeries.prefix, width: invSeries.width, lastNumber: invSeries.last_number }) : null;
        const header = { creditNoteId: `cn:${cn.number}`, creditNoteNumber: cn.number, issueDate: req.issueDate, reason: req.reason, ...(req.reasonText ? { reasonText: req.reasonText } : {}) };
        const terms = Math.round((Date.parse(invoice.dueDate) - Date.parse(invoice.issueDate)) / 86_400_000);
        ({ creditNote, reinvoice } = correctInvoice(invoice, req.lines, req.policy, header,
          re ? { invoiceId: `inv:${re.number}`, invoiceNumber: re.number, issueDate: req.issueDate, dueDate: addDays(req.issueDate, terms) } : undefined));
        cnJournal = buildCreditNoteJournal(creditNote, { journalId: `je:${creditNote.id}`, accounts: BILLING_ACCOUNTS, postingRule: BILLING_POSTING_RULE });
        if (reinvoice) reJournal = buildInvoiceJournal(reinvoice, { journalId: `je:${reinvoice.id}`, accounts: BILLING_ACCOUNTS, postingRule: BILLING_POSTING_RULE });
        await this.repo.advanceSeries(manager, le.id, 'creditNote', cn.series.lastNumber);
        if (re) await this.repo.advanceSeries(manager, le.id, 'invoice', re.series.lastNumber);
      } catch (err) {
        throw billingProblem(err);
      }
      await this.repo.insertCreditNote(manager, {
        id: creditNote.id, legal_entity_id: le.id, number: creditNote.creditNoteNumber, invoice_id: id, kind: creditNote.kind, currency: creditNote.currency,
        total: creditNote.total.amount, content: canonicalJson(creditNote), journal_id: cnJournal.id, created_at: now, correlation_id: correlationId,
      });
      await this.repo.insertJournal(manager, billingJournalRow(cnJournal, 'creditNote', now, correlationId));
      if (reinvoice && reJournal) {
        await this.repo.setInvoiceStatus(manager, id, 'credited');
        await this.repo.releaseLinks(manager, id, creditNote.id);
        await this.repo.insertInvoice(manager, {
          id: reinvoice.id, legal_entity_id: le.id, number: reinvoice.invoiceNumber, candidate_id: null, contract_id: reinvoice.contractId, customer_id: reinvoice.customerId,
          currency: reinvoice.currency, total: reinvoice.total.amount, issue_date: req.issueDate, content: canonicalJson(reinvoice), journal_id: reJournal.id,
          approved_at: row.approved_at, created_at: now, correlation_id: correlationId,
        });
        await this.repo.link(manager, reinvoice.id, reinvoice.billableTransactionIds.map((t) => ({ transactionId: t, entryId: entryOf(t) })), now);
        await this.repo.insertJournal(manager, billingJournalRow(reJournal, 'invoice', now, correlationId));
      }
      await this.audit.append(manager, { actor, action: 'invoice.corrected', entityType: 'invoice', entityId: id, afterHash: canonicalHash(creditNote), details: { policy: req.policy, creditNote: creditNote.creditNoteNumber, reinvoice: reinvoice?.invoiceNumber ?? null, lines: req.lines } });
      await this.outbox.enqueue(manager, creditNoteFinalised(creditNote, cnJournal.id));
      if (reinvoice && reJournal) await this.outbox.enqueue(manager, invoiceFinalised(reinvoice, reJournal.id));
      return { creditNote: { ...creditNote, journal: cnJournal }, reinvoice: reinvoice && reJournal ? { ...reinvoice, journal: reJournal } : null };
    });
  }
}
