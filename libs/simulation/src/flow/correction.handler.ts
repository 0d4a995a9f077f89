import {
  allocateNumber, buildCreditNoteJournal, buildFullCreditNote, buildInvoiceJournal, cancelCreditNote, correctInvoice,
  type BillingCreditNote, type BillingInvoice, type BillingJournal, type FxContext,
} from '@mapwright/billing';
import { CURRENCY_MINOR_UNITS } from '@mapwright/canonical-model';
import Decimal from 'decimal.js';
import type { CancelCreditNoteEvent, CorrectInvoiceEvent } from '../model/scenario.types';
import { codedError, commitNumber, nextNumber, paymentTerms, postingFx, raise, type SimulationState } from './simulation.state';
import { fxRateFor } from '@mapwright/posting';

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Corrections convert at their own date's rate but relieve unbilled at the original invoice's accrual rate. */
function correctionFx(st: SimulationState, invoice: BillingInvoice, date: string): FxContext | undefined {
  const ctx = postingFx(st, invoice.legalEntityId);
  if (ctx.functionalCurrency === invoice.currency) return undefined;
  return { functionalCurrency: ctx.functionalCurrency, rate: fxRateFor(ctx, invoice.currency, date).toString(), approvalRate: st.approvalRates.get(invoice.id) };
}

/** A live full credit note of the invoice, if any: the invoice is then withdrawn. */
function fullCreditOf(st: SimulationState, invoiceId: string): BillingCreditNote | undefined {
  return [...st.creditNotes.values()].find((n) => n.originalInvoiceId === invoiceId && n.kind === 'full' && n.status === 'finalised');
}

function byNumber<T>(map: Map<string, T>, number: string, key: (x: T) => string): T | undefined {
  return [...map.values()].find((x) => key(x) === number);
}

/** Swaps every debit and credit of a billing journal: how a cancelled credit note leaves the ledger. */
export function reverseBillingJournal(journal: BillingJournal, id: string, date: string): BillingJournal {
  return {
    ...journal, id, date, period: date.slice(0, 7), description: `Reversal of ${journal.id}: ${journal.description}`,
    idempotencyKey: `${journal.idempotencyKey}:reversal`,
    lines: journal.lines.map((l) => ({ ...l, id: `${id}:${l.lineNumber}`, debit: l.credit, credit: l.debit, functionalDebit: l.functionalCredit, functionalCredit: l.functionalDebit })),
  };
}

/**
 * A correction after invoicing, by policy: a difference credit note; a full
 * credit note and a re-invoice; or a full credit note alone, which frees the
 * work to be billed again by a later run. History is never re-processed.
 */
export function onCorrectInvoice(st: SimulationState, ev: CorrectInvoiceEvent, eventIndex: number): void {
  const invoice = byNumber(st.invoices, ev.invoiceNumber, (i) => i.invoiceNumber);
  if (!invoice) {
    raise(st, eventIndex, 'correction', 'UNKNOWN_INVOICE', `No invoice numbered ${ev.invoiceNumber} was issued.`);
    return;
  }
  const withdrawnBy = fullCreditOf(st, invoice.id);
  if (withdrawnBy) {
    raise(st, eventIndex, 'correction', 'INVOICE_NOT_LIVE', `Invoice ${invoice.invoiceNumber} is credited in full by ${withdrawnBy.creditNoteNumber}; correct its re-invoice instead.`, { contractId: invoice.contractId });
    return;
  }
  const policy = ev.policy ?? st.policies.correctionPolicy ?? 'difference';
  const corrections = (ev.lines ?? []).map((l) => ({ lineId: invoice.lines[l.lineNumber - 1]?.id ?? `${invoice.id}:line-${l.lineNumber}`, amount: l.amount }));
  try {
    const cnNumber = allocateNumber(nextNumber(st, invoice.legalEntityId, 'creditNote'));
    const header = { creditNoteId: `cn:${cnNumber.number}`, creditNoteNumber: cnNumber.number, issueDate: ev.date, reason: ev.reason ?? 'correction', ...(ev.reasonText ? { reasonText: ev.reasonText } : {}) };
    let reNumber = null;
    let result: { creditNote: BillingCreditNote; reinvoice: BillingInvoice | null };
    if (policy === 'fullCredit') {
      result = { creditNote: buildFullCreditNote(invoice, header), reinvoice: null };
    } else if (policy === 'fullCreditAndReinvoice') {
      reNumber = allocateNumber(nextNumber(st, invoice.legalEntityId, 'invoice'));
      const dueDate = addDays(ev.date, paymentTerms(st, st.contracts.get(invoice.contractId), invoice.customerId));
      result = correctInvoice(invoice, corrections, policy, header, { invoiceId: `inv:${reNumber.number}`, invoiceNumber: reNumber.number, issueDate: ev.date, dueDate });
    } else {
      result = correctInvoice(invoice, corrections, policy, header);
    }
    const fx = correctionFx(st, invoice, ev.date);
    const note = result.creditNote;
    const journals = [buildCreditNoteJournal(note, { journalId: `je:${note.id}`, accounts: st.accounts, postingRule: st.billingRule, ...(fx ? { fx } : {}) })];
    let reinvoice = result.reinvoice;
    let ledger = st.ledger;
    const hasLinks = invoice.billableTransactionIds.length > 0;
    if (note.kind === 'full' && hasLinks) ledger = ledger.releaseForCreditNote(note.id, invoice.id);
    if (reinvoice) {
      if (fx) {
        const total = new Decimal(reinvoice.total.amount).mul(fx.rate).toDecimalPlaces(CURRENCY_MINOR_UNITS[fx.functionalCurrency as keyof typeof CURRENCY_MINOR_UNITS], Decimal.ROUND_HALF_UP);
        reinvoice = { ...reinvoice, functionalCurrency: fx.functionalCurrency, fxRate: fx.rate, functionalTotal: { amount: total.toFixed(CURRENCY_MINOR_UNITS[fx.functionalCurrency as keyof typeof CURRENCY_MINOR_UNITS]), currency: fx.functionalCurrency } };
      }
      journals.push(buildInvoiceJournal(reinvoice, { journalId: `je:${reinvoice.id}`, accounts: st.accounts, postingRule: st.billingRule, ...(fx ? { fx } : {}) }));
      if (reinvoice.billableTransactionIds.length > 0) ledger = ledger.link(reinvoice.id, reinvoice.billableTransactionIds);
    }
    // Everything succeeded: commit numbers, documents, links and statuses together.
    commitNumber(st, cnNumber.series);
    if (reNumber) commitNumber(st, reNumber.series);
    st.ledger = ledger;
    st.creditNotes.set(note.id, note);
    for (const j of journals) st.journals.push({ ...j, origin: 'billing' });
    if (note.kind === 'full') {
      st.releasedByCreditNote.set(note.id, note.releasedTransactionIds.map((id) => st.transactions.get(id)).filter((t) => t !== undefined));
      for (const id of note.releasedTransactionIds) {
        const tx = st.transactions.get(id);
        if (!tx) continue;
        const { invoiceId: _i, writeOffAmount: _w, ...rest } = tx;
        st.transactions.set(id, reinvoice ? { ...tx, invoiceId: reinvoice.id } : { ...rest, status: 'unbilled' });
      }
    }
    if (reinvoice) {
      st.invoices.set(reinvoice.id, reinvoice);
      st.approvalRates.set(reinvoice.id, st.approvalRates.get(invoice.id) ?? '1');
    }
  } catch (err) {
    const { code, message } = codedError(err);
    raise(st, eventIndex, 'correction', code, message, { contractId: invoice.contractId });
  }
}

/** Voids a credit note; a full one re-links its work to the original invoice, unless that work was billed again since. */
export function onCancelCreditNote(st: SimulationState, ev: CancelCreditNoteEvent, eventIndex: number): void {
  const note = byNumber(st.creditNotes, ev.creditNoteNumber, (n) => n.creditNoteNumber);
  if (!note) {
    raise(st, eventIndex, 'correction', 'UNKNOWN_CREDIT_NOTE', `No credit note numbered ${ev.creditNoteNumber} was issued.`);
    return;
  }
  try {
    const voided = cancelCreditNote(note);
    const ledger = note.kind === 'full' && note.releasedTransactionIds.length > 0 ? st.ledger.cancelCreditNote(note.id) : st.ledger;
    const journal = st.journals.find((j) => j.origin === 'billing' && j.id === `je:${note.id}`) as BillingJournal;
    st.ledger = ledger;
    st.creditNotes.set(note.id, voided);
    st.journals.push({ ...reverseBillingJournal(journal, `je:${note.id}:cancelled`, ev.date), origin: 'billing' });
    for (const tx of st.releasedByCreditNote.get(note.id) ?? []) st.transactions.set(tx.id, tx);
    st.releasedByCreditNote.delete(note.id);
  } catch (err) {
    const { code, message } = codedError(err);
    raise(st, eventIndex, 'correction', code, message);
  }
}
