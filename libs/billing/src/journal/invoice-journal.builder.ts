import type { Lineage } from '@mapwright/canonical-model';
import { BillingError } from '../errors/billing.error';
import { toCanonicalLineage } from '../lineage/line.lineage';
import { Dec, fromMinor, isZero, minorUnits, parseDecimal, roundToMinor, toMinor, type Money } from '../money/billing.money';
import type { AbsorbedTransaction, BillingLineage, RevenueRelease } from '../model/billing.types';
import type { BillingCreditNote, BillingInvoice, FxContext, InvoicedLine } from '../model/invoice.types';
import { calculateTax } from '../tax/tax.calculator';

/** GL accounts billing journals use; revenue comes from each line's glAccountId. */
export interface BillingAccounts {
  receivable: string;
  unbilled: string;
  taxPayable: string;
  deferredRevenue: string;
  /** Revenue account deferred revenue is released to. */
  revenue: string;
  writeOff: string;
  fxGain: string;
  fxLoss: string;
}

export type JournalRole =
  | 'receivable' | 'unbilled' | 'revenue' | 'deferredRevenue' | 'taxPayable' | 'writeOff'
  | 'deferredRevenueRelease' | 'revenueRelease' | 'absorbedRevenue' | 'absorbedUnbilled'
  | 'revenueAdjustment' | 'accrualReversed' | 'fxDifference';

/** Canonical JournalLine fields plus the role, for posting and for reading the journal. */
export interface BillingJournalLine {
  id: string;
  externalRefs: [];
  lineNumber: number;
  role: JournalRole;
  glAccountId: string;
  description: string;
  debit: string;
  credit: string;
  currency: string;
  fxRate: string;
  functionalDebit: string;
  functionalCredit: string;
  functionalCurrency: string;
  taxCodeId?: string;
  projectId?: string;
  customerId?: string;
  lineage: Lineage;
}

export interface BillingJournal {
  id: string;
  externalRefs: [];
  legalEntityId: string;
  date: string;
  /** YYYY-MM of the date. */
  period: string;
  functionalCurrency: string;
  description: string;
  sourceType: 'invoice' | 'creditNote' | 'accrual';
  sourceId: string;
  lines: BillingJournalLine[];
  postingRuleId: string;
  postingRuleVersion: number;
  status: 'draft';
  idempotencyKey: string;
  correlationId: string;
}

export interface JournalOptions {
  journalId: string;
  accounts: BillingAccounts;
  postingRule: { id: string; version: number };
  /** Absent: the functional currency is the document currency at rate 1. */
  fx?: FxContext;
}

export interface Posting {
  role: JournalRole;
  account: string;
  side: 'debit' | 'credit';
  amount: Money;
  rate: string;
  description: string;
  taxCodeId?: string;
  projectId?: string;
  lineage: BillingLineage | Lineage;
}

function documentLineage(doc: BillingInvoice | BillingCreditNote, lines: readonly InvoicedLine[]): Lineage {
  const ids = (pick: (l: BillingLineage) => string[] | undefined) => [...new Set(lines.flatMap((l) => pick(l.lineage) ?? []))].sort();
  return { timeEntryIds: ids((l) => l.timeEntryIds), billableTransactionIds: ids((l) => l.billableTransactionIds), contractId: lines[0].lineage.contractId, correlationId: doc.correlationId };
}

/**
 * Postings of one document in its natural (invoice) direction. Unbilled is
 * relieved at the rate it was accrued (approval); everything else moves at
 * the document rate. Write-offs relieve unbilled through the write-off account.
 */
function postingsFor(doc: BillingInvoice | BillingCreditNote, releases: readonly RevenueRelease[], opts: JournalOptions): Posting[] {
  const { accounts } = opts;
  if ((releases.length > 0 || doc.lines.some((l) => l.creditRole === 'deferredRevenue')) && doc.lines.some((l) => l.tax.calculation === 'inclusive')) {
    // Retainer and block balances are kept on tax-exclusive prices; an inclusive price would release more than was deferred.
    throw new BillingError('BILLING_MIXED_TAX_MODES', `Document ${doc.id} defers or releases revenue under a tax-inclusive rule; retainer and prepaid contracts need a tax-exclusive rule.`, { documentId: doc.id });
  }
  const rate = opts.fx?.rate ?? '1';
  const approvalRate = opts.fx?.approvalRate ?? rate;
  const postings: Posting[] = [{ role: 'receivable', account: accounts.receivable, side: 'debit', amount: doc.total, rate, description: `Receivable ${doc.customerId}`, lineage: documentLineage(doc, doc.lines) }];
  for (const l of doc.lines) {
    const base = { projectId: l.projectId, lineage: l.lineage };
    const accrued = accruedTotal(l, doc.currency);
    if (l.creditRole === 'unbilled') {
      // Unbilled is relieved at exactly what was accrued; revenue takes whatever the invoice nets to beyond it
      // (included tax rounded over the line, a changed re-invoice), so revenue ends at the invoiced net.
      const writeOff = writeOffNet(l);
      const adjustment = toMinor(l.netAmount).add(toMinor(writeOff)).sub(toMinor(accrued));
      postings.push({ ...base, role: 'unbilled', account: accounts.unbilled, side: 'credit', amount: accrued, rate: approvalRate, description: `Unbilled relieved: ${l.description}` });
      if (!isZero(writeOff)) postings.push({ ...base, role: 'writeOff', account: accounts.writeOff, side: 'debit', amount: writeOff, rate: approvalRate, description: `Written off: ${l.description}` });
      if (!adjustment.isZero()) {
        postings.push({ ...base, role: 'revenueAdjustment', account: l.glAccountId, side: adjustment.gt(0) ? 'credit' : 'debit', amount: fromMinor(adjustment.abs(), doc.currency), rate, description: `Invoiced net ${adjustment.gt(0) ? 'above' : 'below'} the accrual: ${l.description}` });
      }
      continue;
    }
    if (l.creditRole === 'deferredRevenue') {
      postings.push({ ...base, role: 'deferredRevenue', account: accounts.deferredRevenue, side: 'credit', amount: l.netAmount, rate, description: `Deferred: ${l.description}` });
    } else {
      postings.push({ ...base, role: 'revenue', account: l.glAccountId, side: 'credit', amount: l.netAmount, rate, description: l.description });
    }
    if (!isZero(accrued)) {
      // Overage bills hours at its own price: the time revenue accrued for them is reversed, never kept twice.
      // Traced to the overage transactions alone, though a drawdown line's lineage also lists the hours it covered.
      const reversal = { ...base, lineage: { ...l.lineage, billableTransactionIds: l.accruals.map((a) => a.id) } };
      postings.push(
        { ...reversal, role: 'accrualReversed', account: accounts.revenue, side: 'debit', amount: accrued, rate: approvalRate, description: `Time revenue accrual reversed: billed as ${l.description}` },
        { ...reversal, role: 'unbilled', account: accounts.unbilled, side: 'credit', amount: accrued, rate: approvalRate, description: `Unbilled relieved: ${l.description}` },
      );
    }
  }
  const taxByCode = new Map<string, { amount: Dec; lines: InvoicedLine[] }>();
  for (const l of doc.lines) {
    const entry = taxByCode.get(l.taxCodeId) ?? { amount: new Dec(0), lines: [] };
    entry.amount = entry.amount.add(toMinor(l.taxAmount));
    entry.lines.push(l);
    taxByCode.set(l.taxCodeId, entry);
  }
  for (const [taxCodeId, t] of [...taxByCode].sort(([a], [b]) => (a < b ? -1 : 1))) {
    postings.push({ role: 'taxPayable', account: accounts.taxPayable, side: 'credit', amount: fromMinor(t.amount, doc.currency), rate, description: `Tax ${taxCodeId}`, taxCodeId, lineage: documentLineage(doc, t.lines) });
  }
  for (const r of releases) {
    const lineage: Lineage = { contractId: r.contractId, correlationId: doc.correlationId };
    postings.push({ role: 'deferredRevenueRelease', account: accounts.deferredRevenue, side: 'debit', amount: r.amount, rate, description: `Deferred revenue released (${r.reason}, ${r.hours} h)`, lineage });
    postings.push({ role: 'revenueRelease', account: accounts.revenue, side: 'credit', amount: r.amount, rate, description: `Revenue recognised (${r.reason}, ${r.hours} h)`, lineage });
  }
  postings.push(...absorbedPostings(doc.absorbedTransactions, doc.lines[0]?.lineage.contractId ?? '', doc.currency, approvalRate, accounts, doc.correlationId));
  return postings.filter((p) => !isZero(p.amount));
}

function accruedTotal(line: InvoicedLine, currency: string): Money {
  return fromMinor(line.accruals.reduce((n, a) => n.add(toMinor(a.amount)), new Dec(0)), currency);
}

/** A write-off never carries tax: under an included-tax price only its net share leaves revenue. */
function writeOffNet(line: InvoicedLine): Money {
  if (isZero(line.writeOff) || line.tax.calculation !== 'inclusive') return line.writeOff;
  return calculateTax([{ id: line.id, amount: line.writeOff, tax: { ...line.tax, rounding: 'perLine' } }], line.writeOff.currency)[0].net;
}

/** Reverses the time-revenue accrual of work a fee covers: Dr revenue, Cr unbilled, at the accrual rate. */
export function absorbedPostings(absorbed: readonly AbsorbedTransaction[], contractId: string, currency: string, rate: string, accounts: BillingAccounts, correlationId: string): Posting[] {
  if (absorbed.length === 0) return [];
  const amount = fromMinor(absorbed.reduce((a, t) => a.add(toMinor(t.amount)), new Dec(0)), currency);
  const lineage: Lineage = { contractId, billableTransactionIds: absorbed.map((t) => t.id), correlationId };
  return [
    { role: 'absorbedRevenue', account: accounts.revenue, side: 'debit', amount, rate, description: 'Time revenue accrual reversed: covered by the fee', lineage },
    { role: 'absorbedUnbilled', account: accounts.unbilled, side: 'credit', amount, rate, description: 'Unbilled time settled by the fee', lineage },
  ];
}

function functional(amount: Money, rate: string, functionalCurrency: string): Dec {
  return roundToMinor(parseDecimal(amount.amount, 'amount').mul(parseDecimal(rate, 'fx rate')), functionalCurrency);
}

function build(doc: BillingInvoice | BillingCreditNote, sourceType: 'invoice' | 'creditNote', postings: Posting[], opts: JournalOptions, flip: boolean, date: string): BillingJournal {
  const fc = opts.fx?.functionalCurrency ?? doc.currency;
  minorUnits(fc);
  const lines: BillingJournalLine[] = [];
  let txBalance = new Dec(0);
  let fnBalance = new Dec(0);
  const push = (p: Posting, fnMinor: Dec) => {
    const side = flip ? (p.side === 'debit' ? 'credit' : 'debit') : p.side;
    const tx = toMinor(p.amount);
    const txMoney = fromMinor(tx, doc.currency).amount;
    const fnMoney = fromMinor(fnMinor, fc).amount;
    const zeroTx = fromMinor(new Dec(0), doc.currency).amount;
    const zeroFn = fromMinor(new Dec(0), fc).amount;
    txBalance = side === 'debit' ? txBalance.add(tx) : txBalance.sub(tx);
    fnBalance = side === 'debit' ? fnBalance.add(fnMinor) : fnBalance.sub(fnMinor);
    const line: BillingJournalLine = {
      id: `${opts.journalId}:${lines.length + 1}`, externalRefs: [], lineNumber: lines.length + 1, role: p.role, glAccountId: p.account, description: p.description,
      debit: side === 'debit' ? txMoney : zeroTx, credit: side === 'credit' ? txMoney : zeroTx, currency: doc.currency, fxRate: p.rate,
      functionalDebit: side === 'debit' ? fnMoney : zeroFn, functionalCredit: side === 'credit' ? fnMoney : zeroFn, functionalCurrency: fc,
      customerId: doc.customerId,
      lineage: { ...('contractVersion' in p.lineage ? toCanonicalLineage(p.lineage as BillingLineage) : p.lineage), postingRuleId: opts.postingRule.id, postingRuleVersion: opts.postingRule.version },
    };
    if (p.taxCodeId) line.taxCodeId = p.taxCodeId;
    if (p.projectId) line.projectId = p.projectId;
    lines.push(line);
  };
  for (const p of postings) push(p, functional(p.amount, p.rate, fc));
  if (!txBalance.isZero()) {
    throw new BillingError('BILLING_UNBALANCED_JOURNAL', `Journal ${opts.journalId} is out of balance by ${txBalance.toString()} minor units of ${doc.currency}.`, { journalId: opts.journalId });
  }
  if (!fnBalance.isZero()) {
    // Rates differ between accrual and invoice (or conversion rounding): the difference is realised FX, in functional currency only.
    const gain = fnBalance.gt(0);
    const difference: Posting = { role: 'fxDifference', account: gain ? opts.accounts.fxGain : opts.accounts.fxLoss, side: gain ? 'credit' : 'debit', amount: fromMinor(new Dec(0), doc.currency), rate: opts.fx?.rate ?? '1', description: gain ? 'FX gain' : 'FX loss', lineage: documentLineage(doc, doc.lines) };
    push(flip ? { ...difference, side: difference.side === 'debit' ? 'credit' : 'debit' } : difference, fnBalance.abs());
  }
  return {
    id: opts.journalId, externalRefs: [], legalEntityId: doc.legalEntityId, date, period: date.slice(0, 7), functionalCurrency: fc,
    description: `${sourceType === 'invoice' ? 'Invoice' : 'Credit note'} ${'invoiceNumber' in doc ? doc.invoiceNumber : doc.creditNoteNumber}`,
    sourceType, sourceId: doc.id, lines, postingRuleId: opts.postingRule.id, postingRuleVersion: opts.postingRule.version, status: 'draft',
    idempotencyKey: `billing:${sourceType}:${doc.id}:${opts.postingRule.id}@${opts.postingRule.version}`, correlationId: doc.correlationId,
  };
}

/**
 * The invoice journal: Dr receivable; Cr unbilled (Dr write-off for what was
 * written off); Cr revenue or deferred revenue for fee lines; Cr tax payable
 * per tax code; Dr deferred / Cr revenue for the releases of the run; an FX
 * difference line in functional currency only. Balanced in both currencies.
 */
export function buildInvoiceJournal(invoice: BillingInvoice, opts: JournalOptions): BillingJournal {
  return build(invoice, 'invoice', postingsFor(invoice, invoice.revenueReleases, opts), opts, false, invoice.issueDate);
}

/** A credit note's journal mirrors its lines: every posting of the invoice direction, sides swapped. Releases are not reversed. */
export function buildCreditNoteJournal(creditNote: BillingCreditNote, opts: JournalOptions): BillingJournal {
  return build(creditNote, 'creditNote', postingsFor(creditNote, [], opts), opts, true, creditNote.issueDate);
}

/** Sums of a journal's debits and credits in both currencies, as minor-unit strings; a balanced journal has equal pairs. */
export function journalTotals(journal: BillingJournal): { debit: string; credit: string; functionalDebit: string; functionalCredit: string } {
  const total = (pick: (l: BillingJournalLine) => string) => journal.lines.reduce((a, l) => a.add(parseDecimal(pick(l), 'journal amount')), new Dec(0)).toString();
  return { debit: total((l) => l.debit), credit: total((l) => l.credit), functionalDebit: total((l) => l.functionalDebit), functionalCredit: total((l) => l.functionalCredit) };
}
