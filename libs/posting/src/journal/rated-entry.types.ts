import type { Money } from '../money/posting.money';

interface RatedAmountLine {
  payCode: string;
  minutes: number;
  amount: Money;
}

/**
 * What posting reads from a rating snapshot (@mapwright/rating
 * RatingSnapshot). Structural, so posting does not depend on the rating
 * library and any object of that shape can be posted.
 */
export interface RatedEntry {
  entry: {
    id: string;
    revision: number;
    employeeId: string;
    projectId: string;
    customerId: string | null;
    legalEntityId: string | null;
    costCenterId: string | null;
    date: string;
  };
  billing: {
    resolution: { rule: string; rowId: string | null; rateCardId: string | null; rateCardVersion: number | null };
    lines: RatedAmountLine[];
    amount: Money;
  } | null;
  cost: {
    resolution: { rowId: string; costTableId: string; costTableVersion: number };
    lines: RatedAmountLine[];
    amount: Money;
  };
  payroll: Array<{ employeeId: string; date: string; payCode: string; minutes: number }>;
}
