import type { TaxRule } from '@mapwright/canonical-model';
import fc from 'fast-check';
import { correctInvoice } from '../corrections/credit-note.builder';
import { finaliseInvoice } from '../finalise/invoice.finaliser';
import { BillingLedger } from '../ledger/billing-ledger';
import { add, fromMinor, sub, sum, toMinor, Dec } from '../money/billing.money';
import { approveCandidate, writeDownLine } from '../review/candidate.editor';
import { runBilling } from '../run/billing-run';
import { ACCOUNTS, contract, CUSTOMER, POSTING_RULE, runInput, taxRule } from '../testing/billing.fixtures';
import { currencyArb, moneyArb, transactionsArb } from '../testing/billing.arbitraries';
import { buildCreditNoteJournal, buildInvoiceJournal, journalTotals } from './invoice-journal.builder';

const ctx = { actor: 'dave', at: '2026-04-01T00:00:00Z', reason: 'property' };

const ruleArb: fc.Arbitrary<TaxRule> = fc.record({
  rate: fc.constantFrom('0', '5', '7.5', '10', '17.5', '20', '21'),
  calculation: fc.constantFrom('exclusive', 'inclusive') as fc.Arbitrary<'exclusive' | 'inclusive'>,
  rounding: fc.constantFrom('perLine', 'perDocument') as fc.Arbitrary<'perLine' | 'perDocument'>,
  roundingMode: fc.constantFrom('halfUp', 'halfEven', 'down', 'up') as fc.Arbitrary<'halfUp' | 'halfEven' | 'down' | 'up'>,
}).map((r) => taxRule(r));

const invoiceArb = currencyArb.chain((currency) => fc.record({
  currency: fc.constant(currency),
  kind: fc.constantFrom('timeAndMaterials', 'milestone', 'retainer') as fc.Arbitrary<'timeAndMaterials' | 'milestone' | 'retainer'>,
  fee: moneyArb(currency, 1, 10_000_000),
  txs: transactionsArb(currency, 8),
  rule: ruleArb,
  downs: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 8, maxLength: 8 }),
  fx: fc.option(fc.record({
    functionalCurrency: fc.constantFrom('GBP', 'JPY', 'KWD'),
    rate: fc.integer({ min: 1, max: 200_000 }).map((n) => new Dec(n).div(10_000).toString()),
    approvalRate: fc.integer({ min: 1, max: 200_000 }).map((n) => new Dec(n).div(10_000).toString()),
  }), { nil: undefined }),
  cuts: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 8, maxLength: 8 }),
}));

type InvoiceCase = typeof invoiceArb extends fc.Arbitrary<infer T> ? T : never;

/** A T&M invoice with write-downs, a milestone invoice absorbing time, or a retainer with overage. */
function contractFor({ currency, kind, fee }: InvoiceCase) {
  if (kind === 'milestone') return contract({ currency, type: 'milestone', invoiceApproval: 'review', milestones: { totalAmount: fee, items: [{ id: 'm1', name: 'All', percentage: '100', status: 'achieved' }] } });
  if (kind === 'retainer') {
    return contract({ currency, type: 'retainer', invoiceApproval: 'review', retainer: { variant: 'recurring', period: 'month', fee, includedHours: { value: '10', unit: 'HUR' }, overageRate: fee } });
  }
  return contract({ currency, invoiceApproval: 'review' });
}

function build(arb: InvoiceCase) {
  const { currency, txs, downs, fx } = arb;
  // Retainer balances are kept on tax-exclusive prices (the journal refuses otherwise).
  const rule = arb.kind === 'retainer' ? { ...arb.rule, calculation: 'exclusive' as const } : arb.rule;
  let candidate = runBilling(runInput([contractFor(arb)], txs)).candidates[0];
  candidate.lines.filter((l) => l.creditRole !== 'deferredRevenue').forEach((l, i) => {
    const by = toMinor(l.amount).mul(downs[i]).div(100).floor();
    if (by.gt(0)) candidate = writeDownLine(candidate, l.id, fromMinor(by, currency).amount, ctx).candidate;
  });
  candidate = approveCandidate(candidate, ctx).candidate;
  return finaliseInvoice({ candidate, invoiceId: 'inv-1', invoiceNumber: 'N-1', issueDate: '2026-04-02', paymentTermsDays: 14, customer: CUSTOMER, taxRules: [rule], postingRule: POSTING_RULE, fx }).invoice;
}

describe('document properties', () => {
  it('every invoice and credit note journal balances in transaction and functional currency', () => {
    fc.assert(fc.property(invoiceArb, (arb) => {
      const invoice = build(arb);
      const opts = { journalId: 'j', accounts: ACCOUNTS, postingRule: POSTING_RULE, fx: arb.fx };
      const full = correctInvoice(invoice, [], 'fullCreditAndReinvoice', { creditNoteId: 'cn', creditNoteNumber: 'CN-1', issueDate: '2026-04-09', reason: 'correction' }, { invoiceId: 'inv-2', invoiceNumber: 'N-2', issueDate: '2026-04-09', dueDate: '2026-04-23' });
      for (const journal of [buildInvoiceJournal(invoice, opts), buildCreditNoteJournal(full.creditNote, opts)]) {
        const t = journalTotals(journal);
        expect(t.debit).toBe(t.credit);
        expect(t.functionalDebit).toBe(t.functionalCredit);
        for (const l of journal.lines) expect(new Dec(l.debit).isZero() || new Dec(l.credit).isZero()).toBe(true);
      }
      // Receivable always carries the document total.
      expect(buildInvoiceJournal(invoice, opts).lines[0].debit).toBe(invoice.total.amount);
    }), { numRuns: 200 });
  });

  it('credit note for the difference = full credit − re-invoice; both net to the correction', () => {
    fc.assert(fc.property(invoiceArb, (arb) => {
      const invoice = build(arb);
      const corrections = invoice.lines.map((l, i) => ({ lineId: l.id, amount: fromMinor(toMinor(l.amount).mul(arb.cuts[i]).div(100).floor(), arb.currency).amount }));
      const changed = corrections.some((c, i) => c.amount !== invoice.lines[i].amount.amount);
      const h = { creditNoteId: 'cn', creditNoteNumber: 'CN-1', issueDate: '2026-04-09', reason: 'correction' as const };
      const full = correctInvoice(invoice, corrections, 'fullCreditAndReinvoice', h, { invoiceId: 'inv-2', invoiceNumber: 'N-2', issueDate: '2026-04-09', dueDate: '2026-04-23' });
      const reinvoice = full.reinvoice!;
      expect(sum(reinvoice.lines.map((l) => l.amount), arb.currency)).toEqual(sum(corrections.map((c) => ({ amount: c.amount, currency: arb.currency })), arb.currency));
      if (!changed) return;
      const diff = correctInvoice(invoice, corrections, 'difference', h).creditNote;
      expect(diff.total).toEqual(sub(full.creditNote.total, reinvoice.total));
      expect(add(reinvoice.total, diff.total)).toEqual(invoice.total);
      expect(diff.subtotal).toEqual(sub(invoice.subtotal, reinvoice.subtotal));
    }), { numRuns: 200 });
  });

  it('no transaction is ever on two live invoices, whatever the order of links, credits and cancellations', () => {
    type Op = { kind: 'link'; txs: number[] } | { kind: 'credit'; invoice: number } | { kind: 'cancel'; note: number };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('link' as const), txs: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }) }),
      fc.record({ kind: fc.constant('credit' as const), invoice: fc.integer({ min: 0, max: 15 }) }),
      fc.record({ kind: fc.constant('cancel' as const), note: fc.integer({ min: 0, max: 15 }) }),
    );
    fc.assert(fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
      let ledger = BillingLedger.empty();
      const live = new Map<string, string>();
      let invoices = 0;
      let notes = 0;
      for (const op of ops) {
        const ids = op.kind === 'link' ? op.txs.map((t) => `t${t}`) : [];
        const clash = ids.some((t) => live.has(t));
        try {
          if (op.kind === 'link') {
            const id = `inv-${invoices}`;
            ledger = ledger.link(id, ids);
            expect(clash).toBe(false);
            invoices += 1;
            ids.forEach((t) => live.set(t, id));
          } else if (op.kind === 'credit') {
            ledger = ledger.releaseForCreditNote(`cn-${notes}`, `inv-${op.invoice}`);
            notes += 1;
            for (const [t, inv] of [...live]) if (inv === `inv-${op.invoice}`) live.delete(t);
          } else {
            const before = ledger.toSnapshot().links;
            ledger = ledger.cancelCreditNote(`cn-${op.note}`);
            for (const [t, inv] of ledger.toSnapshot().links) if (!before.some(([bt]) => bt === t)) live.set(t, inv);
          }
        } catch (e) {
          expect((e as { code?: string }).code).toMatch(/^BILLING_/);
          // A link is refused exactly when one of its transactions is already live.
          if (op.kind === 'link') expect([clash, (e as { code?: string }).code]).toEqual([true, 'BILLING_ALREADY_BILLED']);
        }
        expect(new Map(ledger.toSnapshot().links)).toEqual(live);
        const perTx = new Map<string, number>();
        for (const [t] of ledger.toSnapshot().links) perTx.set(t, (perTx.get(t) ?? 0) + 1);
        expect([...perTx.values()].every((n) => n === 1)).toBe(true);
      }
    }), { numRuns: 300 });
  });
});
