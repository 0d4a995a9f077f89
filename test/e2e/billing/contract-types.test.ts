import { client, csvRow, describeTimesheet, harvestEntry, isBalanced } from '../timesheet/timesheet-harness';

const enc = encodeURIComponent;

describeTimesheet('billing runs over fee and capped contracts', (h) => {
  const api = client(h);
  const finalise = async (id: string, issueDate: string) => {
    expect((await api.post(`/invoice-candidates/${enc(id)}/approve`, {}, 'dave')).status).toBe(200);
    const res = await api.post(`/invoice-candidates/${enc(id)}/finalise`, { issueDate }, 'dave');
    expect(res.status).toBe(200);
    return res.body;
  };

  it('capped contract: billed within the cap, and the stored state carries what was actually invoiced', async () => {
    const rows = [csvRow({ date: '2026-03-02', hours: '7.5' }), csvRow({ date: '2026-03-03', hours: '6' })];
    expect((await api.post('/inbound/csv/time-entries', rows)).body.summary).toMatchObject({ accepted: 2 });
    const run = (await api.post('/billing-runs', { legalEntityId: 'le-uk', periodEnd: '2026-03-31', contractIds: ['ctr-acme-cap'] }, 'dave')).body;
    expect(run.invoiceCandidates).toHaveLength(1);
    const invoice = await finalise(run.invoiceCandidates[0].id, '2026-04-01');
    expect(isBalanced(invoice.journal)).toBe(true);
    const [state] = await h().sql<{ state: string; invoice_id: string }>("SELECT state, invoice_id FROM contract_billing_states WHERE contract_id = 'ctr-acme-cap'");
    expect(JSON.parse(state.state).capBilledToDate).toEqual(invoice.subtotal);
    expect(state.invoice_id).toBe(invoice.id);
  });

  it('fixed fee: the due instalment is invoiced once, time on the contract is absorbed and its accrual reversed', async () => {
    const res = await api.post('/inbound/harvest/time-entries?currency=USD', [harvestEntry({ id: 880001, project: 2002, task: { id: 3003, name: 'Consulting' }, date: '2026-03-09', hours: 6, closed: true })]);
    expect(res.body.summary).toMatchObject({ accepted: 1 });
    const run = (await api.post('/billing-runs', { legalEntityId: 'le-us', periodEnd: '2026-03-31', contractIds: ['ctr-initech-ff'] }, 'dave')).body;
    expect(run.invoiceCandidates).toHaveLength(1);
    const candidate = run.invoiceCandidates[0];
    expect(candidate.subtotal).toEqual({ amount: '15000.00', currency: 'USD' });
    const invoice = await finalise(candidate.id, '2026-03-31');
    expect(invoice.invoiceNumber).toBe('US-INV-005001');
    expect(isBalanced(invoice.journal)).toBe(true);
    expect(invoice.journal.lines.find((l: any) => l.role === 'absorbedUnbilled')).toMatchObject({ glAccountId: '1210' });
    expect(invoice.absorbedTransactions.map((t: any) => t.id)).toEqual(['bt:harvest-te-880001:REGULAR']);
    const [state] = await h().sql<{ state: string }>("SELECT state FROM contract_billing_states WHERE contract_id = 'ctr-initech-ff'");
    expect(JSON.parse(state.state).billedInstalmentIds).toEqual(['ff-1']);
    const again = (await api.post('/billing-runs', { legalEntityId: 'le-us', periodEnd: '2026-03-31', contractIds: ['ctr-initech-ff'] }, 'dave')).body;
    expect(again.invoiceCandidates).toEqual([]);
    expect(again.transactions).toBe(0);
  });
});
