import { runBilling, type BillingContract, type BillingRunInput } from '@mapwright/billing';
import type { BillableTransaction } from '@mapwright/canonical-model';
import type { RatingSnapshot } from '@mapwright/rating';
import { toBillableTransactions } from '@mapwright/simulation';
import { BillingRunService, DEFAULT_BATCHING } from '../../../apps/runtime/src/billing/billing-run.service';
import { REVENUE_ACCOUNTS } from '../../../apps/runtime/src/billing/billing-settings';
import type { Harness } from '../runtime/runtime-harness';
import { client, csvRow, describeTimesheet, isBalanced } from '../timesheet/timesheet-harness';

const enc = encodeURIComponent;
const PERIOD = { legalEntityId: 'le-uk', periodStart: '2026-03-01', periodEnd: '2026-03-31' };
const money = (amount: string) => ({ amount, currency: 'GBP' });

/** Contracts of all five types on their own projects, beside the demo firm's UK contracts. */
const SCALE_CONTRACTS: [id: string, type: string, terms: Record<string, unknown>][] = [
  ['ctr-scale-tm-1', 'timeAndMaterials', {}],
  ['ctr-scale-tm-2', 'timeAndMaterials', {}],
  ['ctr-scale-ff', 'fixedFee', { fixedFee: { totalAmount: money('9000.00'), schedule: [{ id: 'sff-1', dueDate: '2026-03-20', amount: money('4500.00') }, { id: 'sff-2', dueDate: '2026-05-20', amount: money('4500.00') }] } }],
  ['ctr-scale-ms', 'milestone', { milestones: { totalAmount: money('12000.00'), items: [{ id: 'sms-1', name: 'Kick-off', percentage: '25', status: 'achieved', achievedOn: '2026-03-10' }, { id: 'sms-2', name: 'Handover', percentage: '75', status: 'pending' }] } }],
  ['ctr-scale-cap', 'capped', { cap: { capAmount: money('1000.00'), tolerancePercent: '0', overCapPolicy: 'writeOff' } }],
  ['ctr-scale-ret', 'retainer', { retainer: { variant: 'recurring', period: 'month', fee: money('2000.00'), includedHours: { value: '10', unit: 'HUR' }, overageRate: money('125.00') } }],
];

async function seedContracts(h: () => Harness) {
  const api = client(h);
  const template = (await api.get('/master-data/contract/ctr-umbrella-tm')).body.object;
  const project = (await api.get('/master-data/project/prj-acme-support')).body.object;
  const upsert = async (type: string, body: unknown) => {
    const res = await api.post(`/master-data/${type}`, body);
    if (res.status >= 300) throw new Error(`${type}: ${res.text}`);
  };
  for (const [i, [id, type, terms]] of SCALE_CONTRACTS.entries()) {
    const projectId = `prj-scale-${i + 1}`;
    await upsert('contract', { sourceSystem: 'crm', object: { ...template, id, number: id.toUpperCase(), externalRefs: [{ system: 'hubspot', id: `deal-${id}` }], customerId: 'cus-acme', type, projectIds: [projectId], ...terms } });
    await upsert('project', { sourceSystem: 'psa', object: { ...project, id: projectId, code: `SCALE-${i + 1}`, name: `Scale ${i + 1}`, contractId: id, externalRefs: [{ system: 'csv:legacy-timesheets', id: `SCALE-${i + 1}` }] } });
  }
  // Time on a project with no contract: the run must still raise CONTRACT_MISSING for it.
  const { contractId: _dropped, ...orphan } = project;
  await upsert('project', { sourceSystem: 'psa', object: { ...orphan, id: 'prj-scale-orphan', code: 'SCALE-ORPHAN', name: 'No contract', externalRefs: [{ system: 'csv:legacy-timesheets', id: 'SCALE-ORPHAN' }] } });
}

let rowId = 700000;
const EMPLOYEES = ['0042', '0001', '0002', '0003', '0004', '0005'];
/** At most two entries of up to five hours per employee and day, within the legal entity's daily maximum. */
function month(codes: string[], days: string[]) {
  return codes.flatMap((code, i) => days.map((d, j) => csvRow({ id: String(++rowId), project: code, task: '', date: `2026-03-${d}`, hours: String(1 + ((i + j) % 5)), emp: EMPLOYEES[(i + j) % EMPLOYEES.length] })));
}

/** The run as it was before streaming: everything of the legal entity at once, through the same pure libraries. */
async function singlePass(h: () => Harness, billingRunId: string, correlationId: string) {
  const contracts = (await h().sql<{ id: string; version: number; content: string }>("SELECT id, version, content FROM md_objects WHERE type = 'contract' AND legal_entity_id = 'le-uk'"))
    .map((r) => ({ ...JSON.parse(r.content).object, version: Number(r.version) }) as BillingContract);
  const projects = new Map((await h().sql<{ id: string; content: string }>("SELECT id, content FROM md_objects WHERE type = 'project'")).map((r) => [r.id, JSON.parse(r.content).object]));
  const entries = await h().sql<{ id: string; project_id: string; snapshot: string }>(`SELECT e.id, e.project_id, s.snapshot FROM time_entries e
    JOIN rating_snapshots s ON s.entry_id = e.id AND s.rating_seq = (SELECT MAX(r.rating_seq) FROM rating_snapshots r WHERE r.entry_id = e.id)
    WHERE e.legal_entity_id = 'le-uk' AND e.status = 'approved' AND e.billable = 1 AND e.work_date <= '2026-03-31' ORDER BY e.work_date, e.id`);
  const transactions: BillableTransaction[] = entries.flatMap((e) => {
    const p = projects.get(e.project_id);
    return toBillableTransactions(JSON.parse(e.snapshot) as RatingSnapshot, { correlationId, ...(p?.contractId ? { contractId: p.contractId } : {}), ...(p?.serviceType ? { serviceType: p.serviceType } : {}) });
  });
  const input: BillingRunInput = {
    billingRunId, correlationId, period: { from: PERIOD.periodStart, to: PERIOD.periodEnd }, contracts, transactions, states: {}, revenueAccounts: REVENUE_ACCOUNTS,
    reviewPolicy: {}, accruals: Object.fromEntries(transactions.map((t) => [t.id, t.amount])),
  };
  return { result: runBilling(input), transactions: transactions.length };
}

const sortJson = (items: unknown[]) => items.map((x) => JSON.stringify(x)).sort();

describeTimesheet('month-end scale: the billing run streams in batches', (h) => {
  const api = client(h);
  const service = () => h().runtime.app.get(BillingRunService);
  afterAll(() => service().configureBatching(DEFAULT_BATCHING));

  it('gives the same candidates, dispositions, states and exceptions as a single pass, with batches smaller than the contracts', async () => {
    await seedContracts(h);
    const codes = [...SCALE_CONTRACTS.map((_, i) => `SCALE-${i + 1}`), 'SCALE-ORPHAN', 'ACME-ERP', 'ACME-SUPPORT', 'UMBRELLA-AUDIT'];
    const res = await api.post('/inbound/csv/time-entries', month(codes, ['02', '03', '10', '17', '24']));
    expect(res.body.summary).toMatchObject({ accepted: codes.length * 5 });

    // Two contracts or four entries per batch: about a dozen batches for ten contracts and the orphan project.
    service().configureBatching({ contracts: 2, entries: 4, candidatesInResponse: 3 });
    const run = (await api.post('/billing-runs', PERIOD, 'dave')).body;
    const stored = await h().sql<{ id: string; contract_id: string; content: string; dispositions: string; pending_state: string | null }>('SELECT * FROM invoice_candidates WHERE run_id = ? ORDER BY id', [run.id]);
    expect(stored.length).toBeGreaterThan(3);
    const correlationId = JSON.parse(stored[0].content).correlationId;

    const { result, transactions } = await singlePass(h, run.id, correlationId);
    expect(result.candidates.length).toBe(stored.length);
    expect(stored.map((r) => JSON.parse(r.content))).toEqual(result.candidates);
    for (const row of stored) {
      expect(JSON.parse(row.dispositions)).toEqual(result.dispositions.filter((d) => d.candidateId === row.id));
      expect(row.pending_state === null ? undefined : JSON.parse(row.pending_state)).toEqual(result.states[row.contract_id]);
    }
    const types = new Set(stored.map((r) => JSON.parse(r.content).contractId));
    for (const id of ['ctr-scale-tm-1', 'ctr-scale-tm-2', 'ctr-scale-ff', 'ctr-scale-ms', 'ctr-scale-cap', 'ctr-scale-ret']) expect(types).toContain(id);

    expect(run.transactions).toBe(transactions);
    expect(run.candidates).toBe(stored.length);
    expect(sortJson(run.exceptions)).toEqual(sortJson(result.exceptions.map((x) => ({ code: x.code, message: x.message, blocking: x.blocking, contractId: x.contractId ?? null, transactionIds: x.transactionIds }))));
    expect(run.exceptions.map((x: any) => x.code)).toEqual(expect.arrayContaining(['CONTRACT_MISSING', 'CAP_WRITTEN_OFF']));

    // The answer carries the first candidates in full and every id; the stored run says it completed.
    expect(run.invoiceCandidates.map((c: any) => c.id)).toEqual(stored.slice(0, 3).map((r) => r.id));
    expect(run.invoiceCandidatesTruncated).toBe(true);
    expect(run.candidateIds).toEqual(stored.map((r) => r.id));
    const [summary] = await h().sql<{ summary: string }>('SELECT summary FROM billing_runs WHERE id = ?', [run.id]);
    expect(JSON.parse(summary.summary)).toMatchObject({ status: 'completed', transactions, candidates: stored.length });
    expect(JSON.parse(summary.summary).batches).toBeGreaterThan(5);
  });

  it('never proposes the same time twice, in a later run or in two runs at once', async () => {
    const onCandidates = async () => (await h().sql<{ content: string }>("SELECT content FROM invoice_candidates WHERE status IN ('pendingReview','approved')"))
      .flatMap((r) => JSON.parse(r.content).billableTransactionIds as string[]);
    const before = await onCandidates();
    expect(new Set(before).size).toBe(before.length);
    // Only time no candidate took (the orphan project's) is seen again; fee contracts are proposed again until finalised, without time.
    const again = (await api.post('/billing-runs', PERIOD, 'dave')).body;
    expect(again.exceptions.map((x: any) => x.code)).toContain('CONTRACT_MISSING');
    const repeated = await onCandidates();
    expect(new Set(repeated).size).toBe(repeated.length);
    expect(repeated.length).toBe(before.length);

    await api.post('/inbound/csv/time-entries', month(['SCALE-1', 'SCALE-2', 'SCALE-5', 'ACME-ERP'], ['25', '26']));
    const [a, b] = await Promise.all([api.post('/billing-runs', PERIOD, 'dave'), api.post('/billing-runs', PERIOD, 'dave')]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.transactions + b.body.transactions).toBeGreaterThanOrEqual(8);
    const after = await onCandidates();
    expect(new Set(after).size).toBe(after.length);
  });

  it('finalises a streamed candidate with batched links and entry moves: balanced journal, every entry invoiced once', async () => {
    service().configureBatching(DEFAULT_BATCHING);
    const [row] = await h().sql<{ id: string; content: string }>("SELECT id, content FROM invoice_candidates WHERE contract_id = 'ctr-scale-tm-1' AND status = 'pendingReview' ORDER BY created_at LIMIT 1");
    const txIds = JSON.parse(row.content).billableTransactionIds as string[];
    expect((await api.post(`/invoice-candidates/${enc(row.id)}/approve`, {}, 'dave')).status).toBe(200);
    const fin = await api.post(`/invoice-candidates/${enc(row.id)}/finalise`, { issueDate: '2026-04-01' }, 'dave');
    expect(fin.status).toBe(200);
    expect(isBalanced(fin.body.journal)).toBe(true);
    const links = await h().sql<{ transaction_id: string }>('SELECT transaction_id FROM invoice_links WHERE invoice_id = ? ORDER BY transaction_id', [fin.body.id]);
    expect(links.map((l) => l.transaction_id)).toEqual([...txIds].sort());
    const entryIds = [...new Set(txIds.map((t) => t.slice(3, t.lastIndexOf(':'))))];
    const marks = entryIds.map(() => '?').join(', ');
    const statuses = await h().sql<{ status: string }>(`SELECT status FROM time_entries WHERE id IN (${marks})`, entryIds);
    expect(statuses.every((s) => s.status === 'invoiced')).toBe(true);
    const transitions = await h().sql<{ n: number | string }>(`SELECT COUNT(*) AS n FROM time_entry_transitions WHERE to_status = 'invoiced' AND entry_id IN (${marks})`, entryIds);
    expect(Number(transitions[0].n)).toBe(entryIds.length);
  });
});
