import { BillingError } from '../errors/billing.error';
import { documentTaxModes, documentTotals, taxLines } from '../finalise/invoice.finaliser';
import { allocate, compare, fromMinor, isZero, money, sub, toMinor, zero, type Money } from '../money/billing.money';
import type { CandidateLine } from '../model/billing.types';
import type { BillingCreditNote, BillingInvoice, InvoicedLine } from '../model/invoice.types';

/** A corrected amount for one invoice line (same basis as the line amount); lines not named are unchanged. */
export interface LineCorrection {
  lineId: string;
  amount: string;
}

export type CorrectionPolicy = 'difference' | 'fullCreditAndReinvoice';

export interface CreditNoteHeader {
  creditNoteId: string;
  creditNoteNumber: string;
  issueDate: string;
  reason: BillingCreditNote['reason'];
  reasonText?: string;
}

export interface ReinvoiceHeader {
  invoiceId: string;
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
}

export interface CorrectionResult {
  creditNote: BillingCreditNote;
  /** Only under fullCreditAndReinvoice: the corrected invoice, taxed with the original rules. */
  reinvoice: BillingInvoice | null;
}

function correctedLines(invoice: BillingInvoice, corrections: readonly LineCorrection[]): InvoicedLine[] {
  const byId = new Map(invoice.lines.map((l) => [l.id, l]));
  const amounts = new Map<string, string>();
  for (const c of corrections) {
    const line = byId.get(c.lineId);
    if (!line) throw new BillingError('BILLING_UNKNOWN_LINE', `Invoice ${invoice.id} has no line ${c.lineId}.`, { invoiceId: invoice.id, lineId: c.lineId });
    if (toMinor(money(c.amount, invoice.currency)).isNegative()) throw new BillingError('BILLING_INVALID_CORRECTION', `Corrected amount of ${c.lineId} is negative.`, { lineId: c.lineId });
    amounts.set(c.lineId, c.amount);
  }
  const lines: CandidateLine[] = invoice.lines.map((l) => {
    const corrected = amounts.get(l.id);
    if (corrected === undefined) return l;
    const amount = money(corrected, invoice.currency);
    // The corrected amount replaces the rated one; the earlier write-off is already journalled on the original.
    // The accruals stay: a re-invoice relieves what was accrued and takes the change to revenue.
    return { ...l, ratedAmount: amount, writeOff: zero(invoice.currency), amount };
  });
  return taxLines(lines, new Map(invoice.lines.map((l) => [l.id, l.tax])), invoice.currency);
}

function creditLine(line: InvoicedLine, amount: Money, taxAmount: Money, lineNumber: number, creditRole: InvoicedLine['creditRole'], full: boolean, writeOff = zero(line.amount.currency)): InvoicedLine {
  const net = line.tax.calculation === 'inclusive' ? sub(amount, taxAmount) : amount;
  // A full note gives back the accrual the invoice relieved; a difference note only takes back revenue.
  const accruals = full ? line.accruals : [];
  return { ...line, id: `${line.id}:cn`, lineNumber, creditRole, ratedAmount: fromMinor(toMinor(amount).add(toMinor(writeOff)), amount.currency), writeOff, amount, taxAmount, netAmount: net, accruals };
}

function header(invoice: BillingInvoice, h: CreditNoteHeader, kind: BillingCreditNote['kind'], lines: InvoicedLine[], released: string[]): BillingCreditNote {
  const absorbedTransactions = kind === 'full' ? invoice.absorbedTransactions : [];
  const totals = documentTotals(lines, invoice.currency);
  const note: BillingCreditNote = {
    id: h.creditNoteId, creditNoteNumber: h.creditNoteNumber, kind, legalEntityId: invoice.legalEntityId, customerId: invoice.customerId,
    originalInvoiceId: invoice.id, issueDate: h.issueDate, currency: invoice.currency, reason: h.reason, lines, ...totals,
    status: 'finalised', releasedTransactionIds: released, absorbedTransactions, correlationId: invoice.correlationId,
  };
  if (h.reasonText) note.reasonText = h.reasonText;
  return note;
}

/**
 * Credit note for the difference between an invoice and its correction. Tax
 * is credited as the original tax less the corrected document's tax; under
 * per-document rounding that difference is spread over the credited lines,
 * so the note nets to exactly what a full credit and re-invoice would.
 * Increases are refused: they need a full credit and re-invoice.
 */
export function buildDifferenceCreditNote(invoice: BillingInvoice, corrections: readonly LineCorrection[], h: CreditNoteHeader): BillingCreditNote {
  const corrected = correctedLines(invoice, corrections);
  const raised = corrected.filter((l, i) => compare(l.amount, invoice.lines[i].amount) > 0);
  if (raised.length > 0) {
    throw new BillingError('BILLING_INVALID_CORRECTION', `Lines ${raised.map((l) => l.id).join(', ')} would increase; use a full credit and re-invoice.`, { invoiceId: invoice.id });
  }
  const { taxRounding } = documentTaxModes(invoice.lines, invoice.id);
  const diffs = invoice.lines.map((l, i) => ({ line: l, amount: sub(l.amount, corrected[i].amount), tax: sub(l.taxAmount, corrected[i].taxAmount) }));
  // Per-document tax is re-spread over the lines, so only lines whose amount changed are credited.
  const credited = diffs.filter((d) => !isZero(d.amount) || (taxRounding === 'perLine' && !isZero(d.tax)));
  if (credited.length === 0) throw new BillingError('BILLING_INVALID_CORRECTION', `The correction leaves invoice ${invoice.id} unchanged.`, { invoiceId: invoice.id });
  let taxes = credited.map((d) => d.tax);
  if (taxRounding === 'perDocument') {
    const taxDiff = sub(invoice.taxTotal, documentTotals(corrected, invoice.currency).taxTotal);
    taxes = allocate(taxDiff, credited.map((d) => toMinor(d.amount)));
  }
  const lines = credited.map((d, i) => creditLine(d.line, d.amount, taxes[i], i + 1, 'revenue', false));
  return header(invoice, h, 'difference', lines, []);
}

/** Full credit of every invoiced line; it frees the invoice's transactions for re-billing. */
export function buildFullCreditNote(invoice: BillingInvoice, h: CreditNoteHeader): BillingCreditNote {
  const lines = invoice.lines.map((l, i) => creditLine(l, l.amount, l.taxAmount, i + 1, l.creditRole, true, l.writeOff));
  return header(invoice, h, 'full', lines, [...invoice.billableTransactionIds]);
}

/**
 * Applies a correction by policy. `difference` issues one credit note;
 * `fullCreditAndReinvoice` credits everything and re-issues the corrected
 * invoice with the original tax rules. Either way the customer owes the same.
 */
export function correctInvoice(invoice: BillingInvoice, corrections: readonly LineCorrection[], policy: CorrectionPolicy, h: CreditNoteHeader, reinvoice?: ReinvoiceHeader): CorrectionResult {
  if (invoice.status !== 'finalised') throw new BillingError('BILLING_INVALID_CORRECTION', `Invoice ${invoice.id} is ${invoice.status}.`, { invoiceId: invoice.id });
  if (policy === 'difference') return { creditNote: buildDifferenceCreditNote(invoice, corrections, h), reinvoice: null };
  if (!reinvoice) throw new BillingError('BILLING_INVALID_CORRECTION', 'A full credit and re-invoice needs the new invoice id, number and dates.', { invoiceId: invoice.id });
  const lines = correctedLines(invoice, corrections).map((l, i) => ({ ...l, id: `${reinvoice.invoiceId}:${i + 1}`, lineNumber: i + 1 }));
  const reissued: BillingInvoice = {
    ...invoice, id: reinvoice.invoiceId, invoiceNumber: reinvoice.invoiceNumber, issueDate: reinvoice.issueDate, dueDate: reinvoice.dueDate,
    lines, ...documentTotals(lines, invoice.currency), revenueReleases: [], status: 'finalised',
    notes: `Re-issued in place of ${invoice.invoiceNumber}.`,
  };
  // The re-invoice converts at its own date's rate; the caller sets it.
  delete reissued.functionalTotal;
  delete reissued.fxRate;
  delete reissued.functionalCurrency;
  return { creditNote: buildFullCreditNote(invoice, h), reinvoice: reissued };
}

/** Voids a credit note; the caller applies `BillingLedger.cancelCreditNote` when it was a full one. */
export function cancelCreditNote(creditNote: BillingCreditNote): BillingCreditNote {
  if (creditNote.status === 'void') throw new BillingError('BILLING_INVALID_CORRECTION', `Credit note ${creditNote.id} is already void.`, { creditNoteId: creditNote.id });
  return { ...creditNote, status: 'void' };
}
