import type { CreditNote, Invoice, InvoiceLine, JournalEntry, JournalLine } from '@mapwright/canonical-model';
import { toCanonicalLineage } from '../lineage/line.lineage';
import { isZero } from '../money/billing.money';
import type { BillingJournal } from '../journal/invoice-journal.builder';
import type { BillingCreditNote, BillingInvoice, InvoicedLine } from '../model/invoice.types';

/**
 * Billing keeps more than the canonical objects hold (credit role, contract
 * version, entry revisions, absorbed time). These give the schema-valid
 * canonical objects the outbound mappings read; the write-off shows as the
 * line discount.
 */
export function toCanonicalInvoiceLine(line: InvoicedLine): InvoiceLine {
  const out: InvoiceLine = {
    id: line.id, externalRefs: [], lineNumber: line.lineNumber, description: line.description, quantity: line.quantity, unitPrice: line.unitPrice,
    amount: line.amount, taxCodeId: line.taxCodeId, taxRate: line.taxRate, taxAmount: line.taxAmount, glAccountId: line.glAccountId,
    servicePeriod: line.servicePeriod, lineage: toCanonicalLineage(line.lineage),
  };
  if (!isZero(line.writeOff)) out.discount = line.writeOff;
  if (line.projectId) out.projectId = line.projectId;
  if (line.taskId) out.taskId = line.taskId;
  if (line.employeeId) out.employeeId = line.employeeId;
  if (line.serviceType) out.serviceType = line.serviceType;
  return out;
}

function lines(items: readonly InvoicedLine[]): [InvoiceLine, ...InvoiceLine[]] {
  return items.map(toCanonicalInvoiceLine) as [InvoiceLine, ...InvoiceLine[]];
}

export function toCanonicalInvoice(invoice: BillingInvoice): Invoice {
  const out: Invoice = {
    id: invoice.id, externalRefs: [], invoiceNumber: invoice.invoiceNumber, legalEntityId: invoice.legalEntityId, customerId: invoice.customerId,
    contractId: invoice.contractId, invoiceCandidateId: invoice.invoiceCandidateId, issueDate: invoice.issueDate, dueDate: invoice.dueDate,
    currency: invoice.currency, lines: lines(invoice.lines), subtotal: invoice.subtotal, taxTotal: invoice.taxTotal, total: invoice.total,
    taxCalculation: invoice.taxCalculation, taxRounding: invoice.taxRounding, status: invoice.status, correlationId: invoice.correlationId,
  };
  if (invoice.purchaseOrderNumber) out.purchaseOrderNumber = invoice.purchaseOrderNumber;
  if (invoice.notes) out.notes = invoice.notes;
  if (invoice.functionalCurrency) out.functionalCurrency = invoice.functionalCurrency;
  if (invoice.fxRate) out.fxRate = invoice.fxRate;
  if (invoice.functionalTotal) out.functionalTotal = invoice.functionalTotal;
  return out;
}

export function toCanonicalCreditNote(note: BillingCreditNote): CreditNote {
  const out: CreditNote = {
    id: note.id, externalRefs: [], creditNoteNumber: note.creditNoteNumber, legalEntityId: note.legalEntityId, customerId: note.customerId,
    originalInvoiceId: note.originalInvoiceId, issueDate: note.issueDate, currency: note.currency, reason: note.reason, lines: lines(note.lines),
    subtotal: note.subtotal, taxTotal: note.taxTotal, total: note.total, status: note.status, correlationId: note.correlationId,
  };
  if (note.reasonText) out.reasonText = note.reasonText;
  return out;
}

export function toCanonicalJournalEntry(journal: BillingJournal): JournalEntry {
  const out = journal.lines.map((l): JournalLine => {
    const { role: _role, ...line } = l;
    return line;
  });
  const { lines: _lines, ...head } = journal;
  return { ...head, lines: out as [JournalLine, JournalLine, ...JournalLine[]] };
}
