import {
  approveCandidate, buildCreditNoteJournal, buildInvoiceJournal, correctInvoice, finaliseInvoice, journalTotals, runBilling,
  type BillingContract, type BillingInvoice, type BillingJournal,
} from '@mapwright/billing';
import type { BillableTransaction, TaxRule } from '@mapwright/canonical-model';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { AppError } from '../common/app-error';
import { BILLING_ACCOUNTS, BILLING_POSTING_RULE, REVENUE_ACCOUNTS } from './billing-settings';
import { correctionPolicyFor, lineCorrections, relieveAccrualDeltas } from './entry-corrections.service';

const CONTRACT = {
  id: 'ctr-1', externalRefs: [], sourceSystem: 'crm', number: 'C-1', customerId: 'cus-1', legalEntityId: 'le-uk', projectIds: ['prj-1'], type: 'timeAndMaterials',
  currency: 'GBP', status: 'active', effectivePeriod: { validFrom: '2026-01-01' }, rateCardId: 'rc-1', billingFrequency: 'monthly', invoiceApproval: 'review', version: 1,
} as BillingContract;

const taxRule = (rounding: 'perLine' | 'perDocument'): TaxRule => ({
  id: 'tr-vat', externalRefs: [], name: 'VAT', version: 1, priority: 10, effectivePeriod: { validFrom: '2026-01-01' }, legalEntityId: 'le-uk', taxCodeId: 'tc-vat20',
  rate: '20', calculation: 'exclusive', rounding, roundingMode: 'halfUp',
});

/** Entry `te-<n>` rated `pence` at 150.00 an hour; entries of one rate share one invoice line. */
function transaction(n: number, pence: number): BillableTransaction {
  const id = `bt:te-${n}:REGULAR`;
  return {
    id, externalRefs: [], legalEntityId: 'le-uk', customerId: 'cus-1', projectId: 'prj-1', contractId: 'ctr-1', employeeId: 'emp-1', sourceType: 'timeEntry',
    sourceId: `te-${n}`, sourceRevision: 1, date: '2026-03-10', quantity: { value: '1', unit: 'HUR' }, rate: { amount: '150.00', currency: 'GBP' },
    amount: { amount: new Decimal(pence).div(100).toFixed(2), currency: 'GBP' }, status: 'unbilled',
    lineage: { timeEntryIds: [`te-${n}`], rateCardId: 'rc-1', rateCardVersion: 1, rateCardRowId: 'row-1', correlationId: 'c' },
  };
}

function invoiceOf(transactions: BillableTransaction[], rounding: 'perLine' | 'perDocument'): BillingInvoice {
  const run = runBilling({
    billingRunId: 'run-1', correlationId: 'c', period: { from: '2026-03-01', to: '2026-03-31' }, contracts: [CONTRACT], transactions, revenueAccounts: REVENUE_ACCOUNTS,
    accruals: Object.fromEntries(transactions.map((t) => [t.id, t.amount])),
  });
  const approved = approveCandidate(run.candidates[0], { actor: 'dave', at: '2026-04-01T00:00:00Z', reason: 'ok' }).candidate;
  return finaliseInvoice({
    candidate: approved, invoiceId: 'inv-1', invoiceNumber: 'UK-INV-000001', issueDate: '2026-04-01', paymentTermsDays: 30, customer: { id: 'cus-1', countryCode: 'GB' },
    taxRules: [taxRule(rounding)], postingRule: BILLING_POSTING_RULE,
  }).invoice;
}

/** Net of one account over journals, in pence. */
const net = (journals: BillingJournal[], account: string) => journals.flatMap((j) => j.lines).filter((l) => l.glAccountId === account)
  // + 0 turns a negative zero into zero, so toBe compares amounts, not signs of zero
  .reduce((n, l) => n.add(l.debit).sub(l.credit), new Decimal(0)).mul(100).toNumber() + 0;
/** The accrual delta rating posts for a correction: unbilled against revenue, by the change in amount. */
function accrual(pence: number): BillingJournal {
  const amount = new Decimal(Math.abs(pence)).div(100).toFixed(2);
  const [dr, cr] = pence > 0 ? [amount, '0.00'] : ['0.00', amount];
  return { lines: [{ glAccountId: '1210', debit: dr, credit: cr }, { glAccountId: '4000', debit: cr, credit: dr }] } as unknown as BillingJournal;
}
const header = { creditNoteId: 'cn-1', creditNoteNumber: 'UK-CN-000001', issueDate: '2026-04-10', reason: 'correction' as const };
const reinvoiceHeader = { invoiceId: 'inv-2', invoiceNumber: 'UK-INV-000002', issueDate: '2026-04-10', dueDate: '2026-05-10' };

describe('credit notes for corrected invoiced time', () => {
  it('either policy nets to the correction, relieves exactly the accrual delta and leaves revenue at the corrected value', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 100, max: 500_000 }), { minLength: 1, maxLength: 5 }), fc.nat(4), fc.integer({ min: 0, max: 500_000 }), fc.constantFrom('perLine' as const, 'perDocument' as const),
      (amounts, pick, corrected, rounding) => {
        const transactions = amounts.map((p, i) => transaction(i + 1, p));
        const invoice = invoiceOf(transactions, rounding);
        const target = transactions[pick % transactions.length];
        const before = new Map(transactions.map((t) => [t.id, t.amount.amount]));
        const after = new Map(before);
        after.set(target.id, new Decimal(corrected).div(100).toFixed(2));
        const { lines, added } = lineCorrections(invoice, target.sourceId, before, after);
        expect(added).toEqual([]);
        const delta = corrected - Math.round(Number(target.amount.amount) * 100);
        if (delta === 0) {
          expect(lines).toEqual([]);
          return;
        }
        const deltas = new Map(lines.map((l) => [l.lineId, l.deltas]));
        const correction = lines.map((l) => ({ lineId: l.lineId, amount: l.amount }));
        const invoiceJournal = buildInvoiceJournal(invoice, { journalId: 'je-1', accounts: BILLING_ACCOUNTS, postingRule: BILLING_POSTING_RULE });
        const sum = amounts.reduce((a, b) => a + b, 0);
        const accrued = [accrual(sum), invoiceJournal, accrual(delta)];
        const full = relieveAccrualDeltas(correctInvoice(invoice, correction, 'fullCreditAndReinvoice', header, reinvoiceHeader), deltas);
        const journals = [...accrued, buildCreditNoteJournal(full.creditNote, { journalId: 'je-cn', accounts: BILLING_ACCOUNTS, postingRule: BILLING_POSTING_RULE }),
          buildInvoiceJournal(full.reinvoice as BillingInvoice, { journalId: 'je-2', accounts: BILLING_ACCOUNTS, postingRule: BILLING_POSTING_RULE })];
        for (const j of journals.slice(3)) expect(journalTotals(j).debit).toBe(journalTotals(j).credit);
        // Everything accrued (approval plus the correction's delta) is relieved, and revenue ends at the corrected value.
        expect(net(journals, '1210')).toBe(0);
        expect(net(journals, '4000')).toBe(0 - (sum + delta)); // 0 - x, not -x: a correction to zero nets to +0
        expect(net(journals, '1100')).toBe(Math.round(Number((full.reinvoice as BillingInvoice).total.amount) * 100));
        const fullNet = new Decimal(full.creditNote.total.amount).sub((full.reinvoice as BillingInvoice).total.amount);
        if (delta < 0) {
          const diff = relieveAccrualDeltas(correctInvoice(invoice, correction, 'difference', header), deltas);
          const note = buildCreditNoteJournal(diff.creditNote, { journalId: 'je-cn', accounts: BILLING_ACCOUNTS, postingRule: BILLING_POSTING_RULE });
          expect(journalTotals(note).debit).toBe(journalTotals(note).credit);
          // Difference note total = full credit total − re-invoice total.
          expect(diff.creditNote.total.amount).toBe(fullNet.toFixed(2));
          expect(net([...accrued, note], '1210')).toBe(0);
          expect(net([...accrued, note], '4000')).toBe(0 - (sum + delta)); // 0 - x, not -x: a correction to zero nets to +0
          expect(net([...accrued, note], '1100')).toBe(net(journals, '1100'));
        } else {
          expect(() => correctInvoice(invoice, correction, 'difference', header)).toThrow(/increase/);
        }
      },
    ), { numRuns: 150 });
  });

  it('names a transaction the invoice does not bill, which no line can carry', () => {
    const invoice = invoiceOf([transaction(1, 10_000)], 'perLine');
    const before = new Map([['bt:te-1:REGULAR', '100.00']]);
    const after = new Map([['bt:te-1:REGULAR', '100.00'], ['bt:te-1:OT_DAILY', '50.00']]);
    expect(lineCorrections(invoice, 'te-1', before, after)).toEqual({ lines: [], added: ['bt:te-1:OT_DAILY'] });
  });

  it('takes the contract’s policy, then the legal entity’s, then difference; an increase is always re-invoiced', () => {
    expect(correctionPolicyFor({}, {}, false)).toBe('difference');
    expect(correctionPolicyFor({}, { correctionPolicy: 'fullCreditAndReinvoice' }, false)).toBe('fullCreditAndReinvoice');
    expect(correctionPolicyFor({ correctionPolicy: 'difference' }, { correctionPolicy: 'fullCreditAndReinvoice' }, false)).toBe('difference');
    expect(correctionPolicyFor({}, {}, true)).toBe('fullCreditAndReinvoice');
    expect(() => correctionPolicyFor({ correctionPolicy: 'undo' }, {}, false)).toThrow(AppError);
  });
});
