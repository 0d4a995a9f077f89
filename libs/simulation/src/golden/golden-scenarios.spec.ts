import { readdirSync } from 'node:fs';
import { toCanonicalCreditNote, toCanonicalInvoice } from '@mapwright/billing';
import { validateCanonical } from '@mapwright/canonical-model';
import { simulate } from '../simulate';
import { goldenScenario, SCENARIOS_DIR, unbalancedJournals } from '../testing/scenario.fixtures';
import { compareToExpected, runGoldenScenarios } from './golden.runner';

const names = readdirSync(SCENARIOS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('golden scenarios', () => {
  const results = runGoldenScenarios(SCENARIOS_DIR);

  it('cover every contract type, tax mode, rounding mode and correction path', () => {
    expect(names).toEqual(expect.arrayContaining([
      'tm-exclusive-per-line', 'tm-per-document-review', 'tm-inclusive-per-line', 'fixed-fee-instalments', 'milestone-shares',
      'retainer-rollover-overage', 'prepaid-block-exhausted', 'capped-block', 'capped-write-off', 'capped-defer',
      'correction-difference-credit-note', 'correction-full-credit-reinvoice', 'correction-cancel-credit-note',
      'fx-eur-entity-usd-invoice', 'jpy-minor-units',
    ]));
    expect(results.map((r) => r.name)).toEqual(names);
  });

  it.each(names)('%s matches its expected output', (name) => {
    const result = results.find((r) => r.name === name);
    expect(result?.diff).toBe('');
    expect(result?.passed).toBe(true);
  });

  it.each(names)('%s: every journal balances and every document is a valid canonical object', (name) => {
    const result = simulate(goldenScenario(name));
    expect(unbalancedJournals(result.journals)).toEqual([]);
    for (const inv of result.invoices) expect(validateCanonical('Invoice', toCanonicalInvoice(inv))).toEqual([]);
    for (const note of result.creditNotes) expect(validateCanonical('CreditNote', toCanonicalCreditNote(note))).toEqual([]);
    for (const tx of result.transactions) expect(validateCanonical('BillableTransaction', tx)).toEqual([]);
  });

  it('reports a changed figure as a readable diff with its pointer', () => {
    const actual = simulate(goldenScenario('tm-exclusive-per-line'));
    const expected = JSON.parse(JSON.stringify(actual));
    expected.invoices[0].total.amount = '2343.62';
    const report = compareToExpected('tm-exclusive-per-line', actual, expected);
    expect(report.passed).toBe(false);
    expect(report.diff).toBe('/invoices/0/total/amount: expected "2343.62" but got "2343.61"');
  });
});

/** Key figures of each scenario, checked by hand (see each scenario's description). */
describe('hand-checked figures', () => {
  const total = (name: string, i = 0) => simulate(goldenScenario(name)).invoices[i];

  it('T&M, exclusive per line: 2165.00 + 134.06 + 44.55 = 2343.61', () => {
    const inv = total('tm-exclusive-per-line');
    expect(inv.lines.map((l) => [l.amount.amount, l.taxAmount.amount])).toEqual([['1625.00', '134.06'], ['540.00', '44.55']]);
    expect(inv.total.amount).toBe('2343.61');
  });

  it('per-document tax 500.30 x 7.5% = 37.52, where per line would give 37.53', () => {
    const inv = total('tm-per-document-review');
    expect([inv.subtotal.amount, inv.taxTotal.amount, inv.total.amount]).toEqual(['500.30', '37.52', '537.82']);
    expect(inv.lines.map((l) => l.taxAmount.amount)).toEqual(['7.51', '15.01', '15.00']);
  });

  it('inclusive 20%: 200.00 -> tax 33.33, 700.00 -> tax 116.67', () => {
    const inv = total('tm-inclusive-per-line');
    expect(inv.lines.map((l) => [l.taxAmount.amount, l.netAmount.amount])).toEqual([['33.33', '166.67'], ['116.67', '583.33']]);
  });

  it('JPY: 16,460 + 10,288 = 26,748, tax 2,675', () => {
    const inv = total('jpy-minor-units');
    expect([inv.subtotal.amount, inv.taxTotal.amount, inv.total.amount]).toEqual(['26748', '2675', '29423']);
  });

  it('FX: 1,520.00 USD at 0.95 = 1,444.00 EUR with a 45.60 EUR gain', () => {
    const result = simulate(goldenScenario('fx-eur-entity-usd-invoice'));
    expect(result.invoices[0].functionalTotal).toEqual({ amount: '1444.00', currency: 'EUR' });
    expect(result.totals.gl.find((g) => g.account === '7100')?.balance).toBe('-45.60');
    expect(result.totals.gl.find((g) => g.account === '1210')?.balance).toBe('0.00');
  });

  it('milestone shares add up to 9,999.99 exactly', () => {
    const result = simulate(goldenScenario('milestone-shares'));
    expect(result.invoices.flatMap((i) => i.lines.map((l) => l.amount.amount))).toEqual(['3333.00', '3333.00', '3333.99']);
  });

  it('capped: block bills 800.00, writeOff 1,000.00 with 200.00 written off, defer 800.00', () => {
    expect(total('capped-block').subtotal.amount).toBe('800.00');
    const wo = total('capped-write-off');
    expect([wo.lines[0].ratedAmount.amount, wo.lines[0].writeOff.amount, wo.subtotal.amount]).toEqual(['1200.00', '200.00', '1000.00']);
    expect(total('capped-defer').subtotal.amount).toBe('800.00');
  });

  it.each([
    ['tm-inclusive-per-line', '-750.00'],
    ['retainer-rollover-overage', '-8600.00'],
    ['prepaid-block-exhausted', '-3350.00'],
    ['correction-full-credit-reinvoice', '-2225.00'],
  ])('%s: unbilled 1210 relieved to 0.00, revenue 4000 at the invoiced net plus releases, %s', (name, revenue) => {
    const gl = simulate(goldenScenario(name)).totals.gl;
    expect(gl.find((g) => g.account === '1210')?.balance).toBe('0.00');
    expect(gl.find((g) => g.account === '4000')?.balance).toBe(revenue);
  });

  it('inclusive 20%: time is accrued at its net, 166.67 + 583.33', () => {
    const accruals = simulate(goldenScenario('tm-inclusive-per-line')).journals.flatMap((j) => (j.origin === 'posting' ? j.lines : [])).filter((l) => l.glAccountId === '1210').map((l) => l.debit);
    expect(accruals).toEqual(['166.67', '583.33']);
  });

  it('overage reverses the time accrual of its hours: 500.00 retainer, 750.00 prepaid (the crossing entry whole)', () => {
    const reversed = (name: string) => simulate(goldenScenario(name)).journals.flatMap((j) => (j.origin === 'billing' ? j.lines : [])).filter((l) => l.role === 'accrualReversed').map((l) => [l.glAccountId, l.debit]);
    expect(reversed('retainer-rollover-overage')).toEqual([['4000', '500.00']]);
    expect(reversed('prepaid-block-exhausted')).toEqual([['4000', '750.00']]);
  });

  it('difference credit note 125.00 + 10.31 tax; full credit and re-invoice 2,408.56', () => {
    expect(simulate(goldenScenario('correction-difference-credit-note')).creditNotes[0].total.amount).toBe('135.31');
    expect(total('correction-full-credit-reinvoice', 1).total.amount).toBe('2408.56');
  });
});
