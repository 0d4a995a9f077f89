import type { RatingContext } from '../rating/entry.rater';
import type { CostRateTable, RatableTimeEntry, RateCard } from '../rating/rating.types';
import { DEFAULT_FACTOR_RULES } from '../time/overtime.rules';
import { NO_ROUNDING } from '../time/time-rounding.policy';

/** Shared scenario data for the rating specs: one consultant on one project. */
export function entry(overrides: Partial<RatableTimeEntry> & { minutes?: number } = {}): RatableTimeEntry {
  const { minutes, ...rest } = overrides;
  return {
    id: 'te-1',
    revision: 1,
    status: 'approved',
    employeeId: 'emp-ana',
    roleCode: 'SENIOR',
    projectId: 'prj-apollo',
    customerId: 'cus-acme',
    legalEntityId: 'le-us',
    costCenterId: 'cc-delivery',
    date: '2026-03-02',
    quantity: { value: String(minutes ?? 60), unit: 'MIN' },
    billable: true,
    ...rest,
  };
}

export const RATE_CARD: RateCard = {
  id: 'rc-standard',
  version: 3,
  currency: 'USD',
  status: 'active',
  rows: [
    { id: 'row-emp-prj', scope: { level: 'employeeProject', employeeId: 'emp-ana', projectId: 'prj-apollo' }, effectivePeriod: { validFrom: '2026-01-01' }, rate: { amount: '100.00', currency: 'USD' }, unit: 'HUR' },
    { id: 'row-role-prj', scope: { level: 'roleProject', roleCode: 'SENIOR', projectId: 'prj-apollo' }, effectivePeriod: { validFrom: '2026-01-01' }, rate: { amount: '90.00', currency: 'USD' }, unit: 'HUR' },
    { id: 'row-prj', scope: { level: 'project', projectId: 'prj-apollo' }, effectivePeriod: { validFrom: '2026-01-01' }, rate: { amount: '80.00', currency: 'USD' }, unit: 'HUR' },
    { id: 'row-cus', scope: { level: 'customer', customerId: 'cus-acme' }, effectivePeriod: { validFrom: '2026-01-01' }, rate: { amount: '70.00', currency: 'USD' }, unit: 'HUR' },
    { id: 'row-role', scope: { level: 'roleDefault', roleCode: 'SENIOR' }, effectivePeriod: { validFrom: '2026-01-01' }, rate: { amount: '60.00', currency: 'USD' }, unit: 'HUR' },
  ],
};

export const COST_RATES: CostRateTable = {
  id: 'cost-2026',
  version: 1,
  rows: [
    { id: 'cost-ana', employeeId: 'emp-ana', rate: { amount: '40.00', currency: 'USD' }, effectivePeriod: { validFrom: '2026-01-01' } },
    { id: 'cost-ben', employeeId: 'emp-ben', rate: { amount: '30.00', currency: 'USD' }, effectivePeriod: { validFrom: '2026-01-01' } },
  ],
};

export const CONTEXT: RatingContext = { rateCard: RATE_CARD, costRates: COST_RATES, rounding: NO_ROUNDING, factorRules: DEFAULT_FACTOR_RULES };

/** The default factor rules without overtime or weekend, for tests about something else. */
export const FLAT_CONTEXT: RatingContext = { ...CONTEXT, factorRules: { id: 'flat', version: 1, regularPayCode: 'REGULAR', rules: [] } };
