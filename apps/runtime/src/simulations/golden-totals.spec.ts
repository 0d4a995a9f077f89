import * as path from 'node:path';
import { goldenAfterMeaning, goldenScenarioTotals } from './golden-totals';

const SPECS_DIR = path.resolve(__dirname, '../../../../mapping-specs');

describe('goldenScenarioTotals', () => {
  it('runs every shipped golden scenario, each matching its expected result, with invoice and GL totals', () => {
    const results = goldenScenarioTotals(SPECS_DIR);
    expect(results.length).toBeGreaterThanOrEqual(15);
    expect(results.filter((r) => !r.matchesExpected).map((r) => r.name)).toEqual([]);
    const tm = results.find((r) => r.name === 'tm-exclusive-per-line');
    expect(tm?.totals?.invoices.byCurrency.USD).toEqual({ subtotal: '2165.00', tax: '178.61', total: '2343.61' });
    expect(tm?.totals?.gl.some((g) => g.legalEntityId === 'le-us' && g.account === '1210')).toBe(true);
  });

  it('answers an empty list when the catalog has no scenarios folder', () => {
    expect(goldenScenarioTotals(path.join(SPECS_DIR, 'no-such-folder'))).toEqual([]);
  });

  it('says per kind why the candidate leaves the totals unchanged', () => {
    expect(goldenAfterMeaning('reference')).toMatch(/Reference data/);
    expect(goldenAfterMeaning('routing')).toMatch(/Routing rules/);
    expect(goldenAfterMeaning('outbound')).toMatch(/outbound mapping/);
  });
});
