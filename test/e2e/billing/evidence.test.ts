import { client, describeTimesheet } from '../timesheet/timesheet-harness';

describeTimesheet('governance evidence with golden-scenario totals', (h) => {
  const api = client(h);

  it('a submitted reference-data version carries every golden scenario’s invoice and GL totals, before and after', async () => {
    const versions = (await api.get('/specs/reference-data/versions', 'alice')).body;
    const published = versions.find((v: any) => v.status === 'PUBLISHED');
    expect(published).toBeDefined();
    const [major, minor] = published.version.split('.').map(Number);
    const next = `${major}.${minor + 1}.0`;
    expect((await api.post('/specs/reference-data/versions', { version: next, fromVersion: published.version }, 'alice')).status).toBe(201);
    const submitted = await api.post(`/specs/reference-data/versions/${next}/submit`, {}, 'alice');
    expect(submitted.status).toBe(200);

    const stored = (await api.get(`/specs/reference-data/versions/${next}/evidence`, 'bob')).body;
    const golden = stored.document.goldenScenarios;
    expect(golden.before.length).toBeGreaterThanOrEqual(15);
    expect(golden.before.every((g: any) => g.matchesExpected && g.totals)).toBe(true);
    const tm = golden.before.find((g: any) => g.name === 'tm-exclusive-per-line');
    expect(tm.totals.invoices.byCurrency.USD).toEqual({ subtotal: '2165.00', tax: '178.61', total: '2343.61' });
    expect(tm.totals.gl.find((g: any) => g.legalEntityId === 'le-us' && g.account === '1100')).toMatchObject({ debit: '2343.61' });
    expect(golden.after).toEqual(golden.before);
    expect(golden.changed).toEqual([]);
    expect(golden.afterMeans).toMatch(/Reference data/);
    expect(submitted.body.evidence.goldenScenarios.before).toEqual(golden.before);
  });
});
