import { validateCanonical } from '@mapwright/canonical-model';
import { correctInvoice } from '../corrections/credit-note.builder';
import { finaliseInvoice } from '../finalise/invoice.finaliser';
import { buildCreditNoteJournal, buildInvoiceJournal } from '../journal/invoice-journal.builder';
import { approveCandidate, writeDownLine } from '../review/candidate.editor';
import { runBilling } from '../run/billing-run';
import { ACCOUNTS, contract, CUSTOMER, POSTING_RULE, runInput, taxRule, tx } from '../testing/billing.fixtures';
import { toCanonicalCreditNote, toCanonicalInvoice, toCanonicalJournalEntry } from './canonical.mapper';

const ctx = { actor: 'dave', at: '2026-04-01T00:00:00Z', reason: 'goodwill' };

describe('canonical objects', () => {
  const candidate = runBilling(runInput([contract({ invoiceApproval: 'review' })], [tx({ id: 'a', hours: '3', serviceType: 'consulting' })], { mappingSpec: 'harvest-time-entry@1.2.0' })).candidates[0];
  const approved = approveCandidate(writeDownLine(candidate, candidate.lines[0].id, '25.00', ctx).candidate, ctx).candidate;
  const fx = { functionalCurrency: 'GBP', rate: '0.79', approvalRate: '0.8' };
  const { invoice } = finaliseInvoice({ candidate: approved, invoiceId: 'inv-1', invoiceNumber: 'UK-INV-000001', issueDate: '2026-04-02', paymentTermsDays: 30, customer: CUSTOMER, taxRules: [taxRule()], postingRule: POSTING_RULE, fx });
  const { creditNote } = correctInvoice(invoice, [{ lineId: invoice.lines[0].id, amount: '200.00' }], 'difference', { creditNoteId: 'cn-1', creditNoteNumber: 'UK-CN-000001', issueDate: '2026-04-09', reason: 'dispute' });

  it('produces a schema-valid Invoice with the write-off as discount and lineage intact', () => {
    const canonical = toCanonicalInvoice(invoice);
    expect(validateCanonical('Invoice', canonical)).toEqual([]);
    expect(canonical.lines[0]).toMatchObject({ discount: { amount: '25.00', currency: 'USD' }, amount: { amount: '275.00' }, serviceType: 'consulting' });
    expect(canonical.lines[0].lineage).toMatchObject({ mappingSpec: 'harvest-time-entry@1.2.0', taxRuleVersion: 2, rateCardVersion: 4, postingRuleVersion: 7, timeEntryIds: ['te-a'] });
  });

  it('produces schema-valid CreditNote and JournalEntry objects', () => {
    expect(validateCanonical('CreditNote', toCanonicalCreditNote(creditNote))).toEqual([]);
    expect(validateCanonical('JournalEntry', toCanonicalJournalEntry(buildInvoiceJournal(invoice, { journalId: 'j1', accounts: ACCOUNTS, postingRule: POSTING_RULE, fx })))).toEqual([]);
    expect(validateCanonical('JournalEntry', toCanonicalJournalEntry(buildCreditNoteJournal(creditNote, { journalId: 'j2', accounts: ACCOUNTS, postingRule: POSTING_RULE, fx })))).toEqual([]);
  });
});
