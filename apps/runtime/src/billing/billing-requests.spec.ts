import { BillingError } from '@mapwright/billing';
import { AppError } from '../common/app-error';
import { parseRunRequest } from './billing-run.service';
import { billingProblem, initialSeries } from './billing-settings';
import { entryOf } from './invoice-candidates.service';
import { parseCorrection } from './invoices.service';

describe('billing request parsing', () => {
  it('accepts a run request and points at every bad member', () => {
    expect(parseRunRequest({ legalEntityId: 'le-uk', periodEnd: '2026-03-31', contractIds: ['c'] })).toEqual({ legalEntityId: 'le-uk', periodEnd: '2026-03-31', contractIds: ['c'] });
    try {
      parseRunRequest({ periodEnd: '31/03/2026', periodStart: 5, contractIds: 'c' });
      throw new Error('accepted');
    } catch (err) {
      expect((err as AppError).code).toBe('VALIDATION_FAILED');
      expect((err as AppError).errors?.map((e) => e.pointer)).toEqual(['/legalEntityId', '/periodEnd', '/periodStart', '/contractIds']);
    }
  });

  it('defaults a correction to the difference policy and refuses amounts that are not decimal strings', () => {
    expect(parseCorrection({ lines: [{ lineId: 'l1', amount: '10.00' }], issueDate: '2026-04-10' })).toEqual({ policy: 'difference', reason: 'correction', issueDate: '2026-04-10', lines: [{ lineId: 'l1', amount: '10.00' }] });
    expect(() => parseCorrection({ policy: 'undo', lines: [{ lineId: 'l1', amount: 10 }] })).toThrow(AppError);
    expect(() => parseCorrection({})).toThrow(/invalid/);
  });
});

describe('billing settings', () => {
  it('starts the invoice series at the legal entity’s next number and credit notes at one', () => {
    const attrs = { invoiceNumberSequence: { prefix: 'UK-', next: 1001 } };
    expect(initialSeries(attrs, 'le-uk', 'invoice')).toEqual({ prefix: 'UK-INV-', width: 6, last_number: 1000 });
    expect(initialSeries(attrs, 'le-uk', 'creditNote')).toEqual({ prefix: 'UK-CN-', width: 6, last_number: 0 });
    expect(initialSeries({}, 'le-x', 'invoice')).toEqual({ prefix: 'le-x-INV-', width: 6, last_number: 0 });
  });

  it('maps billing refusals to 409 for state conflicts and 422 otherwise, keeping the library code', () => {
    const conflict = billingProblem(new BillingError('BILLING_ALREADY_BILLED', 'billed', { transactionIds: ['t'] })) as AppError;
    expect([conflict.code, conflict.status, conflict.extra?.billingCode]).toEqual(['BILLING_CONFLICT', 409, 'BILLING_ALREADY_BILLED']);
    const refused = billingProblem(new BillingError('BILLING_NO_TAX_RULE', 'none')) as AppError;
    expect([refused.code, refused.status]).toEqual(['BILLING_REFUSED', 422]);
    const other = new Error('x');
    expect(billingProblem(other)).toBe(other);
  });

  it('reads the entry id out of a transaction id, colons in the entry id included', () => {
    expect(entryOf('bt:csv-te-500001:REGULAR')).toBe('csv-te-500001');
    expect(entryOf('bt:a:b:OVERTIME')).toBe('a:b');
  });
});
