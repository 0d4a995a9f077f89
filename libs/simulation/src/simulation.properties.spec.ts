import fc from 'fast-check';
import Decimal from 'decimal.js';
import type { ScenarioEvent } from './model/scenario.types';
import type { SimulationResult } from './model/result.types';
import { simulate } from './simulate';
import { entry, usScenario } from './testing/scenario.builder';
import { unbalancedJournals } from './testing/scenario.fixtures';

const WEEKDAYS = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27].map((d) => `2026-03-${String(d).padStart(2, '0')}`);
const CONTRACTS = ['ctr-tm', 'ctr-cap', 'ctr-ff'];
const PROJECT_OF: Record<string, string> = { 'ctr-tm': 'prj-tm', 'ctr-cap': 'prj-cap', 'ctr-ff': 'prj-ff' };

const entries = fc.array(
  fc.record({ employee: fc.constantFrom('emp-ana', 'emp-ben'), contract: fc.constantFrom(...CONTRACTS), day: fc.constantFrom(...WEEKDAYS), quarters: fc.integer({ min: 1, max: 28 }) }),
  { minLength: 1, maxLength: 10 },
);
/** Per contract, an optional write-down of line 1 in cents; 0 means none. */
const writeDowns = fc.tuple(fc.nat({ max: 30000 }), fc.nat({ max: 30000 }), fc.nat({ max: 30000 }));
const afterwards = fc.constantFrom('none', 'fullCredit', 'fullCreditThenCancel', 'fullCreditThenRebill');

function reviewed(runId: string, cents: readonly number[], date: string): ScenarioEvent[] {
  return CONTRACTS.flatMap((c, i): ScenarioEvent[] => [
    ...(cents[i] > 0 ? [{ type: 'review', date, candidateId: `${runId}:${c}`, action: 'writeDown', lineNumber: 1, amount: new Decimal(cents[i]).div(100).toFixed(2), by: 'dave' } as ScenarioEvent] : []),
    { type: 'review', date, candidateId: `${runId}:${c}`, action: 'approve', by: 'dave' },
    { type: 'finalise', date, candidateId: `${runId}:${c}` },
  ]);
}

function build(es: Array<{ employee: string; contract: string; day: string; quarters: number }>, cents: readonly number[], after: string) {
  const events: ScenarioEvent[] = es.map((e, i) => entry(`te-${i + 1}`, e.employee, PROJECT_OF[e.contract], e.day, e.quarters * 15));
  events.push({ type: 'billingRun', legalEntityId: 'le-us', periodEnd: '2026-03-31' }, ...reviewed('run-1', cents, '2026-04-01'));
  if (after !== 'none') events.push({ type: 'correctInvoice', date: '2026-04-05', invoiceNumber: 'US-INV-000001', policy: 'fullCredit', reason: 'cancellation' });
  if (after === 'fullCreditThenCancel') events.push({ type: 'cancelCreditNote', date: '2026-04-06', creditNoteNumber: 'US-CN-000001' });
  events.push({ type: 'billingRun', id: 'run-2', legalEntityId: 'le-us', periodEnd: '2026-03-31', date: '2026-04-07' }, ...reviewed('run-2', [0, 0, 0], '2026-04-07'));
  // Every candidate waits for review, so write-downs can apply.
  return usScenario(events, { policies: { reviewPolicy: { autoApproveMax: { USD: '0' } } } });
}

function liveInvoices(result: SimulationResult) {
  const withdrawn = new Set(result.creditNotes.filter((n) => n.kind === 'full' && n.status === 'finalised').map((n) => n.originalInvoiceId));
  return result.invoices.filter((i) => !withdrawn.has(i.id));
}

const FEE_KINDS = new Set(['fixedFee', 'milestone', 'retainerFee', 'prepaidBlock']);
const RUNS = { numRuns: 40 };

describe('simulation properties over random scenarios', () => {
  it('invoiced amount = rated billable − write-offs + fees, on every invoice; every journal balances; no transaction on two live invoices', () => {
    fc.assert(
      fc.property(entries, writeDowns, afterwards, (es, cents, after) => {
        const result = simulate(build(es, cents, after));
        const amountOf = new Map(result.transactions.map((t) => [t.id, new Decimal(t.amount.amount)]));
        for (const inv of result.invoices) {
          let expected = new Decimal(0);
          for (const line of inv.lines) {
            if (FEE_KINDS.has(line.kind)) expected = expected.add(line.amount.amount);
            else expected = line.lineage.billableTransactionIds.reduce((n, id) => n.add(amountOf.get(id) as Decimal), expected).sub(line.writeOff.amount);
          }
          expect(new Decimal(inv.subtotal.amount).eq(expected)).toBe(true);
        }
        expect(unbalancedJournals(result.journals)).toEqual([]);
        const seen = new Map<string, string>();
        for (const inv of liveInvoices(result)) {
          for (const id of inv.billableTransactionIds) {
            expect(seen.get(id) ?? inv.id).toBe(inv.id);
            seen.set(id, inv.id);
          }
        }
        // Nothing is lost: every rated billable transaction is on a live invoice, absorbed by a fee that had
        // nothing new to invoice (billed, no invoice), or still waiting to be billed.
        for (const tx of result.transactions) {
          if (seen.has(tx.id)) continue;
          if (tx.status === 'billed') expect([tx.invoiceId, tx.contractId]).toEqual([undefined, 'ctr-ff']);
          else expect(['unbilled', 'deferred', 'onHold']).toContain(tx.status);
        }
      }),
      RUNS,
    );
  });

  it('a difference credit note nets to the same as a full credit note and re-invoice', () => {
    fc.assert(
      fc.property(entries, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (es, pick, share) => {
        const events: ScenarioEvent[] = es.map((e, i) => entry(`te-${i + 1}`, e.employee, 'prj-tm', e.day, e.quarters * 15));
        events.push({ type: 'billingRun', legalEntityId: 'le-us', periodEnd: '2026-03-31', contractIds: ['ctr-tm'], finaliseApproved: true });
        const invoice = simulate(usScenario(events)).invoices[0];
        const line = invoice.lines[pick % invoice.lines.length];
        const minor = new Decimal(line.amount.amount).mul(100);
        // Strictly lower, never negative: a share of the line kept, rounded down to the cent.
        const corrected = Decimal.min(minor.mul(share).floor(), minor.sub(1)).div(100).toFixed(2);
        const correct = (policy: 'difference' | 'fullCreditAndReinvoice') => simulate(usScenario([...events, {
          type: 'correctInvoice', date: '2026-04-10', invoiceNumber: invoice.invoiceNumber, policy, lines: [{ lineNumber: line.lineNumber, amount: corrected }],
        }]));
        const diff = correct('difference');
        const full = correct('fullCreditAndReinvoice');
        expect(diff.exceptions.filter((e) => e.source === 'correction')).toEqual([]);
        const note = diff.creditNotes[0];
        const [fullNote, reinvoice] = [full.creditNotes[0], full.invoices[1]];
        for (const k of ['subtotal', 'taxTotal', 'total'] as const) {
          expect(new Decimal(note[k].amount).eq(new Decimal(fullNote[k].amount).sub(reinvoice[k].amount))).toBe(true);
        }
        expect(diff.totals.net).toEqual(full.totals.net);
        expect(unbalancedJournals([...diff.journals, ...full.journals])).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
