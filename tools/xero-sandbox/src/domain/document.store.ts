import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import {
  XeroObject,
  checkAllocation,
  checkCreditNote,
  checkInvoice,
  checkManualJournal,
  computeTotals,
  toDecimal,
} from './business-rules';
import { WhereClause, matchesWhere } from './where-filter';

export type DocumentKind = 'Invoice' | 'CreditNote' | 'ManualJournal';

/** What the sandbox keeps for every document it accepted: the body as received and the ledger's view of it. */
export interface StoredDocument {
  tenantId: string;
  kind: DocumentKind;
  id: string;
  /** The Idempotency-Key of the request that created it, if the client sent one. */
  idempotencyKey?: string;
  receivedAt: string;
  received: XeroObject;
  document: XeroObject;
}

export type StoreResult = { ok: true; document: XeroObject } | { ok: false; messages: string[] };

const ID_FIELD: Record<DocumentKind, string> = { Invoice: 'InvoiceID', CreditNote: 'CreditNoteID', ManualJournal: 'ManualJournalID' };

/** Xero writes money with two decimals in JSON numbers; decimals are kept exact until this edge. */
function money(value: Decimal): number {
  return Number(value.toFixed(2));
}

function msDate(date: Date): string {
  return `/Date(${date.getTime()}+0000)/`;
}

export class DocumentStore {
  private readonly documents: StoredDocument[] = [];

  constructor(private readonly clock: () => Date = () => new Date()) {}

  all(): StoredDocument[] {
    return this.documents.map((stored) => structuredClone(stored));
  }

  clear(): void {
    this.documents.length = 0;
  }

  find(tenantId: string, kind: DocumentKind, id: string): XeroObject | undefined {
    return this.entry(tenantId, kind, id)?.document;
  }

  list(tenantId: string, kind: DocumentKind, clauses: WhereClause[], numbers?: string[]): XeroObject[] {
    return this.documents
      .filter((stored) => stored.tenantId === tenantId && stored.kind === kind)
      .map((stored) => stored.document)
      .filter((document) => matchesWhere(document, clauses))
      .filter((document) => !numbers || numbers.includes(document.InvoiceNumber ?? document.CreditNoteNumber));
  }

  /** Checks one document against the ledger without committing it (a batch is all-or-nothing). */
  check(tenantId: string, kind: DocumentKind, body: XeroObject): string[] {
    const existingId = body[ID_FIELD[kind]] as string | undefined;
    if (existingId && !this.entry(tenantId, kind, existingId)) {
      return [`${kind} ${existingId} could not be found.`];
    }
    const merged = existingId ? { ...this.entry(tenantId, kind, existingId)!.received, ...body } : body;
    switch (kind) {
      case 'Invoice':
        return checkInvoice(merged, (number) => this.numberTaken(tenantId, kind, 'InvoiceNumber', number, existingId));
      case 'CreditNote':
        return checkCreditNote(merged, (number) => this.numberTaken(tenantId, kind, 'CreditNoteNumber', number, existingId));
      case 'ManualJournal':
        return checkManualJournal(merged);
    }
  }

  /** Creates, or updates when the body carries the document's id (Xero's POST semantics). Call check() first. */
  commit(tenantId: string, kind: DocumentKind, body: XeroObject, idempotencyKey?: string): XeroObject {
    const idField = ID_FIELD[kind];
    const existing = body[idField] ? this.entry(tenantId, kind, body[idField]) : undefined;
    if (existing) {
      existing.received = { ...existing.received, ...body };
      existing.document = this.materialise(kind, existing.id, existing.received, existing.document);
      return structuredClone(existing.document);
    }
    const id = randomUUID();
    const now = this.clock();
    const stored: StoredDocument = {
      tenantId,
      kind,
      id,
      idempotencyKey,
      receivedAt: now.toISOString(),
      received: structuredClone(body),
      document: this.materialise(kind, id, body, undefined),
    };
    this.documents.push(stored);
    return structuredClone(stored.document);
  }

  allocate(tenantId: string, creditNoteId: string, allocation: XeroObject): StoreResult {
    const creditEntry = this.entry(tenantId, 'CreditNote', creditNoteId);
    if (!creditEntry) {
      return { ok: false, messages: [`CreditNote ${creditNoteId} could not be found.`] };
    }
    const invoiceEntry = allocation.Invoice?.InvoiceID ? this.entry(tenantId, 'Invoice', allocation.Invoice.InvoiceID) : undefined;
    const amount = toDecimal(allocation.Amount);
    const messages = checkAllocation({ creditNote: creditEntry.document, invoice: invoiceEntry?.document, amount });
    if (messages.length > 0 || !invoiceEntry || !amount) {
      return { ok: false, messages };
    }
    const credit = creditEntry.document;
    const invoice = invoiceEntry.document;
    const record = {
      AllocationID: randomUUID(),
      Amount: money(amount),
      Date: allocation.Date,
      Invoice: { InvoiceID: invoice.InvoiceID, InvoiceNumber: invoice.InvoiceNumber },
      CreditNote: { CreditNoteID: credit.CreditNoteID, CreditNoteNumber: credit.CreditNoteNumber },
    };
    credit.RemainingCredit = money(new Decimal(String(credit.RemainingCredit)).minus(amount));
    credit.AppliedAmount = money(new Decimal(String(credit.AppliedAmount ?? 0)).plus(amount));
    credit.Allocations = [...(credit.Allocations ?? []), record];
    if (credit.RemainingCredit === 0) {
      credit.Status = 'PAID';
    }
    invoice.AmountDue = money(new Decimal(String(invoice.AmountDue)).minus(amount));
    invoice.AmountCredited = money(new Decimal(String(invoice.AmountCredited ?? 0)).plus(amount));
    invoice.CreditNotes = [...(invoice.CreditNotes ?? []), { CreditNoteID: credit.CreditNoteID, AppliedAmount: record.Amount }];
    if (invoice.AmountDue === 0) {
      invoice.Status = 'PAID';
      invoice.FullyPaidOnDate = msDate(this.clock());
    }
    const stamp = msDate(this.clock());
    credit.UpdatedDateUTC = stamp;
    invoice.UpdatedDateUTC = stamp;
    return { ok: true, document: structuredClone(record) };
  }

  private entry(tenantId: string, kind: DocumentKind, id: string): StoredDocument | undefined {
    return this.documents.find((stored) => stored.tenantId === tenantId && stored.kind === kind && stored.id === id);
  }

  private numberTaken(tenantId: string, kind: DocumentKind, field: string, number: string, exceptId?: string): boolean {
    return this.documents.some(
      (stored) => stored.tenantId === tenantId && stored.kind === kind && stored.id !== exceptId && stored.document[field] === number,
    );
  }

  /** The ledger's view: ids, computed totals and balances; client-sent totals are replaced by computed ones. */
  private materialise(kind: DocumentKind, id: string, body: XeroObject, previous: XeroObject | undefined): XeroObject {
    const stamp = msDate(this.clock());
    const document: XeroObject = { ...structuredClone(body), [ID_FIELD[kind]]: id, UpdatedDateUTC: stamp };
    if (kind === 'ManualJournal') {
      document.Status = body.Status ?? 'DRAFT';
      document.LineAmountTypes = body.LineAmountTypes ?? 'NoTax';
      return document;
    }
    // Xero numbers a sales document itself when the client leaves the number out.
    const numberField = kind === 'Invoice' ? 'InvoiceNumber' : 'CreditNoteNumber';
    document[numberField] = body[numberField] ?? previous?.[numberField] ?? `${kind === 'Invoice' ? 'INV' : 'CN'}-${String(this.documents.length + 1).padStart(4, '0')}`;
    const lineAmountTypes = body.LineAmountTypes ?? 'Exclusive';
    const totals = computeTotals(body.LineItems, lineAmountTypes);
    document.LineAmountTypes = lineAmountTypes;
    document.Status = body.Status ?? 'DRAFT';
    document.SubTotal = money(totals.subTotal);
    document.TotalTax = money(totals.totalTax);
    document.Total = money(totals.total);
    document.LineItems = (body.LineItems ?? []).map((line: XeroObject, index: number) => ({
      ...line,
      LineItemID: previous?.LineItems?.[index]?.LineItemID ?? randomUUID(),
    }));
    if (kind === 'Invoice') {
      document.AmountPaid = 0;
      document.AmountCredited = previous?.AmountCredited ?? 0;
      document.AmountDue = money(totals.total.minus(String(document.AmountCredited)));
    } else {
      document.AppliedAmount = previous?.AppliedAmount ?? 0;
      document.RemainingCredit = money(totals.total.minus(String(document.AppliedAmount)));
      document.Allocations = previous?.Allocations ?? [];
    }
    return document;
  }
}
