import { describe, expect, it } from 'vitest';
import { can, canDecide, canEditVersion, canPublish, Session } from './permissions';

const as = (user: string, role: Session['roles'][number]): Session => ({ user, roles: [role], token: 't' });

describe('permissions mirror the runtime route roles', () => {
  it('grants by role', () => {
    expect(can(as('alice', 'architect'), 'edit').allowed).toBe(true);
    expect(can(as('bob', 'approver'), 'edit').allowed).toBe(false);
    expect(can(as('erin', 'auditor'), 'inbox').allowed).toBe(true);
    expect(can(as('alice', 'architect'), 'inbox').allowed).toBe(false);
    expect(can(as('psa-bot', 'integration'), 'read').reason).toBe('Only integration architects or governance board approvers or finance operators or auditors can read mapping specs; psa-bot is signed in as integration.');
  });

  it('separation of duties on decisions', () => {
    const v = { author: 'alice', status: 'IN_REVIEW', approvals: [{ approver: 'carol' }] };
    expect(canDecide(as('alice', 'approver'), v).allowed).toBe(false);
    expect(canDecide(as('carol', 'approver'), v).allowed).toBe(false);
    expect(canDecide(as('bob', 'approver'), v).allowed).toBe(true);
    expect(canDecide(as('bob', 'approver'), { ...v, status: 'DRAFT' }).reason).toContain('only versions in review');
  });

  it('publish needs APPROVED; editing needs a DRAFT', () => {
    expect(canPublish(as('alice', 'architect'), { status: 'APPROVED' }).allowed).toBe(true);
    expect(canPublish(as('dave', 'operator'), { status: 'APPROVED' }).allowed).toBe(false);
    expect(canEditVersion(as('alice', 'architect'), { status: 'PUBLISHED' }).reason).toContain('create a new draft');
  });
});
