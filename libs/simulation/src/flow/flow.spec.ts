import { validateCanonical } from '@mapwright/canonical-model';
import { DEFAULT_FACTOR_RULES, rateEntries } from '@mapwright/rating';
import Decimal from 'decimal.js';
import type { BillingRunEvent, ScenarioEvent } from '../model/scenario.types';
import { simulate } from '../simulate';
import { deepFreeze, goldenScenario } from '../testing/scenario.fixtures';
import { entry, usScenario } from '../testing/scenario.builder';
import { toBillableTransactions } from './rated-entry.adapter';

const run: BillingRunEvent = { type: 'billingRun', legalEntityId: 'le-us', periodEnd: '2026-03-31', contractIds: ['ctr-tm'], finaliseApproved: true };

describe('rating output adapted to billing input', () => {
  const ctx = {
    rateCard: { id: 'rc', version: 2, currency: 'USD', rows: [{ id: 'row-1', scope: { level: 'project', projectId: 'prj-1' }, effectivePeriod: { validFrom: '2026-01-01' }, rate: { amount: '100.00', currency: 'USD' }, unit: 'HUR' }] },
    costRates: { id: 'cost', version: 1, rows: [{ id: 'c', employeeId: 'emp-1', rate: { amount: '40.00', currency: 'USD' }, effectivePeriod: { validFrom: '2026-01-01' } }] },
    factorRules: DEFAULT_FACTOR_RULES,
  };
  const base = { revision: 3, status: 'approved', employeeId: 'emp-1', projectId: 'prj-1', customerId: 'cus-1', legalEntityId: 'le-1', billable: true };

  it('gives one canonical transaction per pay code, so overtime never blends into the regular rate', () => {
    // 10 h on a Monday: 8 h regular at 100.00, 2 h daily overtime at 150.00.
    const [snapshot] = rateEntries([{ ...base, id: 'te-1', date: '2026-03-02', quantity: { value: '600', unit: 'MIN' } }], ctx);
    const txs = toBillableTransactions(snapshot, { contractId: 'ctr-1', serviceType: 'consulting', correlationId: 'corr-1' });
    expect(txs.map((t) => [t.id, t.quantity.value, t.rate.amount, t.amount.amount])).toEqual([
      ['bt:te-1:REGULAR', '8', '100.00', '800.00'],
      ['bt:te-1:OT_DAILY', '2', '150.00', '300.00'],
    ]);
    const sum = txs.reduce((n, t) => n.add(t.amount.amount), new Decimal(0));
    expect(sum.toFixed(2)).toBe(snapshot.billing?.amount.amount);
    expect(txs[0]).toMatchObject({ sourceRevision: 3, contractId: 'ctr-1', serviceType: 'consulting', status: 'unbilled', lineage: { timeEntryIds: ['te-1'], rateCardId: 'rc', rateCardVersion: 2, rateCardRowId: 'row-1' } });
    for (const tx of txs) expect(validateCanonical('BillableTransaction', tx)).toEqual([]);
  });

  it('gives nothing for non-billable time, which is cost only', () => {
    const [snapshot] = rateEntries([{ ...base, id: 'te-2', billable: false, date: '2026-03-03', quantity: { value: '60', unit: 'MIN' } }], ctx);
    expect(toBillableTransactions(snapshot, { correlationId: 'c' })).toEqual([]);
  });
});

describe('intake exceptions', () => {
  const result = simulate(usScenario([
    entry('te-ok', 'emp-ana', 'prj-tm', '2026-03-02', 60),
    entry('te-inactive', 'emp-old', 'prj-tm', '2026-03-02', 60),
    entry('te-nobody', 'emp-ghost', 'prj-tm', '2026-03-02', 60),
    entry('te-closed-project', 'emp-ana', 'prj-shut', '2026-03-02', 60),
    entry('te-no-project', 'emp-ana', 'prj-none', '2026-03-02', 60),
    entry('te-closed-period', 'emp-ana', 'prj-tm', '2026-02-27', 60),
    entry('te-cost-centre', 'emp-far', 'prj-tm', '2026-03-02', 60),
    entry('te-no-rate', 'emp-new', 'prj-tm', '2026-03-02', 60),
    entry('te-bad-shape', 'emp-ana', 'prj-tm', '2026-03-02', 60, { quantity: { value: 'lots', unit: 'MIN' } }),
    entry('te-ok', 'emp-ana', 'prj-tm', '2026-03-02', 90),
    run,
    entry('te-ok', 'emp-ana', 'prj-tm', '2026-03-02', 30, { revision: 2 }),
  ]));

  it('turns every refused entry into a coded exception that points at its event', () => {
    expect(result.exceptions.filter((e) => e.source !== 'billing').map((e) => [e.pointer, e.code, e.entryId])).toEqual([
      ['/events/1', 'ENTRY_EMPLOYEE_INACTIVE', 'te-inactive'],
      ['/events/2', 'ENTRY_UNKNOWN_EMPLOYEE', 'te-nobody'],
      ['/events/3', 'ENTRY_PROJECT_CLOSED', 'te-closed-project'],
      ['/events/4', 'ENTRY_UNKNOWN_PROJECT', 'te-no-project'],
      ['/events/5', 'ENTRY_PERIOD_CLOSED', 'te-closed-period'],
      ['/events/6', 'ENTRY_COST_CENTER_INVALID', 'te-cost-centre'],
      ['/events/7', 'RATING_NO_RATE', 'te-no-rate'],
      ['/events/8', 'ENTRY_SCHEMA_INVALID', 'te-bad-shape'],
      ['/events/9', 'ENTRY_STALE_REVISION', 'te-ok'],
      ['/events/11', 'ENTRY_ALREADY_BILLED', 'te-ok'],
    ]);
  });

  it('bills only the good entry, once, at its first revision', () => {
    expect(result.transactions.map((t) => [t.id, t.status, t.amount.amount])).toEqual([['bt:te-ok:REGULAR', 'billed', '150.00']]);
    expect(result.invoices).toHaveLength(1);
  });
});

describe('corrections before invoicing', () => {
  it('rerates a corrected entry with a delta journal and bills the new amount', () => {
    const result = simulate(usScenario([
      entry('te-1', 'emp-ana', 'prj-tm', '2026-03-02', 120),
      entry('te-1', 'emp-ana', 'prj-tm', '2026-03-02', 90, { revision: 2 }),
      run,
    ]));
    const delta = result.journals.find((j) => j.id === 'je-te-1@2');
    expect(delta && delta.origin === 'posting' && delta.kind).toBe('delta');
    expect(delta?.lines.find((l) => l.glAccountId === '1210')?.credit).toBe('75.00');
    expect(result.invoices[0].subtotal.amount).toBe('225.00');
  });

  it('withdraws an approved entry that is rejected: its journal is reversed and nothing is billed', () => {
    const result = simulate(usScenario([
      entry('te-1', 'emp-ana', 'prj-tm', '2026-03-02', 120),
      { type: 'reject', date: '2026-03-03', entryId: 'te-1', reason: 'wrong project' },
      run,
    ]));
    expect(result.journals.map((j) => j.id)).toEqual(['je-te-1@1', 'je-te-1@1:withdrawn:1']);
    expect(result.transactions[0].status).toBe('reversed');
    expect(result.invoices).toEqual([]);
    expect(result.totals.gl.every((g) => new Decimal(g.balance).isZero())).toBe(true);
  });
});

describe('determinism and purity', () => {
  it('gives byte-identical JSON for the same scenario, and never changes its input', () => {
    const scenario = goldenScenario('correction-cancel-credit-note');
    const first = JSON.stringify(simulate(scenario));
    const second = JSON.stringify(simulate(deepFreeze(goldenScenario('correction-cancel-credit-note'))));
    expect(second).toBe(first);
    expect(scenario).toEqual(goldenScenario('correction-cancel-credit-note'));
  });

  it('derives ids from the scenario: the same events under another run id give other candidate ids only', () => {
    const a = simulate(usScenario([entry('te-1', 'emp-ana', 'prj-tm', '2026-03-02', 60), run]));
    const b = simulate(usScenario([entry('te-1', 'emp-ana', 'prj-tm', '2026-03-02', 60), { ...run, id: 'march' }]));
    expect(a.candidates.map((c) => c.id)).toEqual(['run-1:ctr-tm']);
    expect(b.candidates.map((c) => c.id)).toEqual(['march:ctr-tm']);
    expect(b.invoices[0].total).toEqual(a.invoices[0].total);
  });
});

describe('review outcomes carried forward', () => {
  const review = (candidateId: string, action: 'approve' | 'reject' | 'writeDown', extra: object = {}): ScenarioEvent =>
    ({ type: 'review', date: '2026-04-01', candidateId, action, by: 'dave', ...extra }) as ScenarioEvent;

  it('a rejected candidate leaves its work unbilled, and the next run proposes it again', () => {
    const result = simulate(usScenario([
      entry('te-1', 'emp-ana', 'prj-tm', '2026-03-02', 60),
      { ...run, finaliseApproved: false },
      review('run-1:ctr-tm', 'reject', { reason: 'wrong purchase order' }),
      { ...run, id: 'run-2', finaliseApproved: false },
      review('run-2:ctr-tm', 'approve'),
      { type: 'finalise', date: '2026-04-02', candidateId: 'run-2:ctr-tm' },
    ], { policies: { reviewPolicy: { autoApproveMax: { USD: '0' } } } }));
    expect(result.candidates.map((c) => [c.id, c.status])).toEqual([['run-1:ctr-tm', 'rejected'], ['run-2:ctr-tm', 'finalised']]);
    expect(result.audit.map((a) => [a.candidateId, a.action, a.reason])).toEqual([['run-1:ctr-tm', 'reject', 'wrong purchase order'], ['run-2:ctr-tm', 'approve', 'approve']]);
    expect(result.exceptions).toEqual([]);
    expect(result.invoices.map((i) => i.invoiceCandidateId)).toEqual(['run-2:ctr-tm']);
  });

  it('a capped contract carries what was invoiced after a write-down, not what was proposed', () => {
    const capRun = (id: string, periodEnd: string): ScenarioEvent => ({ type: 'billingRun', id, legalEntityId: 'le-us', periodEnd, contractIds: ['ctr-cap'] });
    const result = simulate(usScenario([
      entry('te-1', 'emp-ana', 'prj-cap', '2026-03-02', 360), // 900.00
      entry('te-2', 'emp-ana', 'prj-cap', '2026-03-03', 240), // 600.00
      capRun('march', '2026-03-31'),
      review('march:ctr-cap', 'writeDown', { lineNumber: 1, amount: '500.00' }),
      review('march:ctr-cap', 'approve'),
      { type: 'finalise', date: '2026-04-01', candidateId: 'march:ctr-cap' },
      entry('te-3', 'emp-ana', 'prj-cap', '2026-04-06', 480), // 1,200.00
      capRun('april', '2026-04-30'),
      review('april:ctr-cap', 'approve'),
      { type: 'finalise', date: '2026-05-01', candidateId: 'april:ctr-cap' },
    ], { policies: { reviewPolicy: { autoApproveMax: { USD: '0' } } } }));
    // March invoices 1,000.00 of the 2,000.00 cap, so April may bill 1,000.00 and writes off 200.00.
    expect(result.invoices.map((i) => i.subtotal.amount)).toEqual(['1000.00', '1000.00']);
    expect(result.invoices[1].lines[0].writeOff.amount).toBe('200.00');
  });
});
