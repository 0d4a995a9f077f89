import Decimal from 'decimal.js';
import { checkAllocation, checkLineItems, checkManualJournal, computeTotals } from './business-rules';

describe('ledger rules', () => {
  it('accepts a line total within a cent of Quantity × UnitAmount and refuses one further off', () => {
    expect(checkLineItems([{ Description: 'a', Quantity: 12.3333, UnitAmount: 97.1235, LineAmount: 1197.86, AccountCode: '200' }], 'AUTHORISED')).toEqual([]);
    expect(checkLineItems([{ Description: 'a', Quantity: 3, UnitAmount: 0.1, LineAmount: 0.31, AccountCode: '200' }], 'AUTHORISED')).toEqual([]);
    expect(checkLineItems([{ Description: 'a', Quantity: 3, UnitAmount: 0.1, LineAmount: 0.32, AccountCode: '200' }], 'AUTHORISED')[0]).toContain(
      'does not match the expected line total 0.30',
    );
  });

  it('totals exclusive and inclusive lines without float drift', () => {
    const lines = [{ LineAmount: 0.1, TaxAmount: 0.02 }, { LineAmount: 0.2, TaxAmount: 0.04 }];
    expect(computeTotals(lines, 'Exclusive').total.toFixed()).toBe('0.36');
    expect(computeTotals(lines, 'Inclusive').subTotal.toFixed()).toBe('0.24');
    expect(computeTotals(lines, 'NoTax').totalTax.toFixed()).toBe('0');
  });

  it('wants journal lines that sum to exactly zero', () => {
    expect(checkManualJournal({ Narration: 'n', JournalLines: [{ LineAmount: 0.1, AccountCode: 'a' }, { LineAmount: 0.2, AccountCode: 'b' }, { LineAmount: -0.3, AccountCode: 'c' }] })).toEqual([]);
    expect(checkManualJournal({ Narration: 'n', JournalLines: [{ LineAmount: 1, AccountCode: 'a' }] })).toEqual(
      expect.arrayContaining(['A manual journal must have at least two journal lines.', expect.stringContaining('sum to 1.00, not zero')]),
    );
  });

  it('caps an allocation at the remaining credit and the amount due', () => {
    const creditNote = { Status: 'AUTHORISED', CurrencyCode: 'GBP', Contact: { ContactID: 'c' }, RemainingCredit: 100 };
    const invoice = { Status: 'AUTHORISED', CurrencyCode: 'GBP', Contact: { ContactID: 'c' }, AmountDue: 50 };
    expect(checkAllocation({ creditNote, invoice, amount: new Decimal(50) })).toEqual([]);
    expect(checkAllocation({ creditNote, invoice, amount: new Decimal(60) })).toEqual([expect.stringContaining('exceeds the amount due')]);
    expect(checkAllocation({ creditNote, invoice: { ...invoice, AmountDue: 500 }, amount: new Decimal('100.01') })).toEqual([
      expect.stringContaining('exceeds the remaining credit (100.00)'),
    ]);
  });
});
