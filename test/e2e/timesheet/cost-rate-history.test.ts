import { client, csvRow, describeTimesheet } from './timesheet-harness';

describeTimesheet('effective-dated cost rates', (h) => {
  const api = client(h);
  const ratings = async (id: string) => (await api.get(`/time-entries/${id}/lineage`)).body.ratings;
  const cost = (rating: any) => {
    const { resolution, amount } = rating.snapshot.cost;
    return { table: `${resolution.costTableId}@${resolution.costTableVersion}`, row: resolution.rowId, rate: resolution.rate.amount, amount: amount.amount };
  };

  it('rates each work date at the cost rate in force on it, whenever it is approved, and leaves rated entries alone', async () => {
    const hired = (await api.get('/master-data/employee/emp-0001')).body;
    expect([hired.version, hired.object.costRate, hired.object.hireDate]).toEqual([1, { amount: '50.00', currency: 'GBP' }, '2023-01-09']);

    await api.post('/inbound/csv/time-entries', csvRow({ id: '930001', emp: '0001', date: '2026-03-12', hours: '2' }));
    const ratedEarly = await ratings('csv-te-930001');
    expect(ratedEarly).toHaveLength(1);
    expect(cost(ratedEarly[0])).toEqual({ table: 'cost-emp-0001@1', row: 'cost-emp-0001@1', rate: '50', amount: '100.00' });

    const change = await api.post('/master-data/employee', {
      sourceSystem: 'hris', object: { ...hired.object, costRate: { amount: '60.00', currency: 'GBP' } }, attributes: { costRateEffectiveFrom: '2026-03-16' },
    });
    expect(change.status).toBe(200);
    expect(change.body.version).toBe(2);
    // The master-data write itself rates nothing.
    expect(await ratings('csv-te-930001')).toEqual(ratedEarly);

    await api.post('/inbound/csv/time-entries', [
      csvRow({ id: '930002', emp: '0001', date: '2026-03-13', hours: '2' }),
      csvRow({ id: '930003', emp: '0001', date: '2026-03-17', hours: '2' }),
    ]);
    const [before] = await ratings('csv-te-930002');
    const [after] = await ratings('csv-te-930003');
    expect(cost(before)).toEqual({ table: 'cost-emp-0001@1', row: 'cost-emp-0001@1', rate: '50', amount: '100.00' });
    expect(cost(after)).toEqual({ table: 'cost-emp-0001@2', row: 'cost-emp-0001@2', rate: '60', amount: '120.00' });
    expect([before.masterData.employee, after.masterData.employee]).toEqual(['emp-0001@2', 'emp-0001@2']);

    // 2026-03-13 re-rated its ISO week; the 2026-03-12 entry's cost is unchanged, so it kept its snapshot and posted nothing.
    expect(await ratings('csv-te-930001')).toEqual(ratedEarly);
    const journals = (await api.get('/time-entries/csv-te-930003/lineage')).body.journals;
    expect(journals).toHaveLength(1);
    expect(journals[0].journal.lines.find((l: any) => l.glAccountId === '5000')).toMatchObject({ debit: '120.00', currency: 'GBP' });
  });

  it('lets a later HR change move the effective date back and re-rates only the work it now covers', async () => {
    const current = (await api.get('/master-data/employee/emp-0001')).body;
    const res = await api.post('/master-data/employee', { sourceSystem: 'hris', object: current.object, attributes: { costRateEffectiveFrom: '2026-03-13' } });
    expect(res.body.version).toBe(3);

    // A correction of the 2026-03-13 entry rates its week again under the moved change.
    await api.post('/inbound/csv/time-entries', csvRow({ id: '930002', emp: '0001', date: '2026-03-13', hours: '3' }));
    const moved = await ratings('csv-te-930002');
    expect(moved).toHaveLength(2);
    expect(cost(moved[1])).toEqual({ table: 'cost-emp-0001@3', row: 'cost-emp-0001@3', rate: '60', amount: '180.00' });
    const earlier = await ratings('csv-te-930001');
    expect(earlier).toHaveLength(1);
    expect(cost(earlier[0]).rate).toBe('50');
  });
});
