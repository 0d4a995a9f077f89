import { runBilling } from '../run/billing-run';
import { contract, runInput, tx } from '../testing/billing.fixtures';

describe('time and materials', () => {
  it('bills each rate on its own line when the rate changes inside the period', () => {
    const txs = [
      tx({ id: 'a', date: '2026-03-02', hours: '2', rate: { amount: '100.00', currency: 'USD' } }),
      tx({ id: 'b', date: '2026-03-20', hours: '3', rate: { amount: '120.00', currency: 'USD' }, lineage: { timeEntryIds: ['te-b'], rateCardId: 'rc-1', rateCardVersion: 5, rateCardRowId: 'row-1', correlationId: 'c' } }),
      tx({ id: 'c', date: '2026-03-05', hours: '1.5', rate: { amount: '100.00', currency: 'USD' } }),
    ];
    const [candidate] = runBilling(runInput([contract()], txs)).candidates;
    expect(candidate.lines.map((l) => [l.unitPrice.amount, l.quantity.value, l.amount.amount])).toEqual([
      ['100.00', '3.5', '350.00'],
      ['120.00', '3', '360.00'],
    ]);
    expect(candidate.subtotal.amount).toBe('710.00');
    expect(candidate.lines[0].servicePeriod).toEqual({ from: '2026-03-02', to: '2026-03-05' });
    expect(candidate.lines[1].lineage).toMatchObject({ rateCardId: 'rc-1', rateCardVersion: 5, contractId: 'ctr-1', contractVersion: 3, timeEntries: [{ id: 'te-b', revision: 2 }] });
    expect(candidate.lines[0].lineage.billableTransactionIds).toEqual(['a', 'c']);
    expect(candidate.lines[0].creditRole).toBe('unbilled');
  });

  it.each([
    ['JPY', '15000', '2.5', '37500'],
    ['USD', '123.45', '1.25', '154.31'],
    ['BHD', '45.125', '1.75', '78.969'],
  ])('keeps %s amounts in the currency minor units', (currency, rate, hours, amount) => {
    const c = contract({ currency });
    const t = tx({ hours, rate: { amount: rate, currency } });
    const [candidate] = runBilling(runInput([c], [t])).candidates;
    expect(candidate.lines[0].amount).toEqual({ amount, currency });
    expect(candidate.subtotal.amount).toBe(amount);
  });

  it('bills expenses on their own lines and carries the mapping spec into lineage', () => {
    const expense = tx({ id: 'x1', sourceType: 'expense', sourceId: 'exp-1', quantity: { value: '2', unit: 'C62' }, rate: { amount: '45.50', currency: 'USD' }, amount: { amount: '91.00', currency: 'USD' }, lineage: { expenseIds: ['exp-1'], correlationId: 'c' } });
    const [candidate] = runBilling(runInput([contract()], [tx({ id: 't1' }), expense], { mappingSpec: 'harvest-time-entry@3.0.0' })).candidates;
    expect(candidate.lines.map((l) => [l.kind, l.quantity, l.amount.amount])).toEqual([['time', { value: '1', unit: 'HUR' }, '100.00'], ['expense', { value: '2', unit: 'C62' }, '91.00']]);
    expect(candidate.lines[1].lineage).toMatchObject({ expenseIds: ['exp-1'], mappingSpec: 'harvest-time-entry@3.0.0', timeEntries: [] });
    expect(candidate.lines[0].lineage.mappingSpec).toBe('harvest-time-entry@3.0.0');
  });

  it('never puts two rate card versions with the same price on one line', () => {
    const a = tx({ id: 'a' });
    const b = tx({ id: 'b', lineage: { ...tx().lineage, rateCardVersion: 9 } });
    expect(runBilling(runInput([contract()], [a, b])).candidates[0].lines).toHaveLength(2);
  });
});
