import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  allocateNumber, approveCandidate, buildInvoiceJournal, finaliseInvoice, holdLine, rejectCandidate, writeDownLine,
  type BillingCandidate, type BillingInvoice, type CandidateEdit, type ContractBillingState, type TransactionDisposition,
} from '@mapwright/billing';
import type { TaxRule } from '@mapwright/canonical-model';
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
import { BillingRepository, type CandidateRow } from './billing.repository';
import { BillingFxService } from './billing-fx.service';
import { BILLING_ACCOUNTS, BILLING_POSTING_RULE, billingProblem, initialSeries } from './billing-settings';
import { billingJournalRow } from './billing-journal.row';
import { candidateView } from './billing.views';
import { invoiceFinalised } from './posting-events';

export type CandidateAction = 'write-down' | 'hold' | 'approve' | 'reject';

/** `bt:<entry>:<payCode>` → entry id (entry ids may themselves hold colons). */
export function entryOf(transactionId: string): string {
  return transactionId.slice(3, transactionId.lastIndexOf(':'));
}

function reasonOf(body: Record<string, unknown>, required: boolean): string {
  const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
  if (required && reason === '') throw new AppError('VALIDATION_FAILED', 'A reason is required for this review action.', [{ pointer: '/reason', message: 'required' }]);
  return reason;
}

/** Review and finalisation of invoice candidates; every change is audited in the same transaction. */
@Injectable()
export class InvoiceCandidatesService {
  constructor(
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(BillingRepository) private readonly repo: BillingRepository,
    @Inject(MasterDataService) private readonly masterData: MasterDataService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(BillingFxService) private readonly fx: BillingFxService,
  ) {}

  async get(id: string) {
    const row = await this.repo.candidate(id);
    if (!row) throw new AppError('INVOICE_CANDIDATE_NOT_FOUND', `No invoice candidate ${id}.`);
    return candidateView(JSON.parse(row.content) as BillingCandidate);
  }

  private async locked(manager: EntityManager, id: string): Promise<{ row: CandidateRow; candidate: BillingCandidate }> {
    const row = await this.repo.candidateForUpdate(manager, id);
    if (!row) throw new AppError('INVOICE_CANDIDATE_NOT_FOUND', `No invoice candidate ${id}.`);
    return { row, candidate: JSON.parse(row.content) as BillingCandidate };
  }

  async edit(actor: string, id: string, action: CandidateAction, body: Record<string, unknown>) {
    const correlationId = requestContext.correlationId();
    return this.tx.write(async (manager) => {
      const { candidate } = await this.locked(manager, id);
      const at = new Date().toISOString();
      const ctx = { actor, at, reason: reasonOf(body, action !== 'approve') || action };
      const lineId = typeof body.lineId === 'string' ? body.lineId : '';
      if ((action === 'write-down' || action === 'hold') && lineId === '') throw new AppError('VALIDATION_FAILED', 'lineId names the candidate line.', [{ pointer: '/lineId', message: 'required' }]);
      const amount = typeof body.amount === 'string' ? body.amount : '';
      if (action === 'write-down' && !/^\d+(\.\d+)?$/.test(amount)) throw new AppError('VALIDATION_FAILED', 'amount is the write-down as a decimal string, e.g. "150.00".', [{ pointer: '/amount', message: 'a positive decimal string' }]);
      let edit: CandidateEdit;
      try {
        edit = action === 'approve' ? approveCandidate(candidate, ctx)
          : action === 'reject' ? rejectCandidate(candidate, ctx)
            : action === 'hold' ? holdLine(candidate, lineId, ctx)
              : writeDownLine(candidate, lineId, amount, ctx);
      } catch (err) {
        throw billingProblem(err);
      }
      await this.repo.updateCandidate(manager, id, edit.candidate.status, edit.candidate, at);
      await this.repo.insertEdit(manager, {
        id: randomUUID(), candidateId: id, action, lineId: lineId || null, reason: ctx.reason, amount: action === 'write-down' ? amount : null,
        currency: action === 'write-down' ? candidate.currency : null, actor, at, record: edit.audit, correlationId,
      });
      await this.audit.append(manager, { actor, action: `invoiceCandidate.${action}`, entityType: 'invoiceCandidate', entityId: id, beforeHash: canonicalHash(candidate), afterHash: canonicalHash(edit.candidate), details: { lineId: lineId || null, reason: ctx.reason, ...(amount ? { amount } : {}) } });
      return candidateView(edit.candidate);
    });
  }

  /**
   * Number, tax, journal, billed-once links and entry status in one transaction: the series row is
   * locked first, so concurrent finalisations queue and a refusal rolls the number back.
   */
  async finalise(actor: string, id: string, body: Record<string, unknown>) {
    const correlationId = requestContext.correlationId();
    const issueDate = typeof body.issueDate === 'string' ? body.issueDate : new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(issueDate)) throw new AppError('VALIDATION_FAILED', 'issueDate is YYYY-MM-DD.', [{ pointer: '/issueDate', message: 'YYYY-MM-DD' }]);
    return this.tx.write(async (manager) => {
      const { row, candidate } = await this.locked(manager, id);
      if (candidate.status !== 'approved') throw new AppError('BILLING_CONFLICT', `Candidate ${id} is ${candidate.status}; only an approved candidate is finalised.`, undefined, { billingCode: 'BILLING_CANDIDATE_STATE' });
      const le = await this.masterData.find('legalEntity', candidate.legalEntityId, manager);
      if (!le) throw new AppError('MASTER_DATA_NOT_FOUND', `Legal entity ${candidate.legalEntityId} is not in master data.`);
      // A foreign-currency invoice converts at the issue date's rate; unbilled is relieved at the accrual's.
      const fx = await this.fx.forCandidate(manager, le.object.functionalCurrency, candidate, issueDate);
      const customer = await this.masterData.find('customer', candidate.customerId, manager);
      const contract = await this.masterData.find('contract', candidate.contractId, manager);
      const taxRules = (await this.masterData.all<TaxRule>('taxRule', manager)).map((r) => r.object);
      const series = await this.repo.lockSeries(manager, le.id, 'invoice', initialSeries(le.attributes, le.id, 'invoice'));
      let invoice: BillingInvoice;
      let journal;
      try {
        const allocated = allocateNumber({ legalEntityId: le.id, documentType: 'invoice', prefix: series.prefix, width: series.width, lastNumber: series.last_number });
        const po = typeof body.purchaseOrderNumber === 'string' ? body.purchaseOrderNumber : contract?.object.purchaseOrderNumber;
        ({ invoice } = finaliseInvoice({
          candidate, invoiceId: `inv:${allocated.number}`, invoiceNumber: allocated.number, issueDate,
          paymentTermsDays: Number(contract?.object.paymentTermsDays ?? customer?.object.paymentTermsDays ?? 30),
          customer: { id: candidate.customerId, countryCode: customer?.object.countryCode ?? '', ...(customer?.object.taxExempt ? { taxExempt: true } : {}) },
          taxRules, postingRule: BILLING_POSTING_RULE, ...(po ? { purchaseOrderNumber: po } : {}), ...(fx ? { fx } : {}),
        }));
        journal = buildInvoiceJournal(invoice, { journalId: `je:${invoice.id}`, accounts: BILLING_ACCOUNTS, postingRule: BILLING_POSTING_RULE, ...(fx ? { fx } : {}) });
        await this.repo.advanceSeries(manager, le.id, 'invoice', allocated.series.lastNumber);
      } catch (err) {
        throw billingProblem(err);
      }
      const live = await this.repo.liveLinks(manager, invoice.billableTransactionIds);
      if (live.size > 0) throw new AppError('BILLING_CONFLICT', `Transactions ${[...live.keys()].join(', ')} are already on a live invoice.`, undefined, { billingCode: 'BILLING_ALREADY_BILLED' });
      const now = new Date().toISOString();
      const approvedAt = candidate.approval.decidedAt ?? row.created_at;
      await this.repo.insertInvoice(manager, {
        id: invoice.id, legal_entity_id: le.id, number: invoice.invoiceNumber, candidate_id: id, contract_id: invoice.contractId, customer_id: invoice.customerId,
        currency: invoice.currency, total: invoice.total.amount, issue_date: issueDate, content: canonicalJson(invoice), journal_id: journal.id,
        approved_at: approvedAt, created_at: now, correlation_id: correlationId,
      });
      await this.repo.link(manager, invoice.id, invoice.billableTransactionIds.map((t) => ({ transactionId: t, entryId: entryOf(t) })), now);
      await this.repo.insertJournal(manager, billingJournalRow(journal, 'invoice', now, correlationId));
      const finalised = { ...candidate, status: 'finalised' as const };
      await this.repo.updateCandidate(manager, id, 'finalised', finalised, now);
      const state = this.nextState(candidate, invoice, row.pending_state ? (JSON.parse(row.pending_state) as ContractBillingState) : undefined, await this.repo.contractStates(manager, [candidate.contractId]));
      if (state) await this.repo.saveContractState(manager, candidate.contractId, state, invoice.id, now);
      const dispositions = JSON.parse(row.dispositions) as TransactionDisposition[];
      const invoiced = new Set(invoice.billableTransactionIds);
      const entryIds = [...new Set(dispositions.filter((d) => invoiced.has(d.transactionId)).map((d) => entryOf(d.transactionId)))];
      await this.repo.markEntriesInvoiced(manager, entryIds, actor, now, correlationId, randomUUID);
      await this.audit.append(manager, { actor, action: 'invoice.finalised', entityType: 'invoice', entityId: invoice.id, afterHash: canonicalHash(invoice), details: { candidateId: id, number: invoice.invoiceNumber, total: invoice.total, journalId: journal.id } });
      await this.outbox.enqueue(manager, invoiceFinalised(invoice, journal.id));
      return { ...invoice, journal };
    });
  }

  /** Capped contracts carry what was actually invoiced, which review may have cut below the proposal. */
  private nextState(candidate: BillingCandidate, invoice: BillingInvoice, proposed: ContractBillingState | undefined, states: Record<string, unknown>): ContractBillingState | undefined {
    if (!proposed || proposed.capBilledToDate === undefined) return proposed;
    const before = (states[candidate.contractId] as ContractBillingState | undefined)?.capBilledToDate?.amount ?? '0';
    const billed = invoice.lines.reduce((n, l) => n.add(l.amount.amount), new Decimal(before));
    return { ...proposed, capBilledToDate: { amount: billed.toFixed(minorUnits(invoice.currency)), currency: invoice.currency } };
  }
}
