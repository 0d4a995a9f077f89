import fc from 'fast-check';
import Decimal from 'decimal.js';
import type { ScenarioContract, ScenarioEvent } from './model/scenario.types';
import type { SimulationResult } from './model/result.types';
import { simulate } from './simulate';
import { entry, usScenario } from './testing/scenario.builder';
import { unbalancedJournals } from './testing/scenario.fixtures';

/**
 * After every billing cycle, over random scenarios of every contract type, both tax modes and every
 * correction path: each settled transaction's unbilled accrual is relieved to exactly zero, and revenue
 * less write-offs equals what was invoiced net of tax, plus deferred revenue released, plus the accrual
 * of work not yet settled.
 */
const USD = (amount: string) => ({ amount, currency: 'USD' });
const FROM_2026 = { validFrom: '2026-01-01' };
const MARCH = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20].map((d) => `2026-03-${String(d).padStart(2, '0')}`);
const APRIL = ['2026-04-06', '2026-04-07', '2026-04-08'];
const FEE_FREE = ['ctr-tm', 'ctr-cap', 'ctr-ff', 'ctr-ms'];
const RETAINED = ['ctr-ret', 'ctr-blk'];
const REVENUE_ACCOUNTS = new Set(['4000', '4010', '4020']);
type TaxMode = 'exclusive' | 'inclusive';
type Path = 'none' | 'entryCorrection' | 'difference' | 'reinvoiceUp' | 'reinvoiceDown' | 'fullCredit' | 'fullCreditThenCancel' | 'fullCreditThenRebill';

interface Work { employee: string; contract: string; day: string; quarters: number }
interface Case { mode: TaxMode; rounding: 'perLine' | 'perDocument'; work: Work[]; writeDown: number; path: Path; target: number }

function masterData(mode: TaxMode, rounding: Case['rounding']) {
  const base = usScenario([]).masterData;
  const project = (id: string, contractId: string) => ({ id, customerId: 'cus-acme', legalEntityId: 'le-us', contractId, status: 'active' as const });
  const common = { customerId: 'cus-acme', legalEntityId: 'le-us', currency: 'USD', effectivePeriod: FROM_2026, rateCardId: 'rc-std' };
  const contracts: ScenarioContract[] = [
    ...base.contracts,
    { ...common, id: 'ctr-ms', projectIds: ['prj-ms'], type: 'milestone' as const, milestones: { totalAmount: USD('3000.00'), items: [
      { id: 'm1', name: 'Design', percentage: '40', status: 'achieved' as const, achievedOn: '2026-03-10' },
      { id: 'm2', name: 'Build', percentage: '60', status: 'achieved' as const, achievedOn: '2026-04-08' },
    ] } },
    // Retainer balances are kept on tax-exclusive prices, so retainers only run under the exclusive rule.
    ...(mode === 'exclusive' ? [
      { ...common, id: 'ctr-ret', projectIds: ['prj-ret'], type: 'retainer' as const, retainer: { variant: 'recurring' as const, period: 'month' as const, fee: USD('1000.00'), includedHours: { value: '8', unit: 'HUR' as const }, rolloverCapHours: { value: '4', unit: 'HUR' as const }, overageRate: USD('160.00') } },
      { ...common, id: 'ctr-blk', projectIds: ['prj-blk'], type: 'retainer' as const, retainer: { variant: 'prepaidBlock' as const, fee: USD('1200.00'), includedHours: { value: '10', unit: 'HUR' as const }, overageRate: USD('175.00') } },
    ] : []),
  ];
  return {
    ...base,
    projects: [...base.projects, project('prj-ms', 'ctr-ms'), project('prj-ret', 'ctr-ret'), project('prj-blk', 'ctr-blk')].filter((p) => contracts.some((c) => c.id === p.contractId)),
    contracts,
    taxRules: [{ id: 'tr-vat', name: 'VAT', version: 1, priority: 10, effectivePeriod: FROM_2026, legalEntityId: 'le-us', taxCodeId: 'tc-vat', rate: '20', calculation: mode, rounding, roundingMode: 'halfUp' as const }],
  };
}

const PROJECT: Record<string, string> = { 'ctr-tm': 'prj-tm', 'ctr-cap': 'prj-cap', 'ctr-ff': 'prj-ff', 'ctr-ms': 'prj-ms', 'ctr-ret': 'prj-ret', 'ctr-blk': 'prj-blk' };

const cases: fc.Arbitrary<Case> = fc.constantFrom<TaxMode>('exclusive', 'inclusive').chain((mode) => fc.record({
  mode: fc.constant(mode),
  rounding: fc.constantFrom<Case['rounding']>('perLine', 'perDocument'),
  // At most one entry per employee and day, up to 7 h: no overtime, so each entry is one transaction.
  work: fc.uniqueArray(
    fc.record({ employee: fc.constantFrom('emp-ana', 'emp-ben'), contract: fc.constantFrom(...(mode === 'exclusive' ? [...FEE_FREE, ...RETAINED] : FEE_FREE)), day: fc.constantFrom(...MARCH, ...APRIL), quarters: fc.integer({ min: 1, max: 28 }) }),
    { minLength: 1, maxLength: 12, selector: (w) => `${w.employee}:${w.day}` },
  ),
  writeDown: fc.nat({ max: 20000 }),
  path: fc.constantFrom<Path>('none', 'entryCorrection', 'difference', 'reinvoiceUp', 'reinvoiceDown', 'fullCredit', 'fullCreditThenCancel', 'fullCreditThenRebill'),
  target: fc.integer({ min: 1, max: 4 }),
}));

function reviewAll(runId: string, contracts: readonly string[], date: string, writeDownCents: number): ScenarioEvent[] {
  return contracts.flatMap((c): ScenarioEvent[] => [
    ...(writeDownCents > 0 ? [{ type: 'review', date, candidateId: `${runId}:${c}`, action: 'writeDown', lineNumber: 1, amount: new Decimal(writeDownCents).div(100).toFixed(2), by: 'dave' } as ScenarioEvent] : []),
    { type: 'review', date, candidateId: `${runId}:${c}`, action: 'approve', by: 'dave' },
    { type: 'finalise', date, candidateId: `${runId}:${c}` },
  ]);
}

/** The event list, cut after each billing cycle (a run with its reviews and finalisations, or a correction). */
function cycles(c: Case): ScenarioEvent[][] {
  const all = [...FEE_FREE, ...RETAINED];
  const events: ScenarioEvent[] = c.work.map((w, i) => entry(`te-${i + 1}`, w.employee, PROJECT[w.contract], w.day, w.quarters * 15));
  if (c.path === 'entryCorrection') {
    const w = c.work[0];
    events.push({ type: 'correct', date: w.day, entry: { id: 'te-1', revision: 2, employeeId: w.employee, projectId: PROJECT[w.contract], date: w.day, quantity: { value: String(Math.max(1, w.quarters - 2) * 15 + 7), unit: 'MIN' }, billable: true } });
  }
  const cuts: ScenarioEvent[][] = [];
  events.push({ type: 'billingRun', legalEntityId: 'le-us', periodEnd: '2026-03-31', date: '2026-04-01' }, ...reviewAll('run-1', all, '2026-04-01', c.writeDown));
  cuts.push([...events]);
  const invoiceNumber = `US-INV-${String(c.target).padStart(6, '0')}`;
  if (c.path === 'difference' || c.path === 'reinvoiceUp' || c.path === 'reinvoiceDown') {
    // Line amounts are only known after the run: take them from the first cut.
    const first = simulate(scenarioOf(c, events)).invoices.find((i) => i.invoiceNumber === invoiceNumber);
    if (first) {
      const line = first.lines[0];
      const minor = new Decimal(line.amount.amount).mul(100);
      const next = c.path === 'reinvoiceUp' ? minor.add(6000) : Decimal.max(minor.sub(minor.div(3).ceil()), 0);
      const policy = c.path === 'difference' ? 'difference' : 'fullCreditAndReinvoice';
      events.push({ type: 'correctInvoice', date: '2026-04-03', invoiceNumber, policy, lines: [{ lineNumber: 1, amount: next.div(100).toFixed(2) }], reason: 'correction' });
      cuts.push([...events]);
    }
  }
  if (c.path.startsWith('fullCredit')) {
    events.push({ type: 'correctInvoice', date: '2026-04-03', invoiceNumber, policy: 'fullCredit', reason: 'cancellation' });
    cuts.push([...events]);
  }
  if (c.path === 'fullCreditThenCancel') {
    events.push({ type: 'cancelCreditNote', date: '2026-04-04', creditNoteNumber: 'US-CN-000001' });
    cuts.push([...events]);
  }
  if (c.path === 'fullCreditThenRebill') {
    // The retainer period is billed once; everything else may be billed again.
    events.push({ type: 'billingRun', id: 'run-2', legalEntityId: 'le-us', periodEnd: '2026-03-31', date: '2026-04-05', contractIds: FEE_FREE }, ...reviewAll('run-2', FEE_FREE, '2026-04-05', 0));
    cuts.push([...events]);
  }
  events.push({ type: 'billingRun', id: 'run-3', legalEntityId: 'le-us', periodEnd: '2026-04-30', date: '2026-05-01' }, ...reviewAll('run-3', all, '2026-05-01', 0));
  cuts.push([...events]);
  return cuts;
}

function scenarioOf(c: Case, events: ScenarioEvent[]) {
  // Every candidate waits for review, so write-downs can apply.
  return usScenario(events, { masterData: masterData(c.mode, c.rounding), policies: { reviewPolicy: { autoApproveMax: { USD: '0' } } } });
}

const cents = (v: string | Decimal) => new Decimal(v).mul(100);

/** Per transaction: what posting accrued to 1210 (approval, deltas, reversals), from the posting journals. */
function postingAccruals(result: SimulationResult): Map<string, Decimal> {
  const byEntry = new Map<string, Decimal>();
  for (const j of result.journals) {
    if (j.origin !== 'posting') continue;
    for (const l of j.lines) {
      if (l.glAccountId !== '1210') continue;
      const id = l.lineage.timeEntryIds?.[0] as string;
      byEntry.set(id, (byEntry.get(id) ?? new Decimal(0)).add(cents(l.debit)).sub(cents(l.credit)));
    }
  }
  return new Map(result.transactions.filter((t) => t.status !== 'reversed').map((t) => [t.id, byEntry.get(t.sourceId) ?? new Decimal(0)]));
}

function checkCycle(result: SimulationResult, mode: TaxMode): void {
  expect(unbalancedJournals(result.journals)).toEqual([]);
  const accrued = postingAccruals(result);
  // Revenue never holds tax: an included 20% is taken out of each accrual (rounded half up), nothing else is.
  for (const tx of result.transactions.filter((t) => t.status !== 'reversed')) {
    const gross = cents(tx.amount.amount);
    const net = mode === 'inclusive' ? gross.sub(gross.mul(20).div(120).toDecimalPlaces(0, Decimal.ROUND_HALF_UP)) : gross;
    expect([tx.id, (accrued.get(tx.id) as Decimal).toString()]).toEqual([tx.id, net.toString()]);
  }
  // Every billing movement on 1210 is exactly the accrual of the transactions it names; count them per transaction.
  const moves = new Map<string, number>();
  for (const j of result.journals) {
    if (j.origin !== 'billing') continue;
    for (const l of j.lines) {
      if (l.glAccountId !== '1210') continue;
      const ids = l.lineage.billableTransactionIds ?? [];
      const amount = cents(l.debit).sub(cents(l.credit));
      expect(amount.abs().toString()).toBe(ids.reduce((n, id) => n.add(accrued.get(id) ?? new Decimal(0)), new Decimal(0)).toString());
      for (const id of ids) moves.set(id, (moves.get(id) ?? 0) + (amount.isPositive() ? 1 : -1));
    }
  }
  let unsettled = new Decimal(0);
  for (const tx of result.transactions) {
    if (tx.status === 'reversed') continue;
    const accrual = accrued.get(tx.id) as Decimal;
    const balance = accrual.mul(1 + (accrual.isZero() ? 0 : moves.get(tx.id) ?? 0));
    if (tx.status === 'billed' || tx.status === 'writtenOff') expect([tx.id, balance.toString()]).toEqual([tx.id, '0']);
    else {
      expect([tx.id, balance.toString()]).toEqual([tx.id, accrual.toString()]);
      unsettled = unsettled.add(accrual);
    }
  }
  const gl = (pick: (account: string) => boolean) => result.totals.gl.filter((g) => pick(g.account)).reduce((n, g) => n.add(cents(g.balance)), new Decimal(0));
  expect(gl((a) => a === '1210').toString()).toBe(unsettled.toString());

  // Revenue less write-offs = net invoiced (unbilled and revenue lines, credit notes deducted) + released + not yet settled.
  const netOf = (lines: SimulationResult['invoices'][number]['lines']) => lines.filter((l) => l.creditRole !== 'deferredRevenue').reduce((n, l) => n.add(cents(l.netAmount.amount)), new Decimal(0));
  const invoiced = result.invoices.reduce((n, i) => n.add(netOf(i.lines)), new Decimal(0))
    .sub(result.creditNotes.filter((n) => n.status === 'finalised').reduce((n, c) => n.add(netOf(c.lines)), new Decimal(0)));
  const released = result.journals.flatMap((j) => (j.origin === 'billing' ? j.lines : [])).filter((l) => l.role === 'revenueRelease').reduce((n, l) => n.add(cents(l.credit)).sub(cents(l.debit)), new Decimal(0));
  const revenue = gl((a) => REVENUE_ACCOUNTS.has(a)).neg().sub(gl((a) => a === '6900'));
  expect(revenue.toString()).toBe(invoiced.add(released).add(unsettled).toString());
}

describe('unbilled is relieved to zero and revenue ties to invoices after every billing cycle', () => {
  it('every contract type, both tax modes, every correction path', () => {
    fc.assert(
      fc.property(cases, (c) => {
        for (const cut of cycles(c)) checkCycle(simulate(scenarioOf(c, cut)), c.mode);
      }),
      { numRuns: 40 },
    );
  });
});
