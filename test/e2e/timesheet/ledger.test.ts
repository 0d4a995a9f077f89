import { JOURNAL_CSV_COLUMNS } from '@mapwright/posting';
import { client, csvRow, describeTimesheet, harvestEntry, isBalanced } from './timesheet-harness';

describeTimesheet('timesheet rating and journals', (h) => {
  const api = client(h);
  const lineage = async (id: string) => (await api.get(`/time-entries/${id}/lineage`)).body;
  const lastRating = async (id: string) => (await lineage(id)).ratings.at(-1);
  const lines = (journal: any, account: string) => journal.lines.filter((l: any) => l.glAccountId === account);
  const setUsRounding = async (policyId?: string) => {
    const le = (await api.get('/master-data/legalEntity/le-us')).body;
    const { roundingPolicyId: _drop, ...attributes } = le.attributes;
    const res = await api.post('/master-data/legalEntity', { sourceSystem: 'erp', object: le.object, attributes: policyId ? { ...attributes, roundingPolicyId: policyId } : attributes });
    expect(res.status).toBe(200);
  };

  it('applies rate precedence: employee+project over project over customer over role default, and explains the choice', async () => {
    await api.post('/inbound/csv/time-entries', [
      csvRow({ id: '900001', emp: '0001', date: '2026-03-02', hours: '1' }),
      csvRow({ id: '900002', emp: '0001', project: 'UMBRELLA-AUDIT', task: '', date: '2026-03-03', hours: '1' }),
      csvRow({ id: '900003', emp: '0003', project: 'ACME-SUPPORT', task: 'SUPP', date: '2026-03-02', hours: '1' }),
    ]);
    const project = await lastRating('csv-te-900001');
    expect([project.rateRule, project.rateRow, project.snapshot.billing.amount.amount]).toEqual(['project', 'uk-acme-erp', '140.00']);
    const outranked = project.snapshot.billing.resolution.candidates.filter((c: any) => c.outcome === 'outranked').map((c: any) => c.rowId);
    expect(outranked).toContain('uk-senior-old');
    const customer = await lastRating('csv-te-900002');
    expect([customer.rateRule, customer.rateRow, customer.snapshot.billing.amount.amount]).toEqual(['customer', 'uk-umbrella', '110.00']);
    const role = await lastRating('csv-te-900003');
    expect([role.rateRule, role.rateRow]).toEqual(['roleDefault', 'uk-senior-old']);
  });

  it('splits at the mid-month rate change by work date', async () => {
    await api.post('/inbound/csv/time-entries', [
      csvRow({ id: '900011', emp: '0003', project: 'ACME-SUPPORT', task: 'SUPP', date: '2026-03-13', hours: '2' }),
      csvRow({ id: '900012', emp: '0003', project: 'ACME-SUPPORT', task: 'SUPP', date: '2026-03-16', hours: '2' }),
    ]);
    const before = await lastRating('csv-te-900011');
    const after = await lastRating('csv-te-900012');
    expect([before.rateRow, before.snapshot.billing.amount.amount]).toEqual(['uk-senior-old', '240.00']);
    expect([after.rateRow, after.snapshot.billing.amount.amount]).toEqual(['uk-senior-new', '260.00']);
  });

  it('pays and bills daily overtime on the minutes past eight hours, to the overtime revenue account', async () => {
    await api.post('/inbound/csv/time-entries', [
      csvRow({ id: '910002', emp: '0004', project: 'ACME-SUPPORT', task: 'SUPP', date: '2026-03-03', hours: '4' }),
      csvRow({ id: '910001', emp: '0004', project: 'ACME-SUPPORT', task: 'SUPP', date: '2026-03-03', hours: '6' }),
    ]);
    const first = await lastRating('csv-te-910001');
    const second = await lastRating('csv-te-910002');
    expect(first.snapshot.billing.amount.amount).toBe('570.00');
    expect(second.snapshot.billing.lines.map((l: any) => [l.payCode, l.minutes, l.amount.amount])).toEqual([['REGULAR', 120, '190.00'], ['OT_DAILY', 120, '285.00']]);
    const journals = (await lineage('csv-te-910002')).journals.map((j: any) => j.journal);
    const net = (account: string) => journals.flatMap((j: any) => lines(j, account)).reduce((s: number, l: any) => s + Number(l.credit) - Number(l.debit), 0);
    expect(net('4010')).toBeCloseTo(285, 2);
    expect(net('4000')).toBeCloseTo(190, 2);
  });

  it('posts non-billable time as cost only', async () => {
    await api.post('/inbound/csv/time-entries', csvRow({ id: '910003', emp: '0004', project: 'ACME-SUPPORT', task: 'SUPP', date: '2026-03-04', hours: '2', billable: false }));
    const [journal] = (await lineage('csv-te-910003')).journals;
    expect(journal.journal.lines.map((l: any) => l.glAccountId).sort()).toEqual(['2150', '5000']);
    expect(lines(journal.journal, '5000')[0]).toMatchObject({ debit: '76.00', currency: 'GBP' });
  });

  it('re-rates a correction before invoicing and posts only the delta', async () => {
    await api.post('/inbound/csv/time-entries', csvRow({ id: '920001', emp: '0001', date: '2026-03-05', hours: '5' }));
    const res = await api.post('/inbound/csv/time-entries', csvRow({ id: '920001', emp: '0001', date: '2026-03-05', hours: '6' }));
    expect(res.body.results[0]).toMatchObject({ status: 'corrected', revision: 2 });
    const l = await lineage('csv-te-920001');
    expect(l.revisions.map((r: any) => r.revision)).toEqual([1, 2]);
    expect(l.ratings.map((r: any) => [r.ratingSeq, r.revision, r.reason])).toEqual([[1, 1, 'approval'], [2, 2, 'correction']]);
    expect(l.journals.map((j: any) => j.kind)).toEqual(['original', 'delta']);
    expect(lines(l.journals[0].journal, '1210')[0].debit).toBe('700.00');
    const delta = l.journals[1].journal;
    expect(lines(delta, '1210')[0]).toMatchObject({ debit: '140.00', credit: '0.00' });
    expect(lines(delta, '5000')[0]).toMatchObject({ debit: '50.00' });
    expect(delta.lines.every((line: any) => line.source.previousRevision === 1)).toBe(true);
    expect(isBalanced(delta)).toBe(true);
  });

  it('posts time approved after its period closed into the next open period', async () => {
    await api.post('/inbound/harvest/time-entries', harvestEntry({ id: 9500, user: 1003, date: '2026-01-20', hours: 3 }));
    const le = (await api.get('/master-data/legalEntity/le-us')).body;
    await api.post('/master-data/legalEntity', { sourceSystem: 'erp', object: le.object, attributes: { ...le.attributes, closedPeriods: ['2025-12', '2026-01'] } });
    const approved = await api.post('/time-entries/harvest-te-9500/approve', {}, 'dave');
    expect(approved.body.rating.ok).toBe(true);
    const [journal] = (await lineage('harvest-te-9500')).journals;
    expect([journal.period, journal.journal.date]).toEqual(['2026-02', '2026-02-01']);
    await api.post('/master-data/legalEntity', { sourceSystem: 'erp', object: le.object, attributes: le.attributes });
  });

  it('never edits a journal: the database refuses updates and deletes', async () => {
    await expect(h().sql("UPDATE journals SET period = '2026-01' WHERE entry_id = 'csv-te-920001'")).rejects.toThrow();
    await expect(h().sql("DELETE FROM journals WHERE entry_id = 'csv-te-920001'")).rejects.toThrow();
    expect((await lineage('csv-te-920001')).journals.map((j: any) => j.period)).toEqual(['2026-03', '2026-03']);
  });

  it('rounds with each mode the legal entity names: up, down, nearest, and per day', async () => {
    const post = (id: number, user: number, hours: number, date = '2026-03-09') => api.post('/inbound/harvest/time-entries', harvestEntry({ id, user, date, hours, closed: true }));
    const rounding = async (id: number) => (await lastRating(`harvest-te-${id}`)).snapshot.rounding;
    await setUsRounding('rp-15-up');
    await post(9201, 1005, 1.1);
    expect(await rounding(9201)).toMatchObject({ mode: 'up', rawMinutes: 66, roundedMinutes: 75 });
    expect((await lastRating('harvest-te-9201')).snapshot.billing.amount.amount).toBe('218.75');
    await setUsRounding('rp-30-down');
    await post(9202, 1006, 1.1);
    expect(await rounding(9202)).toMatchObject({ mode: 'down', roundedMinutes: 60 });
    await setUsRounding('rp-15-nearest');
    await post(9203, 1007, 1.1);
    await post(9204, 1008, 1.15);
    expect([(await rounding(9203)).roundedMinutes, (await rounding(9204)).roundedMinutes]).toEqual([60, 75]);
    await setUsRounding('rp-15-day');
    await post(9205, 1004, 0.6);
    await post(9206, 1004, 0.6);
    const day = [await rounding(9205), await rounding(9206)];
    expect(day.map((r) => r.scope)).toEqual(['day', 'day']);
    expect(day[0].roundedMinutes + day[1].roundedMinutes).toBe(75);
    expect(day[1].adjustmentMinutes).toBe(3);
    await setUsRounding(undefined);
  });

  it('converts to the functional currency at the work date\'s rate and balances in both currencies', async () => {
    const res = await h().http().post('/api/v1/inbound/harvest/time-entries?currency=EUR').set('Authorization', `Bearer ${await h().token('psa-bot')}`)
      .send(harvestEntry({ id: 9300, user: 1002, date: '2026-03-10', hours: 2, rate: 100, closed: true }));
    expect(res.body.results[0].rating.ok).toBe(true);
    const [journal] = (await lineage('harvest-te-9300')).journals;
    expect(journal.journal.functionalCurrency).toBe('USD');
    expect(lines(journal.journal, '1210')[0]).toMatchObject({ debit: '200.00', currency: 'EUR', fxRate: '1.08', functionalDebit: '216.00' });
    expect(lines(journal.journal, '5000')[0]).toMatchObject({ debit: '170.00', currency: 'USD', functionalDebit: '170.00' });
    expect(isBalanced(journal.journal)).toBe(true);
  });

  it('exports journals as JSON and CSV per legal entity and period, and payroll inputs per period', async () => {
    const all = (await api.get('/journals')).body.journals;
    expect(all.length).toBeGreaterThan(8);
    expect(all.every(isBalanced)).toBe(true);
    const uk = (await api.get('/journals?legalEntity=le-uk&period=2026-03')).body;
    expect(uk.journals.every((j: any) => j.legalEntityId === 'le-uk' && j.period === '2026-03')).toBe(true);
    const csv = await api.get('/journals?legalEntity=le-uk&period=2026-03&format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe(JOURNAL_CSV_COLUMNS.join(','));
    expect(rows.length - 1).toBe(uk.journals.reduce((n: number, j: any) => n + j.lines.length, 0));
    const payroll = (await api.get('/payroll-inputs?period=2026-03')).body.payrollInputs;
    const emp4 = payroll.filter((p: any) => p.employeeId === 'emp-0004');
    expect(Object.fromEntries(emp4.map((p: any) => [p.payCode, Number(p.quantity.value)]))).toEqual({ regular: 10, overtime: 2 });
    expect((await api.get('/payroll-inputs?period=March')).status).toBe(422);
    expect((await api.get('/journals?format=xml')).body.code).toBe('VALIDATION_FAILED');
  });

  it('raises a rating exception (not a 500) when master data cannot price the entry, and retries it once fixed', async () => {
    const card = (await api.get('/master-data/rateCard/rc-us')).body.object;
    await api.post('/master-data/rateCard', { sourceSystem: 'psa', object: { ...card, rows: card.rows.filter((r: any) => !['us-initech', 'us-senior-old', 'us-senior-new'].includes(r.id)) } });
    const res = await api.post('/inbound/harvest/time-entries', harvestEntry({ id: 9400, user: 1001, project: 2002, task: { id: 3003, name: 'Consulting' }, date: '2026-03-11', hours: 1, closed: true }));
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({ status: 'accepted', rating: { ok: false, code: 'RATING_NO_RATE' } });
    await api.post('/master-data/rateCard', { sourceSystem: 'psa', object: card });
    const retried = await api.post(`/exceptions/${res.body.results[0].rating.exceptionId}/retry`, {}, 'dave');
    expect(retried.body).toMatchObject({ state: 'retried', retry: { ok: true } });
    expect((await lastRating('harvest-te-9400')).rateRow).toBe('us-initech');
  });

  it('reports KPIs: pending billing, exceptions by reason and age, leakage and approval latency', async () => {
    const kpis = (await api.get('/kpis?leakageDays=0')).body;
    expect(kpis.pendingBilling.entries).toBeGreaterThan(5);
    expect(Number(kpis.pendingBilling.amount.GBP)).toBeGreaterThan(0);
    expect(kpis.revenueLeakage).toMatchObject({ afterDays: 0, entries: kpis.pendingBilling.entries });
    expect(kpis.exceptions.open).toBe(Object.values(kpis.exceptions.byReason).reduce((a: number, b: any) => a + b, 0));
    expect((await api.get('/kpis?leakageDays=30')).body.revenueLeakage.entries).toBe(0);
    expect((await api.get('/kpis?leakageDays=-1')).status).toBe(422);
  });
});
