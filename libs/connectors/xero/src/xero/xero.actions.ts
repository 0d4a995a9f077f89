import Decimal from 'decimal.js';
import { ActionContext, ErpDocumentRef, defineReadAction, defineWriteAction } from '../framework/connector.definition';
import { ConnectorError } from '../framework/connector-error';
import { XeroTenantTransport } from './xero-http.transport';

/** Money and quantities: decimal strings preferred ("150.00"); numbers accepted from mapping output. */
export type XeroMoney = string | number;

export interface XeroLineItem {
  Description?: string;
  Quantity?: XeroMoney;
  UnitAmount?: XeroMoney;
  LineAmount?: XeroMoney;
  TaxAmount?: XeroMoney;
  AccountCode?: string;
  TaxType?: string;
  [field: string]: unknown;
}

interface XeroSalesDocument {
  Contact: { ContactID?: string; Name?: string; [field: string]: unknown };
  Date?: string;
  DueDate?: string;
  LineAmountTypes?: 'Exclusive' | 'Inclusive' | 'NoTax';
  Reference?: string;
  CurrencyCode?: string;
  Status?: 'DRAFT' | 'SUBMITTED' | 'AUTHORISED';
  LineItems: XeroLineItem[];
  [field: string]: unknown;
}

export interface XeroInvoicePayload extends XeroSalesDocument {
  Type: 'ACCREC';
  InvoiceNumber?: string;
}

export interface XeroCreditNotePayload extends XeroSalesDocument {
  Type: 'ACCRECCREDIT';
  CreditNoteNumber?: string;
}

export interface XeroManualJournalPayload {
  Narration: string;
  Date?: string;
  Status?: 'DRAFT' | 'POSTED';
  LineAmountTypes?: 'Exclusive' | 'Inclusive' | 'NoTax';
  JournalLines: Array<{ LineAmount: XeroMoney; AccountCode?: string; Description?: string; [field: string]: unknown }>;
  [field: string]: unknown;
}

export interface XeroAllocationPayload {
  /** The Xero id of the credit note being applied. */
  CreditNoteID: string;
  Amount: XeroMoney;
  Date: string;
  Invoice: { InvoiceID: string };
}

export type XeroCollection = 'Invoices' | 'CreditNotes' | 'ManualJournals';

export interface FindByReferenceInput {
  collection: XeroCollection;
  /** `Type` (`ACCREC`, `ACCRECCREDIT`) lists every live sales document of a tenant, for reconciliation. */
  field: 'Reference' | 'InvoiceNumber' | 'CreditNoteNumber' | 'Narration' | 'Type';
  value: string;
}

type Context = ActionContext<XeroTenantTransport>;

/** Documents that no longer count: a voided or deleted document is not "the one we sent". */
const DEAD_STATUSES = new Set(['DELETED', 'VOIDED']);

/** A Xero `where` equality clause with the value quoted as Xero's filter syntax expects. */
export function whereEquals(field: string, value: string): string {
  return `${field}=="${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

async function findLive(context: Context, collection: XeroCollection, where: string): Promise<Record<string, any>[]> {
  const body = await context.transport.request('GET', `/${collection}`, { query: { where } });
  return ((body[collection] ?? []) as Record<string, any>[]).filter((doc) => !DEAD_STATUSES.has(doc.Status));
}

/** Exactly one match settles it; several mean the natural key is not unique and a person must look. */
function single(matches: Record<string, any>[], idField: string, numberField: string | undefined, description: string): ErpDocumentRef | undefined {
  if (matches.length === 0) {
    return undefined;
  }
  if (matches.length > 1) {
    throw new ConnectorError(
      'XERO_LOOKUP_NOT_UNIQUE',
      `${matches.length} Xero documents match ${description}; the delivery cannot tell which one it created.`,
      'conflict',
    );
  }
  const [doc] = matches;
  return { erpDocumentId: doc[idField], erpDocumentNumber: numberField ? doc[numberField] : undefined, erpStatus: doc.Status };
}

function firstOf(body: Record<string, any>, collection: string, idField: string, numberField?: string): ErpDocumentRef {
  const doc = (body[collection] ?? [])[0];
  if (!doc?.[idField]) {
    throw new ConnectorError('XERO_UNEXPECTED_RESPONSE', `Xero answered without a ${idField}.`, 'ambiguous');
  }
  return { erpDocumentId: doc[idField], erpDocumentNumber: numberField ? doc[numberField] : undefined, erpStatus: doc.Status };
}

function salesLookupClause(payload: XeroSalesDocument, numberField: 'InvoiceNumber' | 'CreditNoteNumber'): string {
  const number = payload[numberField] as string | undefined;
  if (number) {
    return whereEquals(numberField, number);
  }
  if (payload.Reference) {
    return whereEquals('Reference', payload.Reference);
  }
  throw new ConnectorError(
    'XERO_LOOKUP_KEY_MISSING',
    `A document without ${numberField} or Reference cannot be found again after an ambiguous outcome.`,
    'configuration',
  );
}

export const createInvoice = defineWriteAction<XeroTenantTransport, XeroInvoicePayload>({
  name: 'createInvoice',
  description: 'Create one sales invoice (PUT /Invoices; create-only, never updates).',
  async run(context, payload, idempotencyKey) {
    const body = await context.transport.request('PUT', '/Invoices', { body: { Invoices: [payload] }, idempotencyKey });
    return firstOf(body, 'Invoices', 'InvoiceID', 'InvoiceNumber');
  },
  async lookup(context, payload) {
    const clause = salesLookupClause(payload, 'InvoiceNumber');
    return single(await findLive(context, 'Invoices', `${clause} AND Type=="ACCREC"`), 'InvoiceID', 'InvoiceNumber', clause);
  },
});

export const createCreditNote = defineWriteAction<XeroTenantTransport, XeroCreditNotePayload>({
  name: 'createCreditNote',
  description: 'Create one sales credit note (PUT /CreditNotes).',
  async run(context, payload, idempotencyKey) {
    const body = await context.transport.request('PUT', '/CreditNotes', { body: { CreditNotes: [payload] }, idempotencyKey });
    return firstOf(body, 'CreditNotes', 'CreditNoteID', 'CreditNoteNumber');
  },
  async lookup(context, payload) {
    const clause = salesLookupClause(payload, 'CreditNoteNumber');
    return single(await findLive(context, 'CreditNotes', `${clause} AND Type=="ACCRECCREDIT"`), 'CreditNoteID', 'CreditNoteNumber', clause);
  },
});

export const allocateCreditNote = defineWriteAction<XeroTenantTransport, XeroAllocationPayload>({
  name: 'allocateCreditNote',
  description: 'Apply part or all of a credit note to an invoice (PUT /CreditNotes/{id}/Allocations).',
  async run(context, payload, idempotencyKey) {
    const { CreditNoteID, ...allocation } = payload;
    const body = await context.transport.request('PUT', `/CreditNotes/${encodeURIComponent(CreditNoteID)}/Allocations`, {
      body: { Allocations: [allocation] },
      idempotencyKey,
    });
    return firstOf(body, 'Allocations', 'AllocationID');
  },
  async lookup(context, payload) {
    const body = await context.transport.request('GET', `/CreditNotes/${encodeURIComponent(payload.CreditNoteID)}`);
    const allocations = ((body.CreditNotes ?? [])[0]?.Allocations ?? []) as Array<Record<string, any>>;
    const amount = new Decimal(String(payload.Amount));
    const matches = allocations.filter(
      (a) => a.Invoice?.InvoiceID === payload.Invoice.InvoiceID && new Decimal(String(a.Amount)).equals(amount) && a.Date === payload.Date,
    );
    return single(matches, 'AllocationID', undefined, `an allocation of ${amount.toFixed()} to invoice ${payload.Invoice.InvoiceID}`);
  },
});

export const createManualJournal = defineWriteAction<XeroTenantTransport, XeroManualJournalPayload>({
  name: 'createManualJournal',
  description: 'Post one balanced manual journal (PUT /ManualJournals). Its Narration is its natural key.',
  async run(context, payload, idempotencyKey) {
    const body = await context.transport.request('PUT', '/ManualJournals', { body: { ManualJournals: [payload] }, idempotencyKey });
    return firstOf(body, 'ManualJournals', 'ManualJournalID');
  },
  async lookup(context, payload) {
    const where = whereEquals('Narration', payload.Narration);
    // Date is compared here rather than in `where`, since Xero's filter wants DateTime(…) syntax for dates.
    const matches = (await findLive(context, 'ManualJournals', where)).filter((doc) => !payload.Date || sameDay(doc.Date, payload.Date));
    return single(matches, 'ManualJournalID', undefined, where);
  },
});

/** Xero answers dates as `2025-04-01T00:00:00` or `/Date(1743465600000+0000)/`; a payload says `2025-04-01`. */
function sameDay(xeroDate: unknown, isoDate: string): boolean {
  if (typeof xeroDate !== 'string') {
    return false;
  }
  const ms = /^\/Date\((-?\d+)/.exec(xeroDate);
  const day = ms ? new Date(Number(ms[1])).toISOString().slice(0, 10) : xeroDate.slice(0, 10);
  return day === isoDate.slice(0, 10);
}

export const findByReference = defineReadAction<XeroTenantTransport, FindByReferenceInput, Record<string, any>[]>({
  name: 'findByReference',
  description: 'Find live documents whose Reference, number or Narration equals a value.',
  async run(context, input) {
    return findLive(context, input.collection, whereEquals(input.field, input.value));
  },
});
