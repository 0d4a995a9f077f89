import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  allocateNumber, buildCreditNoteJournal, buildFullCreditNote, buildInvoiceJournal, correctInvoice,
  type BillingCreditNote, type BillingInvoice, type BillingJournal, type CorrectionPolicy, type CorrectionResult, type FxContext,
} from '@mapwright/billing';
import { minorUnits } from '@mapwright/rating';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { canonicalHash, canonicalJson } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { MasterDataService } from '../master-data/master-data.service';
import { OutboxService } from '../messaging/outbox.service';
import { BillingRepository } from './billing.repository';
import { BillingCorrectionsRepository } from './billing-corrections.repository';
import { BillingFxService } from './billing-fx.service';
import { BILLING_ACCOUNTS, BILLING_POSTING_RULE, billingProblem, initialSeries } from './billing-settings';
import { billingJournalRow } from './billing-journal.row';
import { invoiceView } from './billing.views';
import { creditNoteFinalised, invoiceFinalised } from './posting-events';
import { entryOf } from './invoice-candidates.service';

/** `fullCredit` credits every line and releases the work for re-billing; the library's two policies re-invoice or credit the difference. */
export type RuntimeCorrectionPolicy = CorrectionPolicy | 'fullCredit';

const POLICIES: RuntimeCorrectionPolicy[] = ['difference', 'fullCreditAndReinvoice', 'fullCredit'];
const REASONS = ['correction', 'rateChange', 'writeOff', 'cancellation', 'dispute', 'other'] as const;

export interface CorrectionRequest {
  policy: RuntimeCorrectionPolicy;
  reason: (typeof REASONS)[number];
  reasonText?: string;
  issueDate: string;
  lines: { lineId: string; amount: string }[];
}

export function parseCorrection(body: unknown): CorrectionRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors: { pointer: string; message: string }[] = [];
  const policy = (b.policy ?? 'difference') as RuntimeCorrectionPolicy;
  if (!POLICIES.includes(policy)) errors.push({ pointer: '/policy', message: `one of ${POLICIES.join(', ')}` });
  const reason = (b.reason ?? 'correction') as CorrectionRequest['reason'];
  if (!REASONS.includes(reason)) errors.push({ pointer: '/reason', message: `one of ${REASONS.join(', ')}` });
  const lines = Array.isArray(b.lines) ? (b.lines as Record<string, unknown>[]) : [];
  if (lines.length === 0 && policy !== 'fullCredit') errors.push({ pointer: '/lines', message: 'required: the corrected lines, [{lineId, amount}]' });
  lines.forEach((l, i) => {
    if (typeof l?.lineId !== 'string') errors.push({ pointer: `/lines/${i}/lineId`, message: 'required' });
    if (typeof l?.amount !== 'string' || !/^\d+(\.\d+)?$/.test(l.amount)) errors.push({ pointer: `/lines/${i}/amount`, message: 'the corrected line amount as a decimal string' });
  });
  const issueDate = typeof b.issueDate === 'string' ? b.issueDate : new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issueDate)) errors.push({ pointer: '/issueDate', message: 'YYYY-MM-DD' });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The correction is invalid; see errors.', errors);
  return { policy, reason, issueDate, lines: lines as CorrectionRequest['lines'], ...(typeof b.reasonText === 'string' ? { reasonText: b.reasonText } : {}) };
}

/** A re-invoice records its own date's rate and functional total, as finalisation does. */
function withFunctionalTotal(invoice: BillingInvoice, fx: FxContext): BillingInvoice {
  const functional = new Decimal(invoice.total.amount).mul(fx.rate).toDecimalPlaces(minorUnits(fx.functionalCurrency), Decimal.ROUND_HALF_UP);
  return { ...invoice, functionalCurrency: fx.functionalCurrency, fxRate: fx.rate, functionalTotal: { amount: functional.toFixed(minorUnits(fx.functionalCurrency)), currency: fx.functionalCurrency } };
}

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Where a correction came from, for the audit trail: an operator's request, or a corrected revision of invoiced time. */
export interface CorrectionOrigin {
  entryId: string;
  revision: number;
}

/** A correction as issued: the credit note and the re-invoice (under `fullCreditAndReinvoice`), each with its journal. */
export interface IssuedCorrection {
  creditNote: BillingCreditNote & { journal: BillingJournal };
  reinvoice: (BillingInvoice & { journal: BillingJournal }) | null;
  releasedEntryIds: string[];
}

/** Invoices as issued, and corrections after invoicing as credit notes (never edits of history). */
@Injectable()
export class InvoicesService {
  constructor(
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(BillingRepository) private readonly repo: BillingRepository,
    @Inject(BillingCorrectionsRepository) private readonly corrections: BillingCorrectionsRepository,
    @Inject(MasterDataService) private readonly masterData: MasterDataService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(BillingFxService) private readonly fx: BillingFxService,
  ) {}

  async get(id: string) {
    const row = await this.repo.invoice(id);
    if (!row) throw new AppError('INVOICE_NOT_FOUND', `No invoice ${id}.`);
    const journal = await this.repo.journal(row.journal_id);
    const cancelled = await this.corrections.cancelledOf(id);
    const notes = (await this.repo.creditNotesOf(id)).map((n) => {
      const note = JSON.parse(n.content) as BillingCreditNote;
      return cancelled.has(note.id) ? { ...note, status: 'void' as const } : note;
    });
    const links = (await this.repo.linksOf(id)).map((l) => ({ transactionId: l.transaction_id, entryId: l.entry_id, live: Number(l.live) === 1 }));
    return invoiceView(JSON.parse(row.content) as BillingInvoice, { status: row.status, journal: journal ? JSON.parse(journal.content) : null, creditNotes: notes, links });
  }

  /**
   * `difference`: one credit note for what the corrected lines take off, and its journal (the delta).
   * `fullCreditAndReinvoice`: a full credit note giving back the original postings and a re-invoice
   * of the corrected lines under a new number; the work moves to the re-invoice's live links.
   * `fullCredit`: a full credit note alone; the work is released and the next run bills it again.
   */
  async correct(actor: string, id: string, req: CorrectionRequest) {
    const out = await this.tx.write((manager) => this.issue(manager, actor, id, req));
    return { creditNote: out.creditNote, reinvoice: out.reinvoice, releasedEntryIds: out.releasedEntryIds };
  }

  /**
   * Issues a correction inside the caller's transaction. `adjust` may reshape the documents before
   * their journals are built (a corrected time entry relieves its accrual delta through them).
   */
  async issue(manager: EntityManager, actor: string, id: string, req: CorrectionRequest, adjust?: (r: CorrectionResult) => CorrectionResult, origin?: CorrectionOrigin): Promise<IssuedCorrection> {
    const correlationId = requestContext.correlationId();
    const row = await this.repo.invoice(id, manager);
    if (!row) throw new AppError('INVOICE_NOT_FOUND', `No invoice ${id}.`);
    if (row.status !== 'issued') throw new AppError('BILLING_CONFLICT', `Invoice ${row.number} is credited in full; correct its re-invoice instead.`);
    const invoice = JSON.parse(row.content) as BillingInvoice;
    const full = req.policy !== 'difference';
    if (full) {
      // A full credit gives back the whole invoice; difference notes still standing would be credited twice.
      const standing = (await this.corrections.standingCreditNotes(manager, id)).filter((n) => n.kind === 'difference');
      if (standing.length > 0) {
        throw new AppError('BILLING_REFUSED', `Invoice ${row.number} has difference credit notes ${standing.map((n) => n.number).join(', ')}; cancel them before crediting the invoice in full.`, undefined,
          { billingCode: 'BILLING_INVALID_CORRECTION', details: { invoiceId: id, creditNoteIds: standing.map((n) => n.id) } });
      }
    }
    const le = await this.masterData.find('legalEntity', row.legal_entity_id, manager);
    if (!le) throw new AppError('MASTER_DATA_NOT_FOUND', `Legal entity ${row.legal_entity_id} is not in master data.`);
    const cnSeries = await this.repo.lockSeries(manager, le.id, 'creditNote', initialSeries(le.attributes, le.id, 'creditNote'));
    const invSeries = req.policy === 'fullCreditAndReinvoice' ? await this.repo.lockSeries(manager, le.id, 'invoice', initialSeries(le.attributes, le.id, 'invoice')) : null;
    // Foreign-currency documents convert at their own date's rate and relieve unbilled at the original's.
    const original = await this.repo.journal(row.journal_id);
    const fx = await this.fx.forCorrection(manager, invoice, original ? (JSON.parse(original.content) as BillingJournal) : null, req.issueDate);
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
      let result: CorrectionResult = req.policy === 'fullCredit'
        ? { creditNote: buildFullCreditNote(invoice, header), reinvoice: null }
        : correctInvoice(invoice, req.lines, req.policy, header,
          re ? { invoiceId: `inv:${re.number}`, invoiceNumber: re.number, issueDate: req.issueDate, dueDate: addDays(req.issueDate, terms) } : undefined);
      if (adjust) result = adjust(result);
      ({ creditNote, reinvoice } = result);
      if (reinvoice && fx) reinvoice = withFunctionalTotal(reinvoice, fx);
      cnJournal = buildCreditNoteJournal(creditNote, { journalId: `je:${creditNote.id}`, accounts: BILLING_ACCOUNTS, postingRule: BILLING_POSTING_RULE, ...(fx ? { fx } : {}) });
      if (reinvoice) reJournal = buildInvoiceJournal(reinvoice, { journalId: `je:${reinvoice.id}`, accounts: BILLING_ACCOUNTS, postingRule: BILLING_POSTING_RULE, ...(fx ? { fx } : {}) });
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
    let releasedEntryIds: string[] = [];
    if (full) {
      await this.repo.setInvoiceStatus(manager, id, 'credited');
      await this.repo.releaseLinks(manager, id, creditNote.id);
    }
    if (reinvoice && reJournal) {
      await this.repo.insertInvoice(manager, {
        id: reinvoice.id, legal_entity_id: le.id, number: reinvoice.invoiceNumber, candidate_id: null, contract_id: reinvoice.contractId, customer_id: reinvoice.customerId,
        currency: reinvoice.currency, total: reinvoice.total.amount, issue_date: req.issueDate, content: canonicalJson(reinvoice), journal_id: reJournal.id,
        approved_at: row.approved_at, created_at: now, correlation_id: correlationId,
      });
      await this.repo.link(manager, reinvoice.id, reinvoice.billableTransactionIds.map((t) => ({ transactionId: t, entryId: entryOf(t) })), now);
      await this.repo.insertJournal(manager, billingJournalRow(reJournal, 'invoice', now, correlationId));
    } else if (full) {
      // Released time is approved again, so the next billing run proposes it.
      releasedEntryIds = await this.corrections.moveEntries(manager, creditNote.releasedTransactionIds.map(entryOf), 'invoiced', 'approved',
        { actor, now, correlationId, reason: `released by credit note ${creditNote.creditNoteNumber}`, newId: randomUUID });
    }
    await this.audit.append(manager, {
      actor, action: 'invoice.corrected', entityType: 'invoice', entityId: id, afterHash: canonicalHash(creditNote),
      details: { policy: req.policy, creditNote: creditNote.creditNoteNumber, reinvoice: reinvoice?.invoiceNumber ?? null, lines: req.lines, releasedEntryIds, ...(origin ? { origin } : {}) },
    });
    await this.outbox.enqueue(manager, creditNoteFinalised(creditNote, cnJournal.id));
    if (reinvoice && reJournal) await this.outbox.enqueue(manager, invoiceFinalised(reinvoice, reJournal.id));
    return { creditNote: { ...creditNote, journal: cnJournal }, reinvoice: reinvoice && reJournal ? { ...reinvoice, journal: reJournal } : null, releasedEntryIds };
  }
}
