import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { GoldenEvidence, GoldenScenarioTotals } from '../../specs/api/specs.api';
import { GoldenTotalsView } from './GoldenTotalsView';

function scenario(name: string, total: string, tax: string, revenue: string): GoldenScenarioTotals {
  return {
    name,
    matchesExpected: true,
    totals: {
      invoices: { count: 1, byCurrency: { USD: { subtotal: revenue, tax, total } } },
      net: { USD: { subtotal: revenue, tax, total } },
      gl: [
        { legalEntityId: 'le-us', account: '2200', debit: '0.00', credit: tax, balance: `-${tax}` },
        { legalEntityId: 'le-us', account: '4000', debit: '0.00', credit: revenue, balance: `-${revenue}` },
      ],
    },
  };
}

describe('golden scenario totals in the evidence', () => {
  it('shows before and after totals and the GL balances a tax change moves', () => {
    const golden: GoldenEvidence = {
      before: [scenario('tm-exclusive-per-line', '2343.61', '178.61', '2165.00'), scenario('fixed-fee', '1000.00', '0.00', '1000.00')],
      after: [scenario('tm-exclusive-per-line', '2381.50', '216.50', '2165.00'), scenario('fixed-fee', '1000.00', '0.00', '1000.00')],
      changed: ['tm-exclusive-per-line'],
      afterMeans: 'after runs the scenarios with this version’s tax rules',
    };
    render(<GoldenTotalsView golden={golden} />);
    const section = screen.getByRole('region', { name: 'Golden scenario totals' });
    expect(within(section).getByRole('heading').textContent).toBe('Golden scenarios: 1 of 2 change their totals');
    const moved = screen.getByTestId('golden-tm-exclusive-per-line');
    expect(moved.className).toBe('changed');
    expect(moved.textContent).toContain('USD 2343.61');
    expect(moved.textContent).toContain('USD 2381.50');
    expect(moved.textContent).toContain('le-us 2200: -178.61 → -216.50');
    expect(moved.textContent).not.toContain('4000');
    expect(screen.getByTestId('golden-fixed-fee').textContent).toContain('unchanged');
  });

  it('says when no totals change, and names a scenario that could not run', () => {
    const same = scenario('retainer', '500.00', '0.00', '500.00');
    const broken: GoldenScenarioTotals = { name: 'capped', matchesExpected: false, totals: null, error: 'BILLING_NO_TAX_RULE' };
    render(<GoldenTotalsView golden={{ before: [same, broken], after: [same, broken], changed: [], afterMeans: 'after = before' }} />);
    expect(screen.getByRole('heading', { name: 'Golden scenarios: no totals change' })).toBeTruthy();
    expect(screen.getByTestId('golden-retainer').textContent).toContain('unchanged');
    expect(screen.getByTestId('golden-capped').textContent).toContain('error: BILLING_NO_TAX_RULE');
    expect(screen.getByTestId('golden-capped').textContent).toContain('differs from its expected output');
  });
});
