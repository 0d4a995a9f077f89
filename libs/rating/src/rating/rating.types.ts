import type { Money } from '../money/money';

/** What rating reads from a canonical TimeEntry (structural, so any richer object fits). */
export interface RatableTimeEntry {
  id: string;
  revision: number;
  status: string;
  employeeId: string;
  roleId?: string | null;
  projectId: string;
  customerId: string;
  legalEntityId: string;
  costCentreId?: string | null;
  taskId?: string | null;
  /** Calendar date the work was done, YYYY-MM-DD. */
  workDate: string;
  /** Optional local start time HH:MM, used only to order a day's entries. */
  startTime?: string | null;
  /** Raw worked duration in whole minutes, before rounding. */
  durationMinutes: number;
  billable: boolean;
  /** A negotiated rate on the entry itself beats every rate card row. */
  explicitRate?: Money | null;
}

export interface RateScope {
  employeeId?: string;
  roleId?: string;
  projectId?: string;
  customerId?: string;
}

export type RateScopeKey = keyof RateScope;

export interface RateCardRow {
  id: string;
  scope: RateScope;
  /** Hourly rate as a decimal string in the card's currency. */
  rate: string;
  validFrom: string;
  validTo?: string | null;
}

export interface RateCard {
  id: string;
  version: number;
  currency: string;
  rows: RateCardRow[];
}

/** Employee cost rates, effective-dated, kept apart from customer-facing cards. */
export interface CostRateRow {
  id: string;
  employeeId: string;
  rate: string;
  validFrom: string;
  validTo?: string | null;
}

export interface CostRateTable {
  id: string;
  version: number;
  currency: string;
  rows: CostRateRow[];
}
