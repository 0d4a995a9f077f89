import { lineageRefs, type BillingCandidate, type BillingCreditNote, type BillingInvoice } from '@mapwright/billing';

/** A candidate as reviewers see it: lines with amounts, write-offs, hold flags and lineage refs. */
export function candidateView(c: BillingCandidate) {
  return {
    id: c.id, billingRunId: c.billingRunId, status: c.status, legalEntityId: c.legalEntityId, customerId: c.customerId, contractId: c.contractId,
    contractVersion: c.contractVersion, period: c.period, currency: c.currency, subtotal: c.subtotal, approval: c.approval,
    exceptions: c.exceptions, billableTransactionIds: c.billableTransactionIds,
    lines: c.lines.map((l) => ({ ...l, lineageRefs: lineageRefs(l.lineage) })),
  };
}

/** An invoice with, per line, its lineage (time entries and revisions, rate card, contract, tax rule, posting rule). */
export function invoiceView(invoice: BillingInvoice, extra: { status: string; journal: unknown; creditNotes: BillingCreditNote[]; links: { transactionId: string; entryId: string; live: boolean }[] }) {
  return {
    ...invoice, status: extra.status,
    lines: invoice.lines.map((l) => ({ ...l, lineageRefs: lineageRefs(l.lineage) })),
    journal: extra.journal, creditNotes: extra.creditNotes, links: extra.links,
  };
}
