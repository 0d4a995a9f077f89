import * as path from 'node:path';
import { goldenAfterMeaning, goldenScenarioEvidence, goldenScenarioTotals, ruleOverlayOf } from './golden-totals';

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

  it('runs after with the candidate reference data’s tax rules in place of the scenarios’ rules of the same id', () => {
    const salesTax = { id: 'tr-us-sales', name: 'Sales tax', version: 2, priority: 10, effectivePeriod: { validFrom: '2026-01-01' }, legalEntityId: 'le-us', taxCodeId: 'tc-sales', rate: '10', calculation: 'exclusive', rounding: 'perLine', roundingMode: 'halfUp' };
    const evidence = goldenScenarioEvidence(SPECS_DIR, 'reference', { tables: {} }, { tables: {}, taxRules: [salesTax] });
    const before = evidence.before.find((r) => r.name === 'tm-exclusive-per-line');
    const after = evidence.after.find((r) => r.name === 'tm-exclusive-per-line');
    expect(before?.totals?.invoices.byCurrency.USD).toEqual({ subtotal: '2165.00', tax: '178.61', total: '2343.61' });
    // 10 % per line: 162.50 + 54.00.
    expect(after?.totals?.invoices.byCurrency.USD).toEqual({ subtotal: '2165.00', tax: '216.50', total: '2381.50' });
    expect(after?.matchesExpected).toBe(false);
    expect(evidence.changed).toContain('tm-exclusive-per-line');
    // Scenarios without that rule id keep their totals.
    const untouched = evidence.before.filter((b) => !evidence.changed.includes(b.name));
    expect(untouched.length).toBeGreaterThan(0);
    expect(untouched.every((b) => JSON.stringify(evidence.after.find((a) => a.name === b.name)?.totals) === JSON.stringify(b.totals))).toBe(true);
  });

  it('leaves after = before when the candidate changes no rule, and for kinds that hold none', () => {
    const same = goldenScenarioEvidence(SPECS_DIR, 'reference', { tables: { a: {} } }, { tables: { b: {} } });
    expect(same.changed).toEqual([]);
    expect(same.after).toEqual(same.before);
    const routing = goldenScenarioEvidence(SPECS_DIR, 'routing', {}, { taxRules: [{ id: 'tr-us-sales', rate: '99' }] });
    expect(routing.after).toBe(routing.before);
    expect(ruleOverlayOf({ taxRules: [{ id: 'x' }, 'junk', { noId: 1 }], rateCards: 'no' })).toEqual({ taxRules: [{ id: 'x' }], rateCards: [] });
  });

  it('says per kind what after means', () => {
    expect(goldenAfterMeaning('reference')).toMatch(/tax rules \(taxRules\) and rate cards/);
    expect(goldenAfterMeaning('routing')).toMatch(/Routing rules/);
    expect(goldenAfterMeaning('outbound')).toMatch(/outbound mapping/);
  });
});
