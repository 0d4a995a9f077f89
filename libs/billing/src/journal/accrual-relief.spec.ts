import { correctInvoice } from '../corrections/credit-note.builder';
import { finaliseInvoice } from '../finalise/invoice.finaliser';
import type { BillingCandidate } from '../model/billing.types';
import { approveCandidate, writeDownLine } from '../review/candidate.editor';
import { Dec } from '../money/billing.money';
import { runBilling } from '../run/billing-run';
import { ACCOUNTS, contract, CUSTOMER, POSTING_RULE, runInput, taxRule, tx } from '../testing/billing.fixtures';
import { buildCreditNoteJournal, buildInvoiceJournal, type BillingJournal } from './invoice-journal.builder';

const ctx = { actor: 'dave', at: '2026-04-01T10:00:00Z', reason: 'checked' };
const OPTS = { accounts: ACCOUNTS, postingRule: POSTING_RULE };
const usd = (amount: string) => ({ amount, currency: 'USD' });

function invoiceOf(candidate: BillingCandidate, rule = taxRule(), id = 'inv-1') {
  return finaliseInvoice({ candidate, invoiceId: id, invoiceNumber: 'UK-INV-000001', issueDate: '2026-04-02', paymentTermsDays: 30, customer: CUSTOMER, taxRules: [rule], postingRule: POSTING_RULE }).invoice;
}

/** Net movement of one account over journals, debit positive, in minor units. */
function net(journals: readonly BillingJournal[], account: string): number {
  return journals.flatMap((j) => j.lines).filter((l) => l.glAccountId === account).reduce((n, l) => n.add(l.debit).sub(l.credit), new Dec(0)).mul(100).toNumber();
}

describe('invoice journals relieve exactly what posting accrued', () => {
  it('a tax-inclusive line relieves the net accrual; the rounding of the whole line goes to revenue', () => {
    // Two entries of 100.00 gross at 20% included: each accrued at 100 − 16.67 = 83.33; the line of 200.00 has tax 33.33, net 166.67.
    const accruals = { g1: usd('83.33'), g2: usd('83.33') };
    const candidate = runBilling(runInput([contract()], [tx({ id: 'g1', hours: '1' }), tx({ id: 'g2', hours: '1' })], { accruals })).candidates[0];
    const invoice = invoiceOf(candidate, taxRule({ calculation: 'inclusive' }));
    const journal = buildInvoiceJournal(invoice, { journalId: 'jr-1', ...OPTS });
    expect(journal.lines.map((l) => [l.role, l.glAccountId, l.debit, l.credit])).toEqual([
      ['receivable', 'gl-1100', '200.00', '0.00'],
      ['unbilled', 'gl-1150', '0.00', '166.66'],
      ['revenueAdjustment', 'gl-4000', '0.00', '0.01'],
      ['taxPayable', 'gl-2200', '0.00', '33.33'],
    ]);
    // Accrued revenue 166.66 + 0.01 = 166.67, the invoiced net: revenue never holds tax.
    expect(net([journal], 'gl-1150')).toBe(-16666);
  });

  it('a tax-inclusive write-off leaves revenue at its net share only', () => {
    const accruals = { w1: usd('100.00') };
    const candidate = runBilling(runInput([contract({ invoiceApproval: 'review' })], [tx({ id: 'w1', hours: '1', rate: usd('120.00') })], { accruals })).candidates[0];
    const down = approveCandidate(writeDownLine(candidate, candidate.lines[0].id, '12.00', ctx).candidate, ctx).candidate;
    const journal = buildInvoiceJournal(invoiceOf(down, taxRule({ calculation: 'inclusive' })), { journalId: 'jr-2', ...OPTS });
    // 108.00 gross: tax 18.00, net 90.00; 12.00 written off of which 10.00 is net: 90 + 10 = 100 accrued, nothing to adjust.
    expect(journal.lines.map((l) => [l.role, l.debit, l.credit])).toEqual([
      ['receivable', '108.00', '0.00'],
      ['unbilled', '0.00', '100.00'],
      ['writeOff', '10.00', '0.00'],
      ['taxPayable', '0.00', '18.00'],
    ]);
  });

  it('a re-invoice of a raised line relieves the accrual and credits the rise to revenue; the full credit note gives the accrual back', () => {
    const candidate = runBilling(runInput([contract()], [tx({ id: 'r1', hours: '5' })])).candidates[0];
    const invoice = invoiceOf(candidate);
    const header = { creditNoteId: 'cn-1', creditNoteNumber: 'CN-1', issueDate: '2026-04-10', reason: 'correction' as const };
    const raised = correctInvoice(invoice, [{ lineId: invoice.lines[0].id, amount: '560.00' }], 'fullCreditAndReinvoice', header, { invoiceId: 'inv-2', invoiceNumber: 'UK-INV-000002', issueDate: '2026-04-10', dueDate: '2026-05-10' });
    const journals = [
      buildInvoiceJournal(invoice, { journalId: 'jr-a', ...OPTS }),
      buildCreditNoteJournal(raised.creditNote, { journalId: 'jr-b', ...OPTS }),
      buildInvoiceJournal(raised.reinvoice as NonNullable<typeof raised.reinvoice>, { journalId: 'jr-c', ...OPTS }),
    ];
    expect(journals[2].lines.filter((l) => l.role === 'unbilled' || l.role === 'revenueAdjustment').map((l) => [l.role, l.debit, l.credit])).toEqual([
      ['unbilled', '0.00', '500.00'],
      ['revenueAdjustment', '0.00', '60.00'],
    ]);
    // Accrued 500.00 (Dr 1150 at approval) − 500.00 + 500.00 − 500.00 = −500.00 from billing: unbilled ends at zero.
    expect(net(journals, 'gl-1150')).toBe(-50000);
    const lowered = correctInvoice(invoice, [{ lineId: invoice.lines[0].id, amount: '450.00' }], 'fullCreditAndReinvoice', header, { invoiceId: 'inv-3', invoiceNumber: 'UK-INV-000003', issueDate: '2026-04-10', dueDate: '2026-05-10' });
    const lowerJournal = buildInvoiceJournal(lowered.reinvoice as NonNullable<typeof lowered.reinvoice>, { journalId: 'jr-d', ...OPTS });
    expect(lowerJournal.lines.filter((l) => l.role === 'revenueAdjustment').map((l) => [l.glAccountId, l.debit, l.credit])).toEqual([['gl-4000', '50.00', '0.00']]);
  });

  it('a difference credit note takes back revenue only: it carries no accrual and never touches unbilled', () => {
    const invoice = invoiceOf(runBilling(runInput([contract()], [tx({ id: 'd1', hours: '5' })])).candidates[0]);
    const { creditNote } = correctInvoice(invoice, [{ lineId: invoice.lines[0].id, amount: '400.00' }], 'difference', { creditNoteId: 'cn-d', creditNoteNumber: 'CN-2', issueDate: '2026-04-10', reason: 'correction' });
    expect(creditNote.lines[0].accruals).toEqual([]);
    const journal = buildCreditNoteJournal(creditNote, { journalId: 'jr-e', ...OPTS });
    expect(journal.lines.map((l) => [l.role, l.glAccountId, l.debit, l.credit])).toEqual([
      ['receivable', 'gl-1100', '0.00', '120.00'],
      ['revenue', 'gl-4000', '100.00', '0.00'],
      ['taxPayable', 'gl-2200', '20.00', '0.00'],
    ]);
  });

  it('prepaid overage reverses the accrual of the entry that crosses the block, drawn hours included', () => {
    const block = contract({ type: 'retainer', retainer: { variant: 'prepaidBlock', period: 'month', fee: usd('1000.00'), includedHours: { value: '10', unit: 'HUR' }, overageRate: usd('150.00') } });
    const run = runBilling(runInput([block], [tx({ id: 'p1', hours: '8', date: '2026-03-05' }), tx({ id: 'p2', hours: '4', date: '2026-03-06' })]));
    const candidate = run.candidates[0];
    expect(candidate.absorbedTransactions).toEqual([{ id: 'p1', amount: usd('800.00') }]);
    expect(candidate.lines.map((l) => [l.kind, l.accruals])).toEqual([['prepaidBlock', []], ['prepaidOverage', [{ id: 'p2', amount: usd('400.00') }]]]);
    const journal = buildInvoiceJournal(invoiceOf(candidate), { journalId: 'jr-f', ...OPTS });
    // Accrued 800.00 + 400.00; relieved 400.00 by the overage line and 800.00 as absorbed time.
    expect(net([journal], 'gl-1150')).toBe(-120000);
    // Billing debits the 1,200.00 posting credited, and credits 300.00 overage and 1,000.00 released: revenue ends at fee + overage.
    expect(net([journal], 'gl-4000')).toBe(120000 - 30000 - 100000);
  });
});
