import { finaliseInvoice } from '../finalise/invoice.finaliser';
import { buildCreditNoteJournal, buildInvoiceJournal } from '../journal/invoice-journal.builder';
import { BillingLedger } from '../ledger/billing-ledger';
import { add, sub } from '../money/billing.money';
import { runBilling } from '../run/billing-run';
import { ACCOUNTS, contract, CUSTOMER, POSTING_RULE, runInput, taxRule, tx } from '../testing/billing.fixtures';
import { cancelCreditNote, correctInvoice } from './credit-note.builder';

const cn = { creditNoteId: 'cn-1', creditNoteNumber: 'UK-CN-000001', issueDate: '2026-04-20', reason: 'rateChange' as const, reasonText: 'Agreed rate 80.00' };
const reissue = { invoiceId: 'inv-2', invoiceNumber: 'UK-INV-000002', issueDate: '2026-04-20', dueDate: '2026-05-20' };

function invoice(rule = taxRule(), amounts: Array<[string, string]> = [['10', '100.00'], ['2', '50.00']]) {
  const txs = amounts.map(([hours, rate], i) => tx({ id: `t${i + 1}`, hours, rate: { amount: rate, currency: 'USD' } }));
  const candidate = runBilling(runInput([contract()], txs)).candidates[0];
  return finaliseInvoice({ candidate, invoiceId: 'inv-1', invoiceNumber: 'UK-INV-000001', issueDate: '2026-04-02', paymentTermsDays: 30, customer: CUSTOMER, taxRules: [rule], postingRule: POSTING_RULE }).invoice;
}

describe('corrections after invoicing', () => {
  it('difference: credits only what changed, tax included, and frees no transaction', () => {
    const original = invoice();
    const { creditNote, reinvoice } = correctInvoice(original, [{ lineId: original.lines[0].id, amount: '800.00' }], 'difference', cn);
    expect(reinvoice).toBeNull();
    expect(creditNote).toMatchObject({ kind: 'difference', originalInvoiceId: 'inv-1', reason: 'rateChange', releasedTransactionIds: [] });
    expect(creditNote.lines.map((l) => [l.amount.amount, l.taxAmount.amount, l.creditRole])).toEqual([['200.00', '40.00', 'revenue']]);
    expect(creditNote.total.amount).toBe('240.00');
    expect(creditNote.lines[0].lineage).toMatchObject({ timeEntries: [{ id: 'te-t1', revision: 2 }], taxRuleId: 'tr-vat', taxRuleVersion: 2, contractVersion: 3 });
    const journal = buildCreditNoteJournal(creditNote, { journalId: 'jr-cn', accounts: ACCOUNTS, postingRule: POSTING_RULE });
    expect(journal.lines.map((l) => [l.role, l.debit, l.credit])).toEqual([['receivable', '0.00', '240.00'], ['revenue', '200.00', '0.00'], ['taxPayable', '40.00', '0.00']]);
  });

  it('full credit + re-invoice nets to the same amount as the difference credit note', () => {
    const original = invoice();
    const corrections = [{ lineId: original.lines[0].id, amount: '800.00' }];
    const diff = correctInvoice(original, corrections, 'difference', cn).creditNote;
    const full = correctInvoice(original, corrections, 'fullCreditAndReinvoice', cn, reissue);
    expect(full.creditNote.total.amount).toBe('1320.00');
    expect(full.reinvoice).toMatchObject({ id: 'inv-2', invoiceNumber: 'UK-INV-000002', total: { amount: '1080.00' }, billableTransactionIds: ['t1', 't2'] });
    expect(sub(full.reinvoice!.total, full.creditNote.total)).toEqual(sub({ amount: '0.00', currency: 'USD' }, diff.total));
    expect(full.creditNote.releasedTransactionIds).toEqual(['t1', 't2']);
    // The full credit note journal is the invoice journal with sides swapped.
    const inv = buildInvoiceJournal(original, { journalId: 'j1', accounts: ACCOUNTS, postingRule: POSTING_RULE });
    const credit = buildCreditNoteJournal(full.creditNote, { journalId: 'j2', accounts: ACCOUNTS, postingRule: POSTING_RULE });
    expect(credit.lines.map((l) => [l.role, l.debit, l.credit])).toEqual(inv.lines.map((l) => [l.role, l.credit, l.debit]));
  });

  it('per-document tax: the difference note spreads the tax change and still nets with re-invoicing', () => {
    const original = invoice(taxRule({ rounding: 'perDocument' }), [['0.01', '3.00'], ['0.01', '3.01'], ['0.01', '3.02'], ['1', '0.05']]);
    const corrections = [{ lineId: original.lines[0].id, amount: '0.01' }];
    const diff = correctInvoice(original, corrections, 'difference', cn).creditNote;
    const full = correctInvoice(original, corrections, 'fullCreditAndReinvoice', cn, reissue);
    expect(original.taxTotal.amount).toBe('0.03');
    expect(diff.lines.map((l) => [l.amount.amount, l.taxAmount.amount])).toEqual([['0.02', '0.01']]);
    expect(full.reinvoice!.taxTotal.amount).toBe('0.02');
    expect(add(diff.total, full.reinvoice!.total)).toEqual(original.total);
  });

  it('refuses increases under the difference policy and unchanged corrections', () => {
    const original = invoice();
    expect(() => correctInvoice(original, [{ lineId: original.lines[1].id, amount: '150.00' }], 'difference', cn)).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_CORRECTION' }));
    expect(() => correctInvoice(original, [{ lineId: original.lines[1].id, amount: '100.00' }], 'difference', cn)).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_CORRECTION' }));
    expect(() => correctInvoice(original, [{ lineId: 'x', amount: '1.00' }], 'difference', cn)).toThrow(expect.objectContaining({ code: 'BILLING_UNKNOWN_LINE' }));
    const raised = correctInvoice(original, [{ lineId: original.lines[1].id, amount: '150.00' }], 'fullCreditAndReinvoice', cn, reissue);
    expect(raised.reinvoice!.total.amount).toBe('1380.00');
  });
});

describe('billed-once ledger', () => {
  it('refuses a transaction on two live invoices', () => {
    const ledger = BillingLedger.empty().link('inv-1', ['t1', 't2']);
    expect(() => ledger.link('inv-9', ['t3', 't2'])).toThrow(expect.objectContaining({ code: 'BILLING_ALREADY_BILLED', details: expect.objectContaining({ transactionIds: ['t2'] }) }));
    expect(() => BillingLedger.empty().link('inv-1', ['t1', 't1'])).toThrow(expect.objectContaining({ code: 'BILLING_ALREADY_BILLED' }));
    expect(ledger.isBillable('t3')).toBe(true);
  });

  it('a full credit note releases its transactions; cancelling it re-links them', () => {
    const original = invoice();
    const { creditNote } = correctInvoice(original, [], 'fullCreditAndReinvoice', cn, reissue);
    let ledger = BillingLedger.empty().link(original.id, original.billableTransactionIds);
    ledger = ledger.releaseForCreditNote(creditNote.id, original.id);
    expect(ledger.isBillable('t1')).toBe(true);
    const voided = cancelCreditNote(creditNote);
    expect(voided.status).toBe('void');
    expect(() => cancelCreditNote(voided)).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_CORRECTION' }));
    ledger = ledger.cancelCreditNote(creditNote.id);
    expect(ledger.liveInvoiceOf('t1')).toBe('inv-1');
    expect(() => ledger.link('inv-2', ['t1'])).toThrow(expect.objectContaining({ code: 'BILLING_ALREADY_BILLED' }));
    expect(() => ledger.cancelCreditNote(creditNote.id)).toThrow(expect.objectContaining({ code: 'BILLING_UNKNOWN_CREDIT_NOTE' }));
    expect(BillingLedger.fromSnapshot(JSON.parse(JSON.stringify(ledger.toSnapshot()))).toSnapshot()).toEqual(ledger.toSnapshot());
  });

  it('will not cancel a credit note whose transactions were re-billed', () => {
    const ledger = BillingLedger.empty().link('inv-1', ['t1']).releaseForCreditNote('cn-1', 'inv-1').link('inv-2', ['t1']);
    expect(() => ledger.cancelCreditNote('cn-1')).toThrow(expect.objectContaining({ code: 'BILLING_RELINK_CONFLICT' }));
    expect(() => ledger.releaseForCreditNote('cn-1', 'inv-2')).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_CORRECTION' }));
    expect(() => BillingLedger.empty().releaseForCreditNote('cn-2', 'inv-1')).toThrow(expect.objectContaining({ code: 'BILLING_NOT_LINKED' }));
  });
});
