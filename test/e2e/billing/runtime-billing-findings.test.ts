import { client, csvRow, describeTimesheet } from '../timesheet/timesheet-harness';

describeTimesheet('billing findings in the business exception queue', (h) => {
  const api = client(h);

  it('raises a blocked cap into GET /exceptions once, with the run, contract and transactions, and it cannot be retried', async () => {
    const contract = (await api.get('/master-data/contract/ctr-acme-cap')).body;
    const capped = { ...contract.object, cap: { capAmount: { amount: '100.00', currency: 'GBP' }, tolerancePercent: '0', overCapPolicy: 'block' } };
    expect([200, 201]).toContain((await api.post('/master-data/contract', { sourceSystem: 'crm', object: capped }, 'dave')).status);
    const rows = [csvRow({ date: '2026-03-02', hours: '7.5' }), csvRow({ date: '2026-03-03', hours: '6' })];
    expect((await api.post('/inbound/csv/time-entries', rows)).body.summary).toMatchObject({ accepted: 2 });

    const res = await api.post('/billing-runs', { legalEntityId: 'le-uk', periodEnd: '2026-03-31', contractIds: ['ctr-acme-cap'] }, 'dave');
    expect(res.status).toBe(201);
    const blocked = res.body.exceptions.find((x: any) => x.code === 'CAP_BLOCKED');
    expect(blocked).toMatchObject({ blocking: true, contractId: 'ctr-acme-cap' });
    expect(res.body.exceptionIds).toHaveLength(res.body.exceptions.length);

    const queue = (await api.get('/exceptions?category=billing&code=CAP_BLOCKED', 'dave')).body;
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ code: 'CAP_BLOCKED', category: 'billing', state: 'open', sourceSystem: 'billing', legalEntityId: 'le-uk', objectId: 'ctr-acme-cap', message: blocked.message });
    expect(res.body.exceptionIds).toContain(queue[0].id);
    const detail = (await api.get(`/exceptions/${queue[0].id}`, 'erin')).body;
    expect(detail.details).toMatchObject({ billingRunId: res.body.id, blocking: true, transactionIds: blocked.transactionIds });
    expect((await api.post(`/exceptions/${queue[0].id}/retry`, {}, 'dave')).status).toBe(409);

    // Nothing fits under the cap, so no candidate holds the time; the next run reports the same finding, which is still open and not raised again.
    expect(res.body.invoiceCandidates).toEqual([]);
    const again = await api.post('/billing-runs', { legalEntityId: 'le-uk', periodEnd: '2026-03-31', contractIds: ['ctr-acme-cap'] }, 'dave');
    expect(again.body.exceptions.map((x: any) => x.code)).toContain('CAP_BLOCKED');
    expect(again.body.exceptionIds).toEqual([]);
    expect((await api.get('/exceptions?category=billing&code=CAP_BLOCKED', 'dave')).body).toHaveLength(1);
    const [audit] = await h().sql<{ n: number | string }>(`SELECT COUNT(*) AS n FROM audit_events WHERE action = 'exception.raised' AND entity_id = '${queue[0].id}'`);
    expect(Number(audit.n)).toBe(1);
  });
});
