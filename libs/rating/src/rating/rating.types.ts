import type { Money } from '../money/money';

/** A duration as the canonical model carries it: decimal value plus UN/ECE unit. */
export interface DurationQuantity {
  value: string;
  /** HUR (hours) or MIN (minutes); rating works in whole minutes. */
  unit: string;
}

/**
 * What rating reads from a canonical TimeEntry. Structural, so the canonical
 * object fits as is once the caller has enriched it with customerId (from the
 * project) and legalEntityId.
 */
export interface RatableTimeEntry {
  id: string;
  revision: number;
  status: string;
  employeeId: string;
  roleCode?: string | null;
  projectId: string;
  customerId?: string | null;
  legalEntityId?: string | null;
  costCenterId?: string | null;
  taskId?: string | null;
  /** Calendar date the work was done, YYYY-MM-DD. */
  date: string;
  /** Optional start timestamp, used only to order a day's entries. */
  startedAt?: string | null;
  quantity: DurationQuantity;
  billable: boolean;
  /** A rate set on the entry itself beats every rate card row. */
  explicitRate?: Money | null;
}

export type RateLevel = 'employeeProject' | 'roleProject' | 'project' | 'customer' | 'roleDefault';

export interface RateScope {
  level: RateLevel | string;
  employeeId?: string;
  roleCode?: string;
  projectId?: string;
  customerId?: string;
}

export type RateScopeKey = 'employeeId' | 'roleCode' | 'projectId' | 'customerId';

export interface EffectivePeriod {
  /** Inclusive. */
  validFrom: string;
  /** Exclusive; open-ended when absent. */
  validTo?: string | null;
}

export interface RateCardRow {
  id: string;
  scope: RateScope;
  /** Tie-breaker within a level; lower wins. */
  precedence?: number;
  effectivePeriod: EffectivePeriod;
  rate: Money;
  /** HUR or MIN: what the rate is per. */
  unit: string;
  /** Contractual billing multipliers by weekday ("mon".."sun"); they replace the factor rules' billing factor. */
  weekdayFactors?: Partial<Record<WeekdayKey, string>>;
  /** Contractual billing multiplier for overtime minutes; which minutes are overtime stays with the factor rules. */
  overtime?: { thresholdHoursPerDay?: string; factor: string };
}

export type WeekdayKey = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface RateCard {
  id: string;
  version: number;
  currency: string;
  /** Only active versions rate time; absent means active. */
  status?: string;
  effectivePeriod?: EffectivePeriod;
  rows: RateCardRow[];
}

/** Employee cost rates per hour, effective-dated, kept apart from customer-facing cards. */
export interface CostRateRow {
  id: string;
  employeeId: string;
  rate: Money;
  effectivePeriod: EffectivePeriod;
}

export interface CostRateTable {
  id: string;
  version: number;
  rows: CostRateRow[];
}
