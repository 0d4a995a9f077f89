import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  holdLine, runBilling, writeDownLine,
  type BillingCandidate, type BillingContract, type BillingInvoice, type ContractBillingState, type CorrectionResult, type InvoicedLine,
} from '@mapwright/billing';
import type { BillableTransaction, Money } from '@mapwright/canonical-model';
import type { RatingSnapshot } from '@mapwright/rating';
import { toBillableTransactions } from '@mapwright/simulation';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { canonicalHash } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { MasterDataService } from '../master-data/master-data.service';
import type { TimeEntryEntity } from '../time-entries/entities/time-entry.entities';
import { TimeEntriesService, type RatingResult } from '../time-entries/time-entries.service';
import { BillingRepository, type CandidateRow } from './billing.repository';
import { BillingCorrectionsRepository } from './billing-corrections.repository';
import { billingProblem, REVENUE_ACCOUNTS } from './billing-settings';
import { entryOf } from './invoice-candidates.service';
import { InvoicesService, type RuntimeCorrectionPolicy } from './invoices.service';

export type EntryCorrectionPolicy = 'difference' | 'fullCreditAndReinvoice' | 'fullCredit';

/** What a corrected revision did to billing: credit notes for invoiced time, recalculated open candidates. */
export interface EntryBillingOutcome {
  invoices: { invoiceId: string; policy: EntryCorrectionPolicy; creditNote: { id: string; number: string; total: Money }; reinvoice: { id: string; number: string; total: Money } | null; releasedEntryIds: string[] }[];
  candidates: { candidateId: string; status: string; subtotalBefore: Money; subtotalAfter: Money | null }[];
}

const money = (d: Decimal, currency: string, places: number): Money => ({ amount: d.toFixed(places), currency });
const places = (m: Money) => (m.amount.split('.')[1] ?? '').length;

/**
 * The correction policy for invoiced time: the contract's `correctionPolicy` attribute, else the
 * legal entity's, else `difference`. An increase cannot be a credit note, so it is always a full
 * credit and re-invoice.
 */
export function correctionPolicyFor(contractAttrs: Record<string, unknown>, legalEntityAttrs: Record<string, unknown>, increases: boolean): 'difference' | 'fullCreditAndReinvoice' {
  const configured = contractAttrs.correctionPolicy ?? legalEntityAttrs.correctionPolicy ?? 'difference';
  if (configured !== 'difference' && configured !== 'fullCreditAndReinvoice') {
    throw new AppError('BILLING_REFUSED', `correctionPolicy "${String(configured)}" is not difference or fullCreditAndReinvoice; fix the contract or legal entity attributes.`, undefined, { billingCode: 'BILLING_INVALID_CORRECTION' });
  }
  return increases ? 'fullCreditAndReinvoice' : configured;
}

/**
 * Per invoice line, the corrected amount once an entry's transactions move from `before` to `after`
 * (the previous and the new rating), and the per-transaction deltas. Lines without the entry are
 * left out. `added` lists transactions the invoice does not bill (a correction that creates a new
 * pay code, e.g. daily overtime): no line of the invoice can carry them.
 */
export function lineCorrections(invoice: BillingInvoice, entryId: string, before: Map<string, string>, after: Map<string, string>) {
  const billed = new Set(invoice.billableTransactionIds);
  const added = [...after.keys()].filter((t) => !billed.has(t) && !before.has(t));
  const lines: { lineId: string; amount: string; deltas: Map<string, Decimal> }[] = [];
  for (const line of invoice.lines) {
    const deltas = new Map<string, Decimal>();
    for (const a of line.accruals) {
      if (entryOf(a.id) !== entryId || !before.has(a.id)) continue;
      const delta = new Decimal(after.get(a.id) ?? '0').sub(before.get(a.id) as string);
      if (!delta.isZero()) deltas.set(a.id, delta);
    }
    if (deltas.size === 0) continue;
    const total = [...deltas.values()].reduce((n, d) => n.add(d), new Decimal(0));
    lines.push({ lineId: line.id, amount: new Decimal(line.amount.amount).add(total).toFixed(places(line.amount)), deltas });
  }
  return { lines, added };
}

/**
 * Reshapes the library's correction for a corrected entry. Rating has already posted the accrual
 * delta (unbilled against revenue), so a difference note relieves that delta from unbilled rather
 * than taking revenue back twice, and a re-invoice relieves the new accrual, not the old one.
 */
export function relieveAccrualDeltas(result: CorrectionResult, deltas: Map<string, Map<string, Decimal>>): CorrectionResult {
  const withDeltas = (l: InvoicedLine, lineId: string, sign: 1 | -1): InvoicedLine => {
    const d = deltas.get(lineId);
    if (!d) return l;
    if (sign === -1) {
      return { ...l, creditRole: 'unbilled', accruals: [...d].map(([id, delta]) => ({ id, amount: money(delta.neg(), l.amount.currency, places(l.amount)) })) };
    }
    return { ...l, accruals: l.accruals.map((a) => (d.has(a.id) ? { id: a.id, amount: money(new Decimal(a.amount.amount).add(d.get(a.id) as Decimal), a.amount.currency, places(a.amount)) } : a)) };
  };
  const { creditNote, reinvoice } = result;
  if (creditNote.kind === 'difference') {
    return { creditNote: { ...creditNote, lines: creditNote.lines.map((l) => withDeltas(l, l.id.replace(/:cn$/, ''), -1)) }, reinvoice };
  }
  // Re-invoice lines keep the order of the original's, renumbered.
  const originalIds = creditNote.lines.map((l) => l.id.replace(/:cn$/, ''));
  return { creditNote, reinvoice: reinvoice ? { ...reinvoice, lines: reinvoice.lines.map((l, i) => withDeltas(l, originalIds[i], 1)) } : null };
}

/**
 * Corrections of time that billing already holds. Intake calls it after storing a corrected
 * revision: invoiced time is re-rated and credited (never re-processed); time on an open candidate
 * recalculates the candidate.
 */
@Injectable()
export class EntryCorrectionsService {
  constructor(
    @Inject(BillingRepository) private readonly repo: BillingRepository,
    @Inject(BillingCorrectionsRepository) private readonly corrections: BillingCorrectionsRepository,
    @Inject(MasterDataService) private readonly masterData: MasterDataService,
    @Inject(TimeEntriesService) private readonly timeEntries: TimeEntriesService,
    @Inject(InvoicesService) private readonly invoices: InvoicesService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Rates a corrected revision of invoiced time and issues the credit notes its invoices need. */
  async invoicedEntryCorrected(manager: EntityManager, actor: string, entry: TimeEntryEntity): Promise<{ rating: RatingResult; billing: EntryBillingOutcome }> {
    const billing: EntryBillingOutcome = { invoices: [], candidates: [] };
    const previous = await this.corrections.latestSnapshot(manager, entry.id);
    // Rating prices approved time only; the invoiced entry is rated as approved for its correction and stays invoiced.
    await this.corrections.setEntryStatus(manager, entry.id, 'approved');
    const rating = await this.timeEntries.rate(manager, actor, entry, 'correction');
    await this.corrections.setEntryStatus(manager, entry.id, 'invoiced');
    entry.status = 'invoiced';
    if (!rating.ok || !previous) return { rating, billing };
    const current = await this.corrections.latestSnapshot(manager, entry.id);
    if (!current || current.ratingSeq === previous.ratingSeq) return { rating, billing };
    const before = await this.amounts(manager, JSON.parse(previous.snapshot) as RatingSnapshot, entry.projectId);
    const after = await this.amounts(manager, JSON.parse(current.snapshot) as RatingSnapshot, entry.projectId);
    const invoiceIds = [...new Set((await this.corrections.liveLinksOfEntry(manager, entry.id)).map((l) => l.invoice_id))];
    for (const invoiceId of invoiceIds) {
      const row = await this.repo.invoice(invoiceId, manager);
      if (!row) continue;
      const invoice = JSON.parse(row.content) as BillingInvoice;
      const { lines, added } = lineCorrections(invoice, entry.id, before, after);
      if (lines.length === 0 && added.length === 0) continue;
      const increases = lines.some((l) => [...l.deltas.values()].some((d) => d.gt(0)));
      const contract = await this.masterData.find('contract', invoice.contractId, manager);
      const le = await this.masterData.find('legalEntity', invoice.legalEntityId, manager);
      // A new charge fits no line of the invoice: it is credited in full and its time released, so the next run bills the corrected work whole.
      const policy: EntryCorrectionPolicy = added.length > 0 ? 'fullCredit' : correctionPolicyFor(contract?.attributes ?? {}, le?.attributes ?? {}, increases);
      const deltas = new Map(lines.map((l) => [l.lineId, l.deltas]));
      const issued = await this.invoices.issue(manager, actor, invoiceId, {
        policy: policy as RuntimeCorrectionPolicy, reason: 'correction', reasonText: `Time entry ${entry.id} corrected (revision ${entry.revision}).`,
        issueDate: new Date().toISOString().slice(0, 10), lines: policy === 'fullCredit' ? [] : lines.map((l) => ({ lineId: l.lineId, amount: l.amount })),
      }, policy === 'fullCredit' ? undefined : (result) => relieveAccrualDeltas(result, deltas), { entryId: entry.id, revision: entry.revision });
      await this.corrections.insertEntryCorrection(manager, {
        id: randomUUID(), entryId: entry.id, revision: entry.revision, ratingSeq: current.ratingSeq, invoiceId, policy, creditNoteId: issued.creditNote.id,
        reinvoiceId: issued.reinvoice?.id ?? null, now: new Date().toISOString(), correlationId: requestContext.correlationId(),
      });
      billing.invoices.push({
        invoiceId, policy, creditNote: { id: issued.creditNote.id, number: issued.creditNote.creditNoteNumber, total: issued.creditNote.total },
        reinvoice: issued.reinvoice ? { id: issued.reinvoice.id, number: issued.reinvoice.invoiceNumber, total: issued.reinvoice.total } : null,
        releasedEntryIds: issued.releasedEntryIds,
      });
    }
    return { rating, billing };
  }

  /**
   * An approved entry corrected while an open candidate proposes it: the candidate is billed again
   * from the latest ratings of its time, under the same id. Holds and write-downs on lines that are
   * still there are re-applied; approval is decided afresh, as the amounts changed.
   */
  async recalculateOpenCandidates(manager: EntityManager, actor: string, entry: TimeEntryEntity): Promise<EntryBillingOutcome['candidates']> {
    const out: EntryBillingOutcome['candidates'] = [];
    for (const row of await this.corrections.openCandidatesOfEntry(manager, entry.legalEntityId, entry.id)) {
      out.push(await this.recalculate(manager, actor, row, entry));
    }
    return out;
  }

  private async recalculate(manager: EntityManager, actor: string, row: CandidateRow, entry: TimeEntryEntity) {
    const before = JSON.parse(row.content) as BillingCandidate;
    const contract = await this.masterData.find('contract', before.contractId, manager);
    const le = await this.masterData.find('legalEntity', before.legalEntityId, manager);
    if (!contract || !le) throw new AppError('MASTER_DATA_NOT_FOUND', `Contract ${before.contractId} or legal entity ${before.legalEntityId} is not in master data.`);
    const entryIds = [...new Set((JSON.parse(row.dispositions) as { transactionId: string }[]).map((d) => entryOf(d.transactionId)))].sort();
    const transactions: BillableTransaction[] = [];
    for (const id of entryIds) {
      const snapshot = await this.corrections.latestSnapshot(manager, id);
      const te = await this.corrections.entry(manager, id);
      if (!snapshot || !te || te.status !== 'approved') continue;
      transactions.push(...await this.transactionsOf(manager, JSON.parse(snapshot.snapshot) as RatingSnapshot, te.project_id));
    }
    const states = (await this.repo.contractStates(manager)) as Record<string, ContractBillingState>;
    const reviewPolicy = (le.attributes.billingReviewPolicy ?? {}) as { autoApproveMax?: Record<string, string> };
    let result;
    try {
      result = runBilling({
        billingRunId: row.run_id, correlationId: requestContext.correlationId(), period: before.period, contracts: [{ ...contract.object, version: contract.version } as BillingContract],
        transactions, states, revenueAccounts: REVENUE_ACCOUNTS, reviewPolicy, accruals: Object.fromEntries(transactions.map((t) => [t.id, t.amount])),
      });
    } catch (err) {
      throw billingProblem(err);
    }
    const now = new Date().toISOString();
    let after = result.candidates.find((c) => c.id === row.id) ?? null;
    if (after && after.status === 'pendingReview') after = this.reapplyEdits(before, after, actor, now);
    const status = after?.status ?? 'rejected';
    await this.corrections.replaceCandidate(manager, {
      id: row.id, status, content: after ?? { ...before, status: 'rejected' }, now,
      dispositions: after ? result.dispositions.filter((d) => d.candidateId === row.id) : JSON.parse(row.dispositions), pendingState: after ? result.states[before.contractId] : undefined,
    });
    await this.audit.append(manager, {
      actor, action: 'invoiceCandidate.recalculated', entityType: 'invoiceCandidate', entityId: row.id, beforeHash: canonicalHash(before), afterHash: canonicalHash(after ?? null),
      details: { entryId: entry.id, revision: entry.revision, subtotalBefore: before.subtotal, subtotalAfter: after?.subtotal ?? null, status },
    });
    return { candidateId: row.id, status, subtotalBefore: before.subtotal, subtotalAfter: after?.subtotal ?? null };
  }

  private reapplyEdits(before: BillingCandidate, after: BillingCandidate, actor: string, at: string): BillingCandidate {
    let c = after;
    for (const old of before.lines) {
      const line = c.lines.find((l) => l.id === old.id);
      if (!line) continue;
      const ctx = { actor, at, reason: 're-applied after the candidate was recalculated' };
      if (old.held) c = holdLine(c, line.id, ctx).candidate;
      else if (new Decimal(old.writeOff.amount).gt(0)) {
        const amount = Decimal.min(new Decimal(old.writeOff.amount), new Decimal(line.amount.amount));
        if (amount.gt(0)) c = writeDownLine(c, line.id, amount.toFixed(places(line.amount)), ctx).candidate;
      }
    }
    return c;
  }

  private async transactionsOf(manager: EntityManager, snapshot: RatingSnapshot, projectId: string): Promise<BillableTransaction[]> {
    const project = await this.masterData.find('project', projectId, manager);
    return toBillableTransactions(snapshot, {
      correlationId: requestContext.correlationId(),
      ...(project?.object.contractId ? { contractId: project.object.contractId as string } : {}),
      ...(project?.object.serviceType ? { serviceType: project.object.serviceType as string } : {}),
    });
  }

  private async amounts(manager: EntityManager, snapshot: RatingSnapshot, projectId: string): Promise<Map<string, string>> {
    return new Map((await this.transactionsOf(manager, snapshot, projectId)).map((t) => [t.id, t.amount.amount]));
  }
}
