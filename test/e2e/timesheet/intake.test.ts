import { client, csvRow, describeTimesheet, harvestEntry, isBalanced } from './timesheet-harness';

describeTimesheet('timesheet intake and validation', (h) => {
  const api = client(h);

  it('maps a CSV row with the published spec, stores it approved, rates it once and posts a balanced journal', async () => {
    const res = await api.post('/inbound/csv/time-entries', csvRow({ id: '500001', date: '2026-03-02', hours: '7.5' }));
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatchObject({ received: 1, accepted: 1, rejected: 0 });
    expect(res.body.results[0]).toMatchObject({ status: 'accepted', entryId: 'csv-te-500001', revision: 1, entryStatus: 'approved', rating: { ok: true } });
    const lineage = (await api.get('/time-entries/csv-te-500001/lineage')).body;
    expect(lineage.revisions.map((r: any) => r.mappingSpec)).toEqual(['legacy-csv-time-entry@1.0.0']);
    expect(lineage.entry).toMatchObject({ status: 'approved', legalEntityId: 'le-uk', ratedRevision: 1 });
    expect(lineage.ratings).toHaveLength(1);
    expect(lineage.ratings[0]).toMatchObject({ rateCard: 'rc-uk@1', rateRow: 'uk-priya-acme', rateRule: 'employeeProject' });
    expect(lineage.ratings[0].masterData).toMatchObject({ rateCard: 'rc-uk@1', postingRuleSet: 'default-posting-rules@1', legalEntity: 'le-uk@1' });
    expect(lineage.journals).toHaveLength(1);
    expect(lineage.journals[0].postingRule).toBe('labour-time-approved@1');
    expect(isBalanced(lineage.journals[0].journal)).toBe(true);
    const receivable = lineage.journals[0].journal.lines.find((l: any) => l.glAccountId === '1210');
    expect(receivable).toMatchObject({ debit: '1125.00', currency: 'GBP', functionalDebit: '1125.00' });
    expect(lineage.transitions.map((t: any) => [t.from, t.to, t.actor, t.viaSystem])).toEqual([[null, 'approved', 'psa-bot', 'csv']]);
  });

  it('maps a locked Xero Projects entry to approved time, priced by the customer row of the UK card', async () => {
    const res = await api.post('/inbound/xero-projects/time-entries?taskChargeType=TIME', {
      timeEntryId: '0b6f3c1e-0000-4000-8000-000000000101', userId: '4f3c2a10-0000-4000-8000-000000000001', projectId: '9a7e1c55-0000-4000-8000-0000000000aa',
      dateUtc: '2026-03-03T00:00:00Z', dateEnteredUtc: '2026-03-03T17:10:00Z', duration: 90, description: 'Report review', status: 'LOCKED',
    });
    expect(res.body.results[0]).toMatchObject({ status: 'accepted', entryStatus: 'approved', rating: { ok: true } });
    const rating = (await api.get('/time-entries/xero-te-0b6f3c1e-0000-4000-8000-000000000101/lineage')).body.ratings[0];
    expect([rating.rateRow, rating.snapshot.billing.amount.amount, rating.snapshot.cost.amount.amount]).toEqual(['uk-umbrella', '165.00', '60.00']);
  });

  it('reports every validation failure in a batch by position, accepts the good entries and queues each failure', async () => {
    const emp = (await api.get('/master-data/employee/emp-0005')).body.object;
    expect((await api.post('/master-data/employee', { sourceSystem: 'hris', object: { ...emp, costCenterId: 'cc-us-consulting' } })).status).toBe(200);
    const batch = [
      csvRow({ id: '600000', emp: '0001', date: '2026-03-04', hours: '6' }),
      csvRow({ id: '600001', project: 'NOPE', date: '2026-03-04', hours: '1' }),
      csvRow({ id: '600002', project: 'LEGACY-CLOSED', task: '', date: '2026-03-04', hours: '1' }),
      csvRow({ id: '600003', task: 'ZZZ', date: '2026-03-04', hours: '1' }),
      csvRow({ id: '600004', emp: '0007', date: '2026-03-04', hours: '1' }),
      csvRow({ id: '600005', emp: '0005', date: '2026-03-04', hours: '1' }),
      csvRow({ id: '600006', emp: '0002', date: '2025-12-15', hours: '1' }),
      csvRow({ id: '600007', emp: '0003', date: '2026-03-05', hours: '13' }),
      { ...csvRow({ id: '600008', date: '2026-03-04', hours: '1' }), WorkDate: '31/02/2026' },
      csvRow({ id: '600009', emp: '0002', date: '2026-03-04', hours: '2' }),
    ];
    const res = await api.post('/inbound/csv/time-entries', batch);
    expect(res.status).toBe(200);
    const outcome = res.body.results.map((r: any) => [r.position, r.status, r.errors?.map((e: any) => e.code) ?? []]);
    expect(outcome).toEqual([
      [0, 'accepted', []],
      [1, 'rejected', ['TE_UNKNOWN_PROJECT']],
      [2, 'rejected', ['TE_PROJECT_CLOSED']],
      [3, 'rejected', ['TE_UNKNOWN_TASK']],
      [4, 'rejected', ['TE_EMPLOYEE_INACTIVE']],
      [5, 'rejected', ['TE_COST_CENTER_INVALID']],
      [6, 'rejected', ['TE_PERIOD_CLOSED']],
      [7, 'rejected', ['TE_DAILY_HOURS_EXCEEDED']],
      [8, 'rejected', ['D3141']],
      [9, 'accepted', []],
    ]);
    expect(res.body.summary).toMatchObject({ received: 10, accepted: 2, rejected: 8 });
    const queued = (await api.get('/exceptions?state=open&limit=1000')).body;
    for (const r of res.body.results.filter((x: any) => x.status === 'rejected')) {
      const ex = queued.find((q: any) => q.id === r.errors[0].exceptionId);
      expect(ex).toMatchObject({ position: r.position, code: r.errors[0].code, state: 'open', sourceSystem: 'csv' });
      expect(ex.correlationId).toEqual(expect.any(String));
    }
    expect((await api.get('/exceptions?code=TE_PERIOD_CLOSED')).body).toHaveLength(1);
    const uk = (await api.get('/exceptions?legalEntity=le-uk&category=business')).body;
    expect(uk.length).toBeGreaterThanOrEqual(5);
    expect(uk.every((x: any) => x.legalEntityId === 'le-uk' && x.category === 'business')).toBe(true);
    expect((await api.get('/exceptions?minAgeHours=1')).body).toEqual([]);
    expect((await api.get('/exceptions?minAgeHours=-2')).status).toBe(422);
  });

  it('treats a resubmission with the same content as a duplicate: no new revision, rating or journal', async () => {
    const row = csvRow({ id: '700001', emp: '0003', date: '2026-03-10', hours: '3' });
    expect((await api.post('/inbound/csv/time-entries', row)).body.results[0].status).toBe('accepted');
    const again = await api.post('/inbound/csv/time-entries', [row, row]);
    expect(again.body.results.map((r: any) => r.status)).toEqual(['duplicate', 'duplicate']);
    const lineage = (await api.get('/time-entries/csv-te-700001/lineage')).body;
    expect([lineage.revisions.length, lineage.ratings.length, lineage.journals.length]).toEqual([1, 1, 1]);
    const kpis = (await api.get('/kpis')).body;
    expect(kpis.duplicateTransactions.duplicates).toBeGreaterThanOrEqual(2);
  });

  it('keeps concurrent identical deliveries to one entry, one rating and one journal', async () => {
    const row = csvRow({ id: '700010', emp: '0002', date: '2026-03-12', hours: '2' });
    const statuses = await Promise.all([1, 2, 3, 4].map(() => api.post('/inbound/csv/time-entries', [row]).then((r) => r.body.results[0].status)));
    expect(statuses.sort()).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate']);
    const lineage = (await api.get('/time-entries/csv-te-700010/lineage')).body;
    expect([lineage.ratings.length, lineage.journals.length]).toEqual([1, 1]);
  });

  it('refuses a single bad record with a 422 problem naming its exception', async () => {
    const res = await api.post('/inbound/csv/time-entries', csvRow({ id: '700002', project: 'NOPE', date: '2026-03-10', hours: '1' }));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'TIME_ENTRY_REJECTED', exceptionIds: [expect.any(String)] });
    expect(res.body.errors[0].message).toMatch(/^TE_UNKNOWN_PROJECT/);
  });

  it('records submit and approve as transitions by API and by inbound approval events; refuses to reject posted time', async () => {
    const sub = await api.post('/inbound/harvest/time-entries', harvestEntry({ id: 9001, date: '2026-03-03', hours: 2, rate: 200 }));
    expect(sub.body.results[0]).toMatchObject({ status: 'accepted', entryStatus: 'submitted', rating: null });
    const approved = await api.post('/time-entries/harvest-te-9001/approve', { viaSystem: 'finance-portal' }, 'dave');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ changed: true, entry: { status: 'approved', ratingSeq: 1 }, rating: { ok: true } });
    const refused = await api.post('/time-entries/harvest-te-9001/reject', { reason: 'wrong project' }, 'dave');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INVALID_TRANSITION');

    await api.post('/inbound/harvest/time-entries', harvestEntry({ id: 9002, date: '2026-03-03', hours: 1 }));
    const ev = await api.post('/inbound/harvest/approvals', { externalId: '9002', action: 'reject', reason: 'not billable to Globex' });
    expect(ev.body.results[0]).toMatchObject({ status: 'applied', changed: true, entry: { status: 'rejected' } });
    const mixed = await api.post('/inbound/harvest/approvals', [{ externalId: '424242', action: 'approve' }, { externalId: '9001', action: 'reject', reason: 'late' }]);
    expect(mixed.body.results.map((r: any) => [r.position, r.status, r.errors?.[0].code])).toEqual([[0, 'rejected', 'TE_APPROVAL_TIME_ENTRY_NOT_FOUND'], [1, 'rejected', 'TE_APPROVAL_INVALID_TRANSITION']]);
    expect((await api.get(`/exceptions/${mixed.body.results[0].errors[0].exceptionId}`)).body).toMatchObject({ category: 'approval', position: 0, state: 'open' });
    const transitions = (await api.get('/time-entries/harvest-te-9001/lineage')).body.transitions;
    expect(transitions.map((t: any) => [t.from, t.to, t.actor, t.viaSystem])).toEqual([[null, 'submitted', 'psa-bot', 'harvest'], ['submitted', 'approved', 'dave', 'finance-portal']]);
    const rejected = (await api.get('/time-entries/harvest-te-9002/lineage')).body.transitions.at(-1);
    expect(rejected).toMatchObject({ to: 'rejected', actor: 'psa-bot', viaSystem: 'harvest', reason: 'not billable to Globex' });
  });

  it('retries a queued record after the master data is fixed, and resolves another with a note, all audited', async () => {
    const res = await api.post('/inbound/csv/time-entries', [csvRow({ id: '800001', project: 'NEWCO', task: '', date: '2026-03-11', hours: '2' }), csvRow({ id: '800002', project: 'NEWCO', task: '', date: '2026-03-11', hours: '1' })]);
    const [first, second] = res.body.results.map((r: any) => r.errors[0].exceptionId);
    const retryTooEarly = await api.post(`/exceptions/${first}/retry`, {}, 'dave');
    expect(retryTooEarly.body).toMatchObject({ state: 'open', retry: { ok: false } });
    const project = (await api.get('/master-data/project/prj-acme-support')).body.object;
    await api.post('/master-data/project', { sourceSystem: 'psa', object: { ...project, id: 'prj-newco', code: 'NEWCO', externalRefs: [] } });
    const retried = await api.post(`/exceptions/${first}/retry`, {}, 'dave');
    expect(retried.body).toMatchObject({ state: 'retried', retry: { ok: true, outcome: { status: 'accepted', entryId: 'csv-te-800001' } } });
    const resolved = await api.post(`/exceptions/${second}/resolve`, { note: 'duplicate of 800001 in the legacy export' }, 'dave');
    expect(resolved.body.state).toBe('resolved');
    expect((await api.post(`/exceptions/${second}/resolve`, { note: 'again' }, 'dave')).status).toBe(409);
    const audit = (await api.get(`/audit?entityId=${second}`, 'erin')).body;
    expect(JSON.stringify(audit)).toContain('exception.resolved');
  });

  it('masks sensitive fields of a queued record for roles without view-sensitive', async () => {
    const res = await api.post('/inbound/harvest/time-entries', harvestEntry({ id: 9100, project: 9999, date: '2026-03-03', hours: 1, rate: 180 }));
    const id = res.body.exceptionIds[0];
    const asApprover = (await api.get(`/exceptions/${id}`, 'bob')).body;
    expect(asApprover.masked).toBe(true);
    expect(asApprover.record.record.billable_rate).toBe('***');
    const asOperator = (await api.get(`/exceptions/${id}`, 'dave')).body;
    expect(asOperator.record.record.billable_rate).toBe(180);
  });
});
