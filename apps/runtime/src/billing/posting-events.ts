import { toCanonicalCreditNote, toCanonicalInvoice, type BillingCreditNote, type BillingInvoice } from '@mapwright/billing';
import type { OutboxEvent } from '../messaging/outbox.service';

/** `invoice.finalised` in the shape ERP delivery consumes: the canonical document, keyed by doc id and revision. */
export function invoiceFinalised(invoice: BillingInvoice, journalId: string): OutboxEvent {
  return {
    type: 'invoice.finalised', partitionKey: `${invoice.legalEntityId}:invoice:${invoice.id}`, legalEntity: invoice.legalEntityId,
    payload: { legalEntityId: invoice.legalEntityId, docType: 'invoice', docId: invoice.id, revision: 1, journalId, document: toCanonicalInvoice(invoice) as unknown as Record<string, unknown> },
  };
}

export function creditNoteFinalised(note: BillingCreditNote, journalId: string): OutboxEvent {
  return {
    type: 'creditNote.finalised', partitionKey: `${note.legalEntityId}:creditNote:${note.id}`, legalEntity: note.legalEntityId,
    payload: { legalEntityId: note.legalEntityId, docType: 'creditNote', docId: note.id, revision: 1, journalId, document: toCanonicalCreditNote(note) as unknown as Record<string, unknown> },
  };
}
