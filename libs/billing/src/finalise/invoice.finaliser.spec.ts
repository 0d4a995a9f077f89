import { buildFullCreditNote } from '../corrections/credit-note.builder';
import { buildCreditNoteJournal, buildInvoiceJournal, journalTotals } from '../journal/invoice-journal.builder';
import { approveCandidate, holdLine, writeDownLine } from '../review/candidate.editor';
import { runBilling } from '../run/billing-run';
import { ACCOUNTS, contract, CUSTOMER, POSTING_RULE, runInput, taxRule, tx } from '../testing/billing.fixtures';
import { finaliseInvoice, type FinaliseInput } from './invoice.finaliser';

const ctx = { actor: 'dave', at: '2026-04-01T10:00:00Z', reason: 'checked' };

function reviewed() {
  const candidate = runBilling(runInput([contract({ invoiceApproval: 'review' })], [
    tx({ id: 'a', hours: '10', serviceType: 'consulting' }),
    tx({ id: 'b', hours: '2', rate: { amount: '50.00', currency: 'USD' } }),
  ])).candidates[0];
  return candidate;
}
function finalise(candidate: FinaliseInput['candidate'], extra: Partial<FinaliseInput> = {}) {
  return finaliseInvoice({
    candidate, invoiceId: 'inv-1', invoiceNumber: 'UK-INV-000001', issueDate: '2026-04-02', paymentTermsDays: 30, customer: CUSTOMER,
    taxRules: [taxRule()], postingRule: POSTING_RULE, ...extra,
  });
}

describe('finalising an invoice', () => {
  it('taxes each line by its rule, totals it, and carries full lineage', () => {
    const down = writeDownLine(reviewed(), 'run-1:ctr-1:1', '100.00', ctx).candidate;
    const { invoice, releasedTransactionIds } = finalise(approveCandidate(down, ctx).candidate);
    expect(invoice).toMatchObject({ invoiceNumber: 'UK-INV-000001', dueDate: '2026-05-02', taxCalculation: 'exclusive', taxRounding: 'perLine', status: 'finalised' });
    expect(invoice.lines.map((l) => [l.amount.amount, l.taxAmount.amount, l.glAccountId])).toEqual([['900.00', '180.00', 'gl-4100'], ['100.00', '20.00', 'gl-4000']]);
    expect([invoice.subtotal.amount, invoice.taxTotal.amount, invoice.total.amount]).toEqual(['1000.00', '200.00', '1200.00']);
    expect(invoice.lines[0].lineage).toMatchObject({
      contractId: 'ctr-1', contractVersion: 3, rateCardId: 'rc-1', rateCardVersion: 4, taxRuleId: 'tr-vat', taxRuleVersion: 2, postingRuleId: 'pr-invoice', postingRuleVersion: 7,
      timeEntries: [{ id: 'te-a', revision: 2 }],
    });
    expect(invoice.billableTransactionIds).toEqual(['a', 'b']);
    expect(releasedTransactionIds).toEqual([]);
  });

  it('leaves held lines out and hands their transactions back', () => {
    const held = holdLine(reviewed(), 'run-1:ctr-1:2', ctx).candidate;
    const { invoice, releasedTransactionIds } = finalise(approveCandidate(held, ctx).candidate);
    expect(invoice.lines).toHaveLength(1);
    expect(invoice.billableTransactionIds).toEqual(['a']);
    expect(releasedTransactionIds).toEqual(['b']);
  });

  it('refuses unapproved candidates and documents that would mix tax modes', () => {
    expect(() => finalise(reviewed())).toThrow(expect.objectContaining({ code: 'BILLING_CANDIDATE_STATE' }));
    const approved = approveCandidate(reviewed(), ctx).candidate;
    const rules = [taxRule(), taxRule({ id: 'tr-c', priority: 20, serviceType: 'consulting', calculation: 'inclusive' })];
    expect(() => finalise(approved, { taxRules: rules })).toThrow(expect.objectContaining({ code: 'BILLING_MIXED_TAX_MODES' }));
  });
});

describe('invoice journal', () => {
  it('debits receivable, relieves unbilled, writes off the write-down and credits tax; balanced', () => {
    const down = writeDownLine(reviewed(), 'run-1:ctr-1:1', '100.00', ctx).candidate;
    const { invoice } = finalise(approveCandidate(down, ctx).candidate);
    const journal = buildInvoiceJournal(invoice, { journalId: 'jr-1', accounts: ACCOUNTS, postingRule: POSTING_RULE });
    expect(journal.lines.map((l) => [l.role, l.glAccountId, l.debit, l.credit])).toEqual([
      ['receivable', 'gl-1100', '1200.00', '0.00'],
      ['unbilled', 'gl-1150', '0.00', '1000.00'],
      ['writeOff', 'gl-6900', '100.00', '0.00'],
      ['unbilled', 'gl-1150', '0.00', '100.00'],
      ['taxPayable', 'gl-2200', '0.00', '200.00'],
    ]);
    expect(journalTotals(journal)).toEqual({ debit: '1300', credit: '1300', functionalDebit: '1300', functionalCredit: '1300' });
    expect(journal).toMatchObject({ sourceType: 'invoice', sourceId: 'inv-1', period: '2026-04', postingRuleVersion: 7, idempotencyKey: 'billing:invoice:inv-1:pr-invoice@7' });
    expect(journal.lines[1].lineage).toMatchObject({ timeEntryIds: ['te-a'], taxRuleId: 'tr-vat', postingRuleVersion: 7 });
    expect(journal.lines[1].lineage).not.toHaveProperty('contractVersion');
  });

  it('tax-inclusive, per-document: extracts tax once and relieves unbilled at the net that was accrued', () => {
    // Posting accrued each entry net of its included tax (netOfIncludedTax, rounded down): 10000 → 9091, 10001 → 9092, 10002 → 9093.
    const accruals = { j1: { amount: '9091', currency: 'JPY' }, j2: { amount: '9092', currency: 'JPY' }, j3: { amount: '9093', currency: 'JPY' } };
    const candidate = runBilling(runInput([contract({ currency: 'JPY', invoiceApproval: 'review' })], [
      tx({ id: 'j1', hours: '1', rate: { amount: '10000', currency: 'JPY' } }),
      tx({ id: 'j2', hours: '1', rate: { amount: '10001', currency: 'JPY' } }),
      tx({ id: 'j3', hours: '1', rate: { amount: '10002', currency: 'JPY' } }),
    ], { accruals })).candidates[0];
    expect(candidate.lines.map((l) => l.accruals)).toEqual([[{ id: 'j1', amount: accruals.j1 }], [{ id: 'j2', amount: accruals.j2 }], [{ id: 'j3', amount: accruals.j3 }]]);
    const down = writeDownLine(candidate, candidate.lines[2].id, '2', ctx).candidate;
    const rule = taxRule({ rate: '10', calculation: 'inclusive', rounding: 'perDocument', roundingMode: 'down' });
    const { invoice } = finalise(approveCandidate(down, ctx).candidate, { taxRules: [rule] });
    // 30001 JPY inclusive of 10 %: 30001 × 10 / 110 = 2727.36 → 2727 (down), spread 909 / 909 / 909.
    expect(invoice).toMatchObject({ taxCalculation: 'inclusive', taxRounding: 'perDocument', subtotal: { amount: '30001' }, taxTotal: { amount: '2727' }, total: { amount: '30001' } });
    expect(invoice.lines.map((l) => [l.taxAmount.amount, l.netAmount.amount])).toEqual([['909', '9091'], ['909', '9092'], ['909', '9091']]);
    const journal = buildInvoiceJournal(invoice, { journalId: 'jr-i', accounts: ACCOUNTS, postingRule: POSTING_RULE });
    // Line 3 nets 9091 after the write-down of 2 (no tax in it, rounded down): 9091 + 2 = 9093 accrued, so no revenue adjustment.
    expect(journal.lines.map((l) => [l.role, l.debit, l.credit])).toEqual([
      ['receivable', '30001', '0'],
      ['unbilled', '0', '9091'],
      ['unbilled', '0', '9092'],
      ['unbilled', '0', '9093'],
      ['writeOff', '2', '0'],
      ['taxPayable', '0', '2727'],
    ]);
    const totals = journalTotals(journal);
    expect(totals.debit).toBe(totals.credit);
  });

  it('books the FX difference between accrual and invoice rates in functional currency only', () => {
    const approved = approveCandidate(reviewed(), ctx).candidate;
    const fx = { functionalCurrency: 'GBP', rate: '0.79', approvalRate: '0.80' };
    const { invoice } = finalise(approved, { fx });
    expect(invoice.functionalTotal).toEqual({ amount: '1042.80', currency: 'GBP' });
    const journal = buildInvoiceJournal(invoice, { journalId: 'jr-2', accounts: ACCOUNTS, postingRule: POSTING_RULE, fx });
    const fxLine = journal.lines.find((l) => l.role === 'fxDifference');
    expect(fxLine).toMatchObject({ glAccountId: 'gl-7200', debit: '0.00', credit: '0.00', functionalDebit: '11.00', functionalCredit: '0.00', functionalCurrency: 'GBP' });
    // Receivable 1320 × 0.79 = 1042.80; unbilled 1100 × 0.80 = 880.00; tax 220 × 0.79 = 173.80: an 11.00 loss.
    expect(journal.lines.find((l) => l.role === 'unbilled')?.functionalCredit).toBe('800.00');
    const totals = journalTotals(journal);
    expect(totals.debit).toBe(totals.credit);
    expect(totals.functionalDebit).toBe(totals.functionalCredit);
  });

  it('reverses the accrual of time absorbed by a milestone, and a full credit note restores it', () => {
    const milestone = contract({ type: 'milestone', milestones: { totalAmount: { amount: '5000.00', currency: 'USD' }, items: [{ id: 'm1', name: 'Design', percentage: '100', status: 'achieved' }] } });
    const candidate = runBilling(runInput([milestone], [tx({ id: 'mt', hours: '8' })])).candidates[0];
    expect(candidate.absorbedTransactions).toEqual([{ id: 'mt', amount: { amount: '800.00', currency: 'USD' } }]);
    const { invoice } = finalise(candidate);
    const journal = buildInvoiceJournal(invoice, { journalId: 'jr-m', accounts: ACCOUNTS, postingRule: POSTING_RULE });
    expect(journal.lines.map((l) => [l.role, l.glAccountId, l.debit, l.credit])).toEqual([
      ['receivable', 'gl-1100', '6000.00', '0.00'],
      ['revenue', 'gl-4000', '0.00', '5000.00'],
      ['taxPayable', 'gl-2200', '0.00', '1000.00'],
      ['absorbedRevenue', 'gl-4000', '800.00', '0.00'],
      ['absorbedUnbilled', 'gl-1150', '0.00', '800.00'],
    ]);
    expect(journal.lines[4].lineage.billableTransactionIds).toEqual(['mt']);
    const note = buildFullCreditNote(invoice, { creditNoteId: 'cn-m', creditNoteNumber: 'CN-1', issueDate: '2026-04-10', reason: 'cancellation' });
    const reversal = buildCreditNoteJournal(note, { journalId: 'jr-mc', accounts: ACCOUNTS, postingRule: POSTING_RULE });
    expect(reversal.lines.map((l) => [l.role, l.debit, l.credit])).toEqual(journal.lines.map((l) => [l.role, l.credit, l.debit]));
  });

  it('credits deferred revenue for a retainer fee, releases what was consumed and reverses the accrual of the overage entry', () => {
    const retainer = contract({ type: 'retainer', retainer: { variant: 'recurring', period: 'month', fee: { amount: '3000.00', currency: 'USD' }, includedHours: { value: '20', unit: 'HUR' }, overageRate: { amount: '180.00', currency: 'USD' } } });
    const candidate = runBilling(runInput([retainer], [tx({ hours: '22' })])).candidates[0];
    const { invoice } = finalise(candidate, { taxRules: [taxRule({ rounding: 'perDocument' })] });
    const journal = buildInvoiceJournal(invoice, { journalId: 'jr-3', accounts: ACCOUNTS, postingRule: POSTING_RULE });
    expect(journal.lines.map((l) => [l.role, l.debit, l.credit])).toEqual([
      ['receivable', '4032.00', '0.00'],
      ['deferredRevenue', '0.00', '3000.00'],
      ['revenue', '0.00', '360.00'],
      // The 22 h entry crosses the 20 h allowance: its whole 2,200.00 accrual leaves unbilled and time revenue.
      ['accrualReversed', '2200.00', '0.00'],
      ['unbilled', '0.00', '2200.00'],
      ['taxPayable', '0.00', '672.00'],
      ['deferredRevenueRelease', '3000.00', '0.00'],
      ['revenueRelease', '0.00', '3000.00'],
    ]);
    const totals = journalTotals(journal);
    expect(totals.debit).toBe(totals.credit);
    const inclusive = finalise(candidate, { taxRules: [taxRule({ calculation: 'inclusive' })] }).invoice;
    expect(() => buildInvoiceJournal(inclusive, { journalId: 'jr-4', accounts: ACCOUNTS, postingRule: POSTING_RULE })).toThrow(expect.objectContaining({ code: 'BILLING_MIXED_TAX_MODES' }));
  });
});
