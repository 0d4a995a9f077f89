export { BillingError, type BillingErrorCode } from './errors/billing.error';
export { allocate, type Money, type RoundingMode } from './money/billing.money';
export * from './model/billing.types';
export * from './model/invoice.types';
export { lineageFor, toCanonicalLineage, lineageRefs } from './lineage/line.lineage';
export { buildRateLines } from './lines/rate-line.builder';
export { billTimeAndMaterials } from './contracts/time-and-materials.biller';
export { billFixedFee } from './contracts/fixed-fee.biller';
export { billMilestones, milestoneAmounts } from './contracts/milestone.biller';
export { billRetainer, billRecurringRetainer, billPrepaidBlock } from './contracts/retainer.biller';
export { billCapped } from './contracts/capped.biller';
export { runBilling, candidateSubtotal } from './run/billing-run';
export { decideApproval } from './review/review.policy';
export {
  writeDownLine, holdLine, releaseLine, approveCandidate, rejectCandidate,
  type CandidateAction, type CandidateAuditRecord, type CandidateEdit, type EditContext,
} from './review/candidate.editor';
export { resolveTaxRule, type TaxContext } from './tax/tax-rule.resolver';
export { calculateTax, type AppliedTax, type TaxableLine, type LineTax } from './tax/tax.calculator';
export { allocateNumber, allocateNumbers, formatDocumentNumber, findSequenceGap, type NumberSeries, type AllocatedNumber } from './numbering/invoice-numbering';
export { finaliseInvoice, appliedTaxOf, type FinaliseInput, type TaxCustomer } from './finalise/invoice.finaliser';
export {
  buildInvoiceJournal, buildCreditNoteJournal, journalTotals,
  type BillingAccounts, type BillingJournal, type BillingJournalLine, type JournalOptions, type JournalRole,
} from './journal/invoice-journal.builder';
export {
  correctInvoice, buildDifferenceCreditNote, buildFullCreditNote, cancelCreditNote,
  type LineCorrection, type CorrectionPolicy, type CreditNoteHeader, type ReinvoiceHeader, type CorrectionResult,
} from './corrections/credit-note.builder';
export { BillingLedger } from './ledger/billing-ledger';
export { buildRevenueReleaseJournal, type ReleaseJournalInput } from './journal/revenue-release.journal';
export { toCanonicalInvoice, toCanonicalInvoiceLine, toCanonicalCreditNote, toCanonicalJournalEntry } from './canonical/canonical.mapper';
