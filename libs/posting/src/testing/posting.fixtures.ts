import { Dec, minorUnits } from '../money/posting.money';
import type { FxContext } from '../fx/fx.converter';
import type { PostingEvent } from '../journal/journal.types';
import type { RatedEntry } from '../journal/rated-entry.types';

type Part = [payCode: string, minutes: number, amount: string];

export interface RatedOptions {
  id?: string;
  revision?: number;
  date?: string;
  legalEntityId?: string | null;
  costCenterId?: string | null;
  billing?: Part[] | null;
  billingCurrency?: string;
  cost?: Part[];
  costCurrency?: string;
  rateCardVersion?: number;
}

function sum(parts: Part[], currency: string): string {
  return parts.reduce((n, [, , a]) => n.add(a), new Dec(0)).toFixed(minorUnits(currency));
}

/** A rated entry in the shape rating produces, built by hand so posting specs stand alone. */
export function rated(o: RatedOptions = {}): RatedEntry {
  const billingCurrency = o.billingCurrency ?? 'USD';
  const costCurrency = o.costCurrency ?? 'USD';
  const billingParts = o.billing === undefined ? ([['REGULAR', 60, '100.00']] as Part[]) : o.billing;
  const costParts = o.cost ?? ([['REGULAR', 60, '40.00']] as Part[]);
  const lines = (parts: Part[], currency: string) => parts.map(([payCode, minutes, amount]) => ({ payCode, minutes, amount: { amount, currency } }));
  return {
    entry: {
      id: o.id ?? 'te-1',
      revision: o.revision ?? 1,
      employeeId: 'emp-ana',
      projectId: 'prj-apollo',
      customerId: 'cus-acme',
      legalEntityId: o.legalEntityId === undefined ? 'le-us' : o.legalEntityId,
      costCenterId: o.costCenterId === undefined ? 'cc-delivery' : o.costCenterId,
      date: o.date ?? '2026-03-02',
    },
    billing: billingParts === null ? null : {
      resolution: { rule: 'employeeProject', rowId: 'row-emp-prj', rateCardId: 'rc-standard', rateCardVersion: o.rateCardVersion ?? 3 },
      lines: lines(billingParts, billingCurrency),
      amount: { amount: sum(billingParts, billingCurrency), currency: billingCurrency },
    },
    cost: {
      resolution: { rowId: 'cost-ana', costTableId: 'cost-2026', costTableVersion: 1 },
      lines: lines(costParts, costCurrency),
      amount: { amount: sum(costParts, costCurrency), currency: costCurrency },
    },
    payroll: [...(billingParts ?? costParts)].map(([payCode, minutes]) => ({ employeeId: 'emp-ana', date: o.date ?? '2026-03-02', payCode, minutes })),
  };
}

export const USD_BOOKS: FxContext = { functionalCurrency: 'USD', rates: [] };

export const EUR_BOOKS: FxContext = {
  functionalCurrency: 'EUR',
  rates: [
    { baseCurrency: 'USD', quoteCurrency: 'EUR', rate: '0.92', rateType: 'spot', effectiveDate: '2026-01-01' },
    { baseCurrency: 'USD', quoteCurrency: 'EUR', rate: '0.93', rateType: 'spot', effectiveDate: '2026-03-15' },
    { baseCurrency: 'EUR', quoteCurrency: 'BHD', rate: '0.41', rateType: 'spot', effectiveDate: '2026-01-01' },
    { baseCurrency: 'JPY', quoteCurrency: 'EUR', rate: '0.0061', rateType: 'spot', effectiveDate: '2026-01-01' },
  ],
};

export function event(type: 'timeEntry.approved' | 'timeEntry.corrected', eventId: string, postingDate = '2026-03-31'): PostingEvent {
  return { type, eventId, postingDate, correlationId: `corr-${eventId}` };
}
