import { client, describeTimesheet } from './timesheet-harness';

describeTimesheet('timesheet master data', (h) => {
  const api = client(h);

  it('seeds a demo firm: two legal entities in different currencies and tax regimes, 20 employees, all five contract types', async () => {
    const les = (await api.get('/master-data/legalEntity')).body;
    expect(les.map((l: any) => [l.id, l.object.functionalCurrency, l.attributes.taxRegime.code])).toEqual([['le-uk', 'GBP', 'UK-VAT'], ['le-us', 'USD', 'US-NONE']]);
    expect((await api.get('/master-data/employee')).body).toHaveLength(20);
    const types = new Set((await api.get('/master-data/contract')).body.map((c: any) => c.object.type));
    expect([...types].sort()).toEqual(['capped', 'fixedFee', 'milestone', 'retainer', 'timeAndMaterials']);
    expect((await api.get('/master-data/project')).body.length).toBeGreaterThanOrEqual(8);
  });

  it('refuses a write from a system that is not authoritative for the type, with a coded 403 problem', async () => {
    const emp = (await api.get('/master-data/employee/emp-0001')).body;
    const res = await api.post('/master-data/employee', { sourceSystem: 'psa', object: { ...emp.object, roleCode: 'PARTNER' } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'SOURCE_NOT_AUTHORITATIVE', authority: 'hris', sourceSystem: 'psa' });
    expect((await api.get('/master-data/employee/emp-0001')).body.object.roleCode).toBe(emp.object.roleCode);
  });

  it('upserts by canonical id with a new version, ignores an identical write and keeps the history', async () => {
    const emp = (await api.get('/master-data/employee/emp-0002')).body;
    const write = { sourceSystem: 'hris', object: { ...emp.object, standardHoursPerWeek: '37.5' } };
    const first = await api.post('/master-data/employee', write);
    expect(first.body).toEqual({ type: 'employee', id: 'emp-0002', version: 2, changed: true });
    expect((await api.post('/master-data/employee', write)).body).toMatchObject({ version: 2, changed: false });
    const got = (await api.get('/master-data/employee/emp-0002')).body;
    expect(got.versions.map((v: any) => v.version)).toEqual([1, 2]);
    expect(got.object.standardHoursPerWeek).toBe('37.5');
  });

  it('validates against the canonical model and names the failing field', async () => {
    const res = await api.post('/master-data/project', { sourceSystem: 'psa', object: { id: 'prj-bad', externalRefs: [], code: 'X' } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: any) => e.pointer)).toContain('/object/legalEntityId');
  });

  it('resolves an external id and refuses to give one external id to two objects', async () => {
    const found = (await api.get('/master-data/employee?externalSystem=harvest&externalId=1005')).body;
    expect(found.map((e: any) => e.id)).toEqual(['harvest-user-1005']);
    const other = (await api.get('/master-data/employee/harvest-user-1006')).body.object;
    const res = await api.post('/master-data/employee', { sourceSystem: 'hris', object: { ...other, externalRefs: [{ system: 'harvest', id: '1005' }] } });
    expect(res.status).toBe(422);
  });

  it('masks sensitive fields (cost and pay rates) for roles without view-sensitive', async () => {
    const asArchitect = (await api.get('/master-data/employee/emp-0042', 'alice')).body.object;
    expect(asArchitect.costRate).toBe('***');
    expect((await api.get('/master-data/employee/emp-0042', 'dave')).body.object.costRate).toEqual({ amount: '55.00', currency: 'GBP' });
  });

  it('answers an unknown type with 404 and a code', async () => {
    const res = await api.get('/master-data/planet');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('MASTER_DATA_TYPE_UNKNOWN');
  });
});
