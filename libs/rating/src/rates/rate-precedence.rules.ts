import type { RateScopeKey } from '../rating/rating.types';

/**
 * One precedence level: a row of this level fires when each listed key equals
 * the entry's value. Order in the list is rank: most specific first.
 */
export interface RatePrecedenceRule {
  level: string;
  keys: RateScopeKey[];
  description: string;
}

/** Data, not code, so a firm can reorder or extend it. Level names follow the canonical RateCard. */
export const DEFAULT_RATE_PRECEDENCE: readonly RatePrecedenceRule[] = Object.freeze([
  { level: 'employeeProject', keys: ['employeeId', 'projectId'], description: 'a rate agreed for this employee on this project' },
  { level: 'roleProject', keys: ['roleCode', 'projectId'], description: "a rate for the employee's role on this project" },
  { level: 'project', keys: ['projectId'], description: "the project's standard rate" },
  { level: 'customer', keys: ['customerId'], description: "the customer's standard rate" },
  { level: 'roleDefault', keys: ['roleCode'], description: "the role's list rate" },
]);
