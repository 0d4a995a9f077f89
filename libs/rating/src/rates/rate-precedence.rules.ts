import type { RateScopeKey } from '../rating/rating.types';

/**
 * One precedence rule: a row fires under it when its scope names exactly
 * these keys and each equals the entry's value. Order in the list is rank.
 */
export interface RatePrecedenceRule {
  name: string;
  keys: RateScopeKey[];
  description: string;
}

/** Most specific wins. Data, not code, so a firm can reorder or extend it. */
export const DEFAULT_RATE_PRECEDENCE: readonly RatePrecedenceRule[] = Object.freeze([
  { name: 'employee-on-project', keys: ['employeeId', 'projectId'], description: 'a rate agreed for this employee on this project' },
  { name: 'role-on-project', keys: ['roleId', 'projectId'], description: 'a rate for the employee\'s role on this project' },
  { name: 'project', keys: ['projectId'], description: 'the project\'s standard rate' },
  { name: 'customer', keys: ['customerId'], description: 'the customer\'s standard rate' },
  { name: 'role-default', keys: ['roleId'], description: 'the role\'s list rate' },
]);
