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
    expect(golden.afterMeans).toMatch(/published reference data/);
    expect(submitted.body.evidence.goldenScenarios.before).toEqual(golden.before);
  });

  it('runs after with the candidate’s tax rule: a rate change moves the invoice and GL totals, and says which scenarios changed', async () => {
    const versions = (await api.get('/specs/reference-data/versions', 'alice')).body;
    const latest = versions.map((v: any) => v.version).sort((a: string, b: string) => (a.localeCompare(b, undefined, { numeric: true }))).pop();
    const published = versions.find((v: any) => v.status === 'PUBLISHED');
    const [major, minor] = latest.split('.').map(Number);
    const next = `${major}.${minor + 1}.0`;
    expect((await api.post('/specs/reference-data/versions', { version: next, fromVersion: published.version }, 'alice')).status).toBe(201);
    const draft = (await api.get(`/specs/reference-data/versions/${next}`, 'alice')).body;
    const data = draft.content?.data ?? draft.data;
    expect(data).toBeDefined();
    // US sales tax from 8.25 % to 10 %, as the reference-data tax-rule table would propose it.
    const salesTax = { id: 'tr-us-sales', externalRefs: [], name: 'Sales tax', version: 2, priority: 10, effectivePeriod: { validFrom: '2026-01-01' }, legalEntityId: 'le-us', taxCodeId: 'tc-sales', rate: '10', calculation: 'exclusive', rounding: 'perLine', roundingMode: 'halfUp' };
    const edited = await h().http().patch(`/api/v1/specs/reference-data/versions/${next}`).set('Authorization', `Bearer ${await h().token('alice')}`).send({ data: { ...data, taxRules: [salesTax] } });
    expect(edited.status).toBe(200);
    expect((await api.post(`/specs/reference-data/versions/${next}/submit`, {}, 'alice')).status).toBe(200);

    const golden = (await api.get(`/specs/reference-data/versions/${next}/evidence`, 'bob')).body.document.goldenScenarios;
    const before = golden.before.find((g: any) => g.name === 'tm-exclusive-per-line');
    const after = golden.after.find((g: any) => g.name === 'tm-exclusive-per-line');
    expect(before.totals.invoices.byCurrency.USD).toEqual({ subtotal: '2165.00', tax: '178.61', total: '2343.61' });
    expect(after.totals.invoices.byCurrency.USD).toEqual({ subtotal: '2165.00', tax: '216.50', total: '2381.50' });
    expect(after.totals.gl.find((g: any) => g.legalEntityId === 'le-us' && g.account === '1100')).toMatchObject({ debit: '2381.50' });
    expect(after.matchesExpected).toBe(false);
    expect(golden.changed).toContain('tm-exclusive-per-line');
    expect(golden.changed.length).toBeLessThan(golden.before.length);
    expect(golden.before.every((g: any) => g.matchesExpected)).toBe(true);
  });
});
