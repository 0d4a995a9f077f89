export type Role = 'architect' | 'approver' | 'operator' | 'auditor' | 'integration';

export interface Session {
  user: string;
  roles: Role[];
  token: string;
}

export type Action = 'read' | 'edit' | 'preview' | 'submit' | 'decide' | 'publish' | 'inbox';

export interface Permission {
  allowed: boolean;
  /** Why not, in words a user can act on; empty when allowed. */
  reason: string;
}

/** Mirrors the runtime's route roles, so the UI never offers what the API would refuse. */
const ROLES_FOR: Record<Action, Role[]> = {
  read: ['architect', 'approver', 'operator', 'auditor'],
  edit: ['architect'],
  preview: ['architect', 'approver'],
  submit: ['architect'],
  decide: ['approver'],
  publish: ['approver', 'architect'],
  inbox: ['approver', 'auditor'],
};

const WHAT: Record<Action, string> = {
  read: 'read mapping specs',
  edit: 'edit mappings',
  preview: 'run previews on the runtime',
  submit: 'submit drafts for review',
  decide: 'approve or reject changes',
  publish: 'publish approved versions',
  inbox: 'see the governance inbox',
};

const ROLE_NAMES: Record<Role, string> = {
  architect: 'integration architects',
  approver: 'governance board approvers',
  operator: 'finance operators',
  auditor: 'auditors',
  integration: 'integration service accounts',
};

export function can(session: Session, action: Action): Permission {
  const needed = ROLES_FOR[action];
  if (session.roles.some((r) => needed.includes(r))) return { allowed: true, reason: '' };
  const who = needed.map((r) => ROLE_NAMES[r]).join(' or ');
  return { allowed: false, reason: `Only ${who} can ${WHAT[action]}; ${session.user} is signed in as ${session.roles.join(', ') || 'no role'}.` };
}

export interface DecisionTarget {
  author: string;
  status: string;
  approvals: { approver: string }[];
}

/** The separation-of-duties rules the runtime enforces on approve and reject. */
export function canDecide(session: Session, version: DecisionTarget): Permission {
  // Authorship first: it is the rule an author meets, whatever their role.
  if (version.author === session.user) return { allowed: false, reason: `You wrote this version; nobody approves their own change. Another board member must decide.` };
  const role = can(session, 'decide');
  if (!role.allowed) return role;
  if (version.status !== 'IN_REVIEW') return { allowed: false, reason: `This version is ${version.status}; only versions in review can be approved or rejected.` };
  if (version.approvals.some((a) => a.approver === session.user)) return { allowed: false, reason: 'You have already decided on this version; a second approver must be someone else.' };
  return { allowed: true, reason: '' };
}

export function canPublish(session: Session, version: { status: string }): Permission {
  const role = can(session, 'publish');
  if (!role.allowed) return role;
  if (version.status !== 'APPROVED') return { allowed: false, reason: `This version is ${version.status}; it needs all required approvals before it can be published.` };
  return { allowed: true, reason: '' };
}

export function canEditVersion(session: Session, version: { status: string }): Permission {
  const role = can(session, 'edit');
  if (!role.allowed) return role;
  if (version.status !== 'DRAFT') return { allowed: false, reason: `This version is ${version.status} and frozen; create a new draft to change it.` };
  return { allowed: true, reason: '' };
}

export const DEMO_USERS: { name: string; role: Role; blurb: string }[] = [
  { name: 'alice', role: 'architect', blurb: 'Integration architect — edits mappings and submits them' },
  { name: 'bob', role: 'approver', blurb: 'Governance board — approves or rejects changes' },
  { name: 'carol', role: 'approver', blurb: 'Governance board — approves or rejects changes' },
  { name: 'dave', role: 'operator', blurb: 'Finance operator — reads mappings' },
  { name: 'erin', role: 'auditor', blurb: 'Auditor — reads mappings, evidence and the inbox' },
  { name: 'psa-bot', role: 'integration', blurb: 'Integration account — calls the transform API only' },
];
