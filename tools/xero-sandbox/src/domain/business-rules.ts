import Decimal from 'decimal.js';

/**
 * The subset of Xero's own business validation that matters to a sales ledger integration.
 * Messages follow Xero's wording where it is known, so a connector sees what production would say.
 */

export type XeroObject = Record<string, any>;

/** Xero accepts a line total within one cent of Quantity × UnitAmount after its own rounding. */
const LINE_TOLERANCE = new Decimal('0.01');

export function toDecimal(value: unknown): Decimal | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // String(number) is the shortest round-trip form, so 0.1 stays 0.1 rather than 0.1000000000000000055….
    return new Decimal(String(value));
  }
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return new Decimal(value);
  }
  return undefined;
}

export interface LineTotals {
  subTotal: Decimal;
  totalTax: Decimal;
  total: Decimal;
}

/** Line checks shared by invoices and credit notes; returns messages in Xero's style. */
export function checkLineItems(lines: XeroObject[] | undefined, status: string | undefined): string[] {
  const messages: string[] = [];
  if (!lines || lines.length === 0) {
    if (status && status !== 'DRAFT') {
      messages.push('At least one line item is required to approve a document.');
    }
    return messages;
  }
  lines.forEach((line, index) => {
    const label = `Line ${index + 1}`;
    if (!line.Description && !line.ItemCode) {
      messages.push(`${label}: Description cannot be empty.`);
    }
    const quantity = toDecimal(line.Quantity);
    const unit = toDecimal(line.UnitAmount);
    const amount = toDecimal(line.LineAmount);
    if (quantity && unit && amount) {
      const discount = toDecimal(line.DiscountRate) ?? new Decimal(0);
      const expected = quantity.times(unit).times(new Decimal(100).minus(discount)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      if (expected.minus(amount).abs().greaterThan(LINE_TOLERANCE)) {
        messages.push(
          `${label}: The line total ${amount.toFixed()} does not match the expected line total ${expected.toFixed(2)} (Quantity × UnitAmount).`,
        );
      }
    }
    if (amount === undefined && (quantity === undefined || unit === undefined)) {
      messages.push(`${label}: A LineAmount, or a Quantity and UnitAmount, must be given.`);
    }
    if (!line.AccountCode && !line.AccountID && !line.ItemCode && status && status !== 'DRAFT') {
      messages.push(`${label}: Account code must be specified.`);
    }
  });
  return messages;
}

export function lineAmount(line: XeroObject): Decimal {
  return (
    toDecimal(line.LineAmount) ??
    (toDecimal(line.Quantity) ?? new Decimal(0)).times(toDecimal(line.UnitAmount) ?? 0).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
  );
}

export function computeTotals(lines: XeroObject[] | undefined, lineAmountTypes: string | undefined): LineTotals {
  let gross = new Decimal(0);
  let tax = new Decimal(0);
  for (const line of lines ?? []) {
    gross = gross.plus(lineAmount(line));
    tax = tax.plus(lineAmountTypes === 'NoTax' ? 0 : (toDecimal(line.TaxAmount) ?? 0));
  }
  if (lineAmountTypes === 'Inclusive') {
    return { subTotal: gross.minus(tax), totalTax: tax, total: gross };
  }
  return { subTotal: gross, totalTax: tax, total: gross.plus(tax) };
}

/** Totals a client chose to send must agree with the lines; Xero rejects a document whose totals disagree. */
function checkDeclaredTotals(document: XeroObject, totals: LineTotals): string[] {
  const messages: string[] = [];
  const declared: Array<[string, Decimal]> = [
    ['SubTotal', totals.subTotal],
    ['TotalTax', totals.totalTax],
    ['Total', totals.total],
  ];
  for (const [field, computed] of declared) {
    const given = toDecimal(document[field]);
    if (given && !given.equals(computed)) {
      messages.push(`${field} ${given.toFixed()} does not equal the sum of the line items (${computed.toFixed(2)}).`);
    }
  }
  return messages;
}

function checkContact(document: XeroObject): string[] {
  const contact = document.Contact;
  if (!contact || (!contact.ContactID && !contact.Name && !contact.ContactNumber)) {
    return ['A Contact must be specified for this type of transaction'];
  }
  return [];
}

export function checkInvoice(invoice: XeroObject, isInvoiceNumberTaken: (number: string) => boolean): string[] {
  const messages: string[] = [];
  if (invoice.Type !== 'ACCREC') {
    messages.push(`The sandbox ledger accepts sales invoices only: Type must be ACCREC, not ${invoice.Type ?? 'empty'}.`);
  }
  messages.push(...checkContact(invoice));
  messages.push(...checkLineItems(invoice.LineItems, invoice.Status));
  messages.push(...checkDeclaredTotals(invoice, computeTotals(invoice.LineItems, invoice.LineAmountTypes)));
  if (invoice.InvoiceNumber && isInvoiceNumberTaken(invoice.InvoiceNumber)) {
    messages.push('Invoice # must be unique.');
  }
  if (invoice.Status && !['DRAFT', 'SUBMITTED', 'AUTHORISED'].includes(invoice.Status)) {
    messages.push(`Invoice status ${invoice.Status} cannot be set when creating an invoice.`);
  }
  return messages;
}

export function checkCreditNote(creditNote: XeroObject, isNumberTaken: (number: string) => boolean): string[] {
  const messages: string[] = [];
  if (creditNote.Type !== 'ACCRECCREDIT') {
    messages.push(`The sandbox ledger accepts sales credit notes only: Type must be ACCRECCREDIT, not ${creditNote.Type ?? 'empty'}.`);
  }
  messages.push(...checkContact(creditNote));
  messages.push(...checkLineItems(creditNote.LineItems, creditNote.Status));
  messages.push(...checkDeclaredTotals(creditNote, computeTotals(creditNote.LineItems, creditNote.LineAmountTypes)));
  if (creditNote.CreditNoteNumber && isNumberTaken(creditNote.CreditNoteNumber)) {
    messages.push('Credit Note # must be unique.');
  }
  if (creditNote.Status && !['DRAFT', 'SUBMITTED', 'AUTHORISED'].includes(creditNote.Status)) {
    messages.push(`Credit note status ${creditNote.Status} cannot be set when creating a credit note.`);
  }
  return messages;
}

export function checkManualJournal(journal: XeroObject): string[] {
  const messages: string[] = [];
  const lines: XeroObject[] = journal.JournalLines ?? [];
  if (lines.length < 2) {
    messages.push('A manual journal must have at least two journal lines.');
  }
  let sum = new Decimal(0);
  let debits = new Decimal(0);
  lines.forEach((line, index) => {
    const amount = toDecimal(line.LineAmount);
    if (amount === undefined) {
      messages.push(`Journal line ${index + 1}: LineAmount is required.`);
      return;
    }
    if (!line.AccountCode && !line.AccountID) {
      messages.push(`Journal line ${index + 1}: Account code must be specified.`);
    }
    sum = sum.plus(amount);
    if (amount.isPositive()) {
      debits = debits.plus(amount);
    }
  });
  if (!sum.isZero()) {
    messages.push(
      `The total debits (${debits.toFixed(2)}) must equal total credits (${debits.minus(sum).toFixed(2)}); the journal lines sum to ${sum.toFixed(2)}, not zero.`,
    );
  }
  if (journal.Status && !['DRAFT', 'POSTED'].includes(journal.Status)) {
    messages.push(`Manual journal status ${journal.Status} cannot be set when creating a journal.`);
  }
  return messages;
}

export interface AllocationContext {
  creditNote: XeroObject;
  invoice: XeroObject | undefined;
  amount: Decimal | undefined;
}

export function checkAllocation({ creditNote, invoice, amount }: AllocationContext): string[] {
  if (!invoice) {
    return ['Invoice could not be found.'];
  }
  const messages: string[] = [];
  if (creditNote.Status !== 'AUTHORISED') {
    messages.push('Only an authorised credit note can be allocated.');
  }
  if (invoice.Status !== 'AUTHORISED') {
    messages.push('The invoice must be authorised and unpaid to receive an allocation.');
  }
  if (invoice.CurrencyCode !== creditNote.CurrencyCode) {
    messages.push('The credit note and the invoice must be in the same currency.');
  }
  if (invoice.Contact?.ContactID !== creditNote.Contact?.ContactID) {
    messages.push('The credit note and the invoice must belong to the same contact.');
  }
  if (!amount || !amount.isPositive()) {
    messages.push('Allocation amount must be greater than zero.');
    return messages;
  }
  const remaining = toDecimal(creditNote.RemainingCredit) ?? new Decimal(0);
  if (amount.greaterThan(remaining)) {
    messages.push(`The amount being allocated (${amount.toFixed(2)}) exceeds the remaining credit (${remaining.toFixed(2)}).`);
  }
  const due = toDecimal(invoice.AmountDue) ?? new Decimal(0);
  if (amount.greaterThan(due)) {
    messages.push(`The amount being allocated (${amount.toFixed(2)}) exceeds the amount due on the invoice (${due.toFixed(2)}).`);
  }
  return messages;
}
