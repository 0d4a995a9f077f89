export const ROLES = ['architect', 'approver', 'operator', 'auditor', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Who sees sensitive fields (rates, personal data) unmasked. Auditors investigate real values,
 * finance operators act on exceptions with real amounts, and the integration account must post
 * real outputs downstream; architects and approvers judge mappings on masked data.
 */
const VIEW_SENSITIVE: readonly Role[] = ['auditor', 'operator', 'integration'];

export function canViewSensitive(roles: readonly Role[]): boolean {
  return roles.some((r) => VIEW_SENSITIVE.includes(r));
}

export interface DemoUser {
  name: string;
  displayName: string;
  roles: Role[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { name: 'alice', displayName: 'Alice (integration architect)', roles: ['architect'] },
  { name: 'bob', displayName: 'Bob (governance board)', roles: ['approver'] },
  { name: 'carol', displayName: 'Carol (governance board)', roles: ['approver'] },
  { name: 'dave', displayName: 'Dave (finance operator)', roles: ['operator'] },
  { name: 'erin', displayName: 'Erin (auditor)', roles: ['auditor'] },
  { name: 'psa-bot', displayName: 'PSA integration service account', roles: ['integration'] },
];
