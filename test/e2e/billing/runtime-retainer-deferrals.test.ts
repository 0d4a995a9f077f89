import Decimal from 'decimal.js';
import { client, csvRow, describeTimesheet, isBalanced, micros } from '../timesheet/timesheet-harness';

const enc = encodeURIComponent;
const RUN = { legalEntityId: 'le-uk', contractIds: ['ctr-acme-retainer'] };
// ctr-acme-retainer: 8,000.00 GBP a month for 60 hours; up to 5 unused hours roll over (set below), the rest are forfeited.
const CARRIED = new Decimal('8000.00').div(60).mul(5).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

const netOf = (journals: any[], account: string) => journals.flatMap((j) => j.lines).filter((l: any) => l.glAccountId === account)
  .reduce((n: bigint, l: any) => n + micros(l.debit) - micros(l.credit), 0n);
const amounts = (journal: any, role: string) => journal.lines.filter((l: any) => l.role === role).map((l: any) => l.debit !== '0.00' ? l.debit : l.credit);

describeTimesheet('retainer deferrals and releases journalled by the runtime', (h) => {
  const api = client(h);
  const support = (date: string, hours: string) => csvRow({ project: 'ACME-SUPPORT', task: 'SUPP', date, hours });

  async function bill(period: { periodStart: string; periodEnd: string }, issueDate: string) {
    const run = await api.post('/billing-runs', { ...RUN, ...period }, 'dave');
    expect(run.status).toBe(201);
    const candidate = run.body.invoiceCandidates[0];
    expect((await api.post(`/invoice-candidates/${enc(candidate.id)}/approve`, {}, 'dave')).status).toBe(200);
    const fin = await api.post(`/invoice-candidates/${enc(candidate.id)}/finalise`, { issueDate }, 'dave');
    expect(fin.status).toBe(200);
    return { run: run.body, invoice: fin.body };
  }

  it('defers the fee, releases consumed and forfeited hours each period and carries the rolled-over hours’ value; every journal balances', async () => {
    const contract = (await api.get('/master-data/contract/ctr-acme-retainer')).body;
    const retainer = { ...contract.object.retainer, rolloverCapHours: { value: '5', unit: 'HUR' } };
    expect([200, 201]).toContain((await api.post('/master-data/contract', { sourceSystem: 'crm', object: { ...contract.object, retainer } }, 'dave')).status);

    // March: 50 of 60 hours used; 5 roll over, 5 are forfeited.
    const march = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09'].map((d) => support(d, '8')).concat([support('2026-03-10', '2')]);
    expect((await api.post('/inbound/csv/time-entries', march)).body.summary).toMatchObject({ accepted: 7 });
    const first = await bill({ periodStart: '2026-03-01', periodEnd: '2026-03-31' }, '2026-03-31');
    expect(first.run.exceptions.map((x: any) => x.code)).toContain('RETAINER_HOURS_FORFEITED');
    const j1 = first.invoice.journal;
    expect(isBalanced(j1)).toBe(true);
    expect(amounts(j1, 'deferredRevenue')).toEqual(['8000.00']);
    const released1 = j1.lines.filter((l: any) => l.role === 'deferredRevenueRelease');
    expect(released1.map((l: any) => l.description).join(' ')).toMatch(/consumed[\s\S]*forfeited|forfeited[\s\S]*consumed/);
    expect(released1.reduce((n: Decimal, l: any) => n.add(l.debit), new Decimal(0)).toFixed(2)).toBe(new Decimal('8000.00').sub(CARRIED).toFixed(2));
    // What stays deferred is the fee value of the carried hours.
    expect(netOf([j1], '2400')).toBe(-micros(CARRIED.toFixed(2)));
    const [state1] = await h().sql<{ state: string }>("SELECT state FROM contract_billing_states WHERE contract_id = 'ctr-acme-retainer'");
    expect(JSON.parse(state1.state).retainer).toMatchObject({ rolloverHours: '5', deferredBalance: { amount: CARRIED.toFixed(2), currency: 'GBP' } });

    // April: 64 of 65 available hours used (the 5 carried in first); 1 hour left rolls over.
    const april = ['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-06', '2026-04-07', '2026-04-08', '2026-04-09', '2026-04-10'].map((d) => support(d, '8'));
    expect((await api.post('/inbound/csv/time-entries', april)).body.summary).toMatchObject({ accepted: 8 });
    const second = await bill({ periodStart: '2026-04-01', periodEnd: '2026-04-30' }, '2026-04-30');
    const j2 = second.invoice.journal;
    expect(isBalanced(j2)).toBe(true);
    const carriedAfter = new Decimal('8000.00').div(60).mul(1).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    // The carried-in value is released in April with the month's consumption.
    expect(netOf([j2], '2400')).toBe(micros(CARRIED.toFixed(2)) - micros(carriedAfter.toFixed(2)));
    expect(netOf([j1, j2], '2400')).toBe(-micros(carriedAfter.toFixed(2)));
    // Fees invoiced = revenue released + what is still deferred.
    const releasedRevenue = [j1, j2].flatMap((j) => j.lines).filter((l: any) => l.role === 'revenueRelease').reduce((n: Decimal, l: any) => n.add(l.credit), new Decimal(0));
    expect(releasedRevenue.add(carriedAfter).toFixed(2)).toBe('16000.00');
    // Time the fee covers is absorbed: its accrual is reversed, so unbilled holds none of it.
    const entries = await h().sql<{ id: string }>("SELECT id FROM time_entries WHERE project_id = 'prj-acme-support'");
    const accruals = [];
    for (const e of entries) accruals.push(...(await api.get(`/time-entries/${enc(e.id)}/lineage`)).body.journals.map((j: any) => j.journal));
    expect(netOf([...accruals, j1, j2], '1210')).toBe(0n);
  });
});
