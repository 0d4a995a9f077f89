import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadScenarioFile } from '@mapwright/simulation';
import { client, describeTimesheet, SPECS_DIR } from '../timesheet/timesheet-harness';

const SCENARIO_DIR = path.join(SPECS_DIR, 'scenarios', 'tm-exclusive-per-line');

describeTimesheet('simulations endpoint', (h) => {
  const api = client(h);
  const scenario = loadScenarioFile(SCENARIO_DIR);
  const expected = JSON.parse(fs.readFileSync(path.join(SCENARIO_DIR, 'expected.json'), 'utf8'));

  it('runs a golden scenario and answers exactly what the library gives, for each role that may simulate', async () => {
    for (const user of ['dave', 'alice', 'bob', 'erin']) {
      const res = await api.post('/simulations', scenario, user);
      expect(res.status).toBe(200);
      expect(res.body.totals).toEqual(expected.totals);
      expect(res.body.invoices.map((i: any) => [i.invoiceNumber, i.total.amount])).toEqual(expected.invoices.map((i: any) => [i.invoiceNumber, i.total.amount]));
    }
    expect((await api.post('/simulations', scenario, 'psa-bot')).status).toBe(403);
  });

  it('has no side effects: journals and time entries are untouched', async () => {
    const before = (await api.get('/journals?legalEntity=le-us&period=2026-03')).body;
    expect((await api.post('/simulations', scenario, 'dave')).status).toBe(200);
    expect((await api.get('/journals?legalEntity=le-us&period=2026-03')).body).toEqual(before);
    expect((await api.get('/time-entries/te-1/lineage')).status).toBe(404);
  });

  it('refuses a bad scenario with 422 problem+json and a coded pointer per problem', async () => {
    const bad = { ...(scenario as Record<string, unknown>), events: [{ type: 'billingRun', legalEntityId: 'le-us' }, { type: 'warp', date: '2026-03-01' }] };
    const res = await api.post('/simulations', bad, 'alice');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'SCENARIO_INVALID', status: 422 });
    const pointers = res.body.errors.map((e: any) => e.pointer);
    expect(pointers).toContain('/events/0/periodEnd');
    expect(pointers).toContain('/events/1/type');
    expect(res.body.errors.every((e: any) => e.code === 'SCENARIO_SCHEMA')).toBe(true);
  });
});
