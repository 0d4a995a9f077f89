import type { TaxRule } from '@mapwright/canonical-model';
import { BillingError } from '../errors/billing.error';
import { add, fromMinor, parseDecimal, roundToMinor, sum } from '../money/billing.money';
import type { BillingCandidate, CandidateLine } from '../model/billing.types';
import type { BillingInvoice, FxContext, InvoicedLine } from '../model/invoice.types';
import { calculateTax, type AppliedTax } from '../tax/tax.calculator';
import { resolveTaxRule } from '../tax/tax-rule.resolver';

export interface TaxCustomer {
  id: string;
  countryCode: string;
  taxExempt?: boolean;
}

export interface FinaliseInput {
  candidate: BillingCandidate;
  invoiceId: string;
  /** From `allocateNumber`, inside the store transaction that saves the invoice. */
  invoiceNumber: string;
  issueDate: string;
  paymentTermsDays: number;
  customer: TaxCustomer;
  taxRules: readonly TaxRule[];
  postingRule?: { id: string; version: number };
  purchaseOrderNumber?: string;
  fx?: FxContext;
}

export function appliedTaxOf(rule: TaxRule): AppliedTax {
  return {
    ruleId: rule.id, ruleVersion: rule.version, taxCodeId: rule.taxCodeId, rate: rule.rate,
    calculation: rule.calculation, rounding: rule.rounding, roundingMode: rule.roundingMode, reverseCharge: rule.reverseCharge === true,
  };
}

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Taxes lines with already-chosen rules and fills in tax, net and lineage. Shared by invoices, re-invoices and credit notes. */
export function taxLines(lines: readonly CandidateLine[], taxes: ReadonlyMap<string, AppliedTax>, currency: string, postingRule?: { id: string; version: number }): InvoicedLine[] {
  const computed = calculateTax(lines.map((l) => ({ id: l.id, amount: l.amount, tax: taxes.get(l.id) as AppliedTax })), currency);
  return lines.map((l, i) => {
    const tax = taxes.get(l.id) as AppliedTax;
    const lineage = { ...l.lineage, taxRuleId: tax.ruleId, taxRuleVersion: tax.ruleVersion, ...(postingRule ? { postingRuleId: postingRule.id, postingRuleVersion: postingRule.version } : {}) };
    return { ...l, lineNumber: i + 1, taxCodeId: tax.taxCodeId, taxRate: tax.reverseCharge ? '0' : tax.rate, taxAmount: computed[i].tax, netAmount: computed[i].net, tax, lineage };
  });
}

/** subtotal, tax and total of a document; under inclusive prices the total is the sum of line amounts. */
export function documentTotals(lines: readonly InvoicedLine[], currency: string) {
  const subtotal = sum(lines.map((l) => l.amount), currency);
  const taxTotal = sum(lines.map((l) => l.taxAmount), currency);
  const inclusive = lines.some((l) => l.tax.calculation === 'inclusive');
  return { subtotal, taxTotal, total: inclusive ? subtotal : add(subtotal, taxTotal) };
}

export function documentTaxModes(lines: readonly InvoicedLine[], documentId: string): { taxCalculation: 'exclusive' | 'inclusive'; taxRounding: 'perLine' | 'perDocument' } {
  const calc = new Set(lines.map((l) => l.tax.calculation));
  const rounding = new Set(lines.map((l) => l.tax.rounding));
  if (calc.size > 1 || rounding.size > 1) {
    throw new BillingError('BILLING_MIXED_TAX_MODES', `Document ${documentId} would mix ${[...calc].join('/')} prices or ${[...rounding].join('/')} rounding; split it by tax rule or align the rules.`, { documentId });
  }
  return { taxCalculation: lines[0].tax.calculation, taxRounding: lines[0].tax.rounding };
}

/**
 * Turns an approved candidate into an invoice: held lines are left out (their
 * transactions stay unbilled), each line gets the tax rule in force on the
 * issue date for its service type, and the lineage gains the tax rule and
 * posting rule versions.
 */
export function finaliseInvoice(input: FinaliseInput): { invoice: BillingInvoice; releasedTransactionIds: string[] } {
  const { candidate } = input;
  if (candidate.status !== 'approved') {
    throw new BillingError('BILLING_CANDIDATE_STATE', `Candidate ${candidate.id} is ${candidate.status}; only approved candidates are finalised.`, { candidateId: candidate.id });
  }
  const invoiced = candidate.lines.filter((l) => !l.held);
  if (invoiced.length === 0) throw new BillingError('BILLING_NOTHING_TO_INVOICE', `Candidate ${candidate.id} has every line held.`, { candidateId: candidate.id });
  const taxes = new Map<string, AppliedTax>();
  for (const line of invoiced) {
    const rule = resolveTaxRule(input.taxRules, {
      legalEntityId: candidate.legalEntityId, customerCountry: input.customer.countryCode, customerTaxExempt: input.customer.taxExempt === true,
      serviceType: line.serviceType, date: input.issueDate,
    });
    taxes.set(line.id, appliedTaxOf(rule));
  }
  const lines = taxLines(invoiced, taxes, candidate.currency, input.postingRule);
  const modes = documentTaxModes(lines, input.invoiceId);
  const totals = documentTotals(lines, candidate.currency);
  const billed = new Set(lines.flatMap((l) => l.lineage.billableTransactionIds));
  const released = candidate.billableTransactionIds.filter((id) => !billed.has(id));
  const invoice: BillingInvoice = {
    id: input.invoiceId, invoiceNumber: input.invoiceNumber, legalEntityId: candidate.legalEntityId, customerId: candidate.customerId,
    contractId: candidate.contractId, contractVersion: candidate.contractVersion, invoiceCandidateId: candidate.id,
    issueDate: input.issueDate, dueDate: addDays(input.issueDate, input.paymentTermsDays), currency: candidate.currency,
    lines, ...totals, ...modes, status: 'finalised',
    billableTransactionIds: [...billed].sort(), revenueReleases: candidate.revenueReleases, absorbedTransactions: candidate.absorbedTransactions.filter((a) => billed.has(a.id)), period: candidate.period, correlationId: candidate.correlationId,
  };
  if (input.purchaseOrderNumber) invoice.purchaseOrderNumber = input.purchaseOrderNumber;
  if (lines.some((l) => l.tax.reverseCharge)) invoice.notes = 'Reverse charge: the customer accounts for the tax.';
  if (input.fx) {
    invoice.functionalCurrency = input.fx.functionalCurrency;
    invoice.fxRate = input.fx.rate;
    invoice.functionalTotal = fromMinor(roundToMinor(parseDecimal(totals.total.amount, 'total').mul(parseDecimal(input.fx.rate, 'fx rate')), input.fx.functionalCurrency), input.fx.functionalCurrency);
  }
  return { invoice, releasedTransactionIds: released.sort() };
}
