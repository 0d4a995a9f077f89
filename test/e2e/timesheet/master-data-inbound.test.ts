import { client, describeTimesheet, harvestEntry } from './timesheet-harness';

/** A Harvest v2 project as GET /v2/projects returns it. */
function harvestProject(o: { id: number | string; clientId: number; name?: string; active?: boolean; code?: string | null }) {
  return {
    id: o.id, client: { id: o.clientId, name: 'Client', currency: 'USD' }, name: o.name ?? `Project ${o.id}`, code: o.code ?? null, is_active: o.active ?? true,
    is_billable: true, is_fixed_fee: false, bill_by: 'Project', hourly_rate: 175.0, budget: 400, budget_by: 'project', budget_is_monthly: false,
    notify_when_over_budget: false, over_budget_notification_percentage: 80.0, over_budget_notification_date: null, show_budget_to_all: false,
    cost_budget: null, cost_budget_include_expenses: false, fee: null, notes: null, starts_on: '2026-01-05', ends_on: null,
    created_at: '2025-12-15T10:00:00Z', updated_at: '2026-02-01T08:30:00Z',
  };
}

describeTimesheet('inbound master data', (h) => {
  const api = client(h);
  const path = '/inbound/harvest/master-data/project';

  it('maps a batch with the published harvest-project spec, keeps what Harvest does not own, and reports each record by position', async () => {
    const before = (await api.get('/master-data/project/harvest-project-2001')).body;
    const batch = [
      harvestProject({ id: 2001, clientId: 999, name: 'Globex platform build (phase 2)', code: '2001' }),
      harvestProject({ id: '2002', clientId: 1 }),
      harvestProject({ id: 2003, clientId: 998, name: 'Globex rollout', code: '2003', active: false }),
      harvestProject({ id: 2001, clientId: 999, name: 'Globex platform build (phase 2)', code: '2001' }),
    ];
    const res = await api.post(path, batch);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ received: 4, created: 0, updated: 2, unchanged: 1, rejected: 1 });
    expect(res.body.results.map((r: any) => [r.position, r.status, r.id ?? null])).toEqual([
      [0, 'updated', 'harvest-project-2001'], [1, 'rejected', null], [2, 'updated', 'harvest-project-2003'], [3, 'unchanged', 'harvest-project-2001'],
    ]);
    expect(res.body.results[0].specRef).toBe('harvest-project@1.0.0');
    expect(res.body.results[1].errors[0].code).toBe('MW_INPUT_SCHEMA');

    const after = (await api.get('/master-data/project/harvest-project-2001')).body;
    expect(after.version).toBe(before.version + 1);
    expect(after.object).toMatchObject({
      name: 'Globex platform build (phase 2)', sourceSystem: 'harvest', legalEntityId: 'le-us', status: 'active',
      // Harvest client 999 is no CRM customer, so the CRM's link stays; contract and cost centre are not Harvest's.
      customerId: before.object.customerId, contractId: before.object.contractId, costCenterId: before.object.costCenterId,
      budget: { hours: { value: '400.00', unit: 'HUR' } },
    });
    expect(after.sourceSystem).toBe('psa');

    const queued = (await api.get(`/exceptions/${res.body.results[1].errors[0].exceptionId}`)).body;
    expect(queued).toMatchObject({ code: 'MW_INPUT_SCHEMA', category: 'masterData', state: 'open', position: 1, sourceSystem: 'harvest' });
    expect(queued.record.record.id).toBe('2002');
  });

  it('closes an archived Harvest project, so time booked on it is refused', async () => {
    expect((await api.get('/master-data/project/harvest-project-2003')).body.object.status).toBe('closed');
    const res = await api.post('/inbound/harvest/time-entries', harvestEntry({ id: 880001, project: 2003, task: { id: 3001, name: 'Development' }, date: '2026-03-03', hours: 2 }));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => e.message.split(':')[0])).toContain('TE_PROJECT_CLOSED');
  });

  it('refuses a new project whose client is no known customer, and creates it on retry once the CRM customer carries the Harvest ref', async () => {
    const res = await api.post(`${path}?legalEntityId=le-us`, harvestProject({ id: 2100, clientId: 77, name: 'Initech data platform', code: 'INI-DP' }));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.body.errors[0]).toMatchObject({ pointer: '/customerId' });
    expect(res.body.errors[0].message).toContain('MD_UNKNOWN_REFERENCE');
    const [exceptionId] = res.body.exceptionIds;
    expect((await api.get('/master-data/project/harvest-project-2100')).status).toBe(404);

    const initech = (await api.get('/master-data/customer/cus-initech')).body.object;
    const linked = await api.post('/master-data/customer', { sourceSystem: 'crm', object: { ...initech, externalRefs: [...initech.externalRefs, { system: 'harvest', id: '77' }] } });
    expect(linked.body.changed).toBe(true);

    const retried = await api.post(`/exceptions/${exceptionId}/retry`, {}, 'dave');
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ state: 'retried', retry: { ok: true, outcome: { status: 'created', id: 'harvest-project-2100', version: 1 } } });
    const created = (await api.get('/master-data/project/harvest-project-2100')).body.object;
    expect(created).toMatchObject({ customerId: 'cus-initech', legalEntityId: 'le-us', code: 'INI-DP', externalRefs: [{ system: 'harvest', id: '2100' }] });
  });

  it('refuses Harvest clients whole with the coded 403, since customers belong to the CRM, and queues nothing', async () => {
    const customers = (await api.get('/master-data/customer')).body.length;
    const openBefore = (await api.get('/exceptions?category=masterData&state=open')).body.length;
    const res = await api.post('/inbound/harvest/master-data/customer?countryCode=US', [{ id: 5735776, name: 'Globex Corporation', is_active: true, currency: 'USD' }]);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'SOURCE_NOT_AUTHORITATIVE', authority: 'crm', sourceSystem: 'psa', source: 'harvest' });
    expect((await api.get('/master-data/customer')).body).toHaveLength(customers);
    expect((await api.get('/exceptions?category=masterData&state=open')).body).toHaveLength(openBefore);
  });

  it('answers unknown sources and types with coded 404s, and only the integration role may send', async () => {
    const source = await api.post('/inbound/salesforce/master-data/project', {});
    expect([source.status, source.body.code]).toEqual([404, 'INTAKE_SOURCE_UNKNOWN']);
    const type = await api.post('/inbound/harvest/master-data/task', {});
    expect([type.status, type.body.code]).toEqual([404, 'MASTER_DATA_TYPE_UNKNOWN']);
    const unknownType = await api.post('/inbound/harvest/master-data/planet', {});
    expect([unknownType.status, unknownType.body.code]).toEqual([404, 'MASTER_DATA_TYPE_UNKNOWN']);
    const architect = await api.post(path, harvestProject({ id: 2001, clientId: 999 }), 'alice');
    expect(architect.status).toBe(403);
    expect((await api.get('/master-data/project/harvest-project-2001')).body.object.name).toBe('Globex platform build (phase 2)');
  });
});
