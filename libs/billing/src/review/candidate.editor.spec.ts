import { runBilling } from '../run/billing-run';
import { contract, runInput, tx } from '../testing/billing.fixtures';
import { approveCandidate, holdLine, rejectCandidate, releaseLine, writeDownLine } from './candidate.editor';

const ctx = { actor: 'dave', at: '2026-04-02T09:00:00Z', reason: 'agreed goodwill' };
function reviewCandidate() {
  return runBilling(runInput([contract({ invoiceApproval: 'review' })], [
    tx({ id: 'a', hours: '2', rate: { amount: '100.00', currency: 'USD' } }),
    tx({ id: 'b', hours: '1', rate: { amount: '150.00', currency: 'USD' } }),
  ])).candidates[0];
}

describe('candidate review edits', () => {
  it('writes a line down and records who, what, before and after', () => {
    const candidate = reviewCandidate();
    const { candidate: edited, audit } = writeDownLine(candidate, candidate.lines[0].id, '50.00', ctx);
    expect(edited.lines[0]).toMatchObject({ ratedAmount: { amount: '200.00' }, writeOff: { amount: '50.00' }, amount: { amount: '150.00' } });
    expect(edited.subtotal.amount).toBe('300.00');
    expect(candidate.subtotal.amount).toBe('350.00');
    expect(audit).toEqual({
      candidateId: candidate.id, action: 'writeDown', actor: 'dave', at: ctx.at, lineId: candidate.lines[0].id, reason: 'agreed goodwill',
      before: { amount: '200.00', writeOff: '0.00', held: false, currency: 'USD' }, after: { amount: '150.00', writeOff: '50.00', held: false, currency: 'USD' },
    });
  });

  it('refuses write-downs beyond the line, without a reason, or once approved', () => {
    const candidate = reviewCandidate();
    expect(() => writeDownLine(candidate, candidate.lines[0].id, '200.01', ctx)).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_EDIT' }));
    expect(() => writeDownLine(candidate, candidate.lines[0].id, '10.00', { ...ctx, reason: ' ' })).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_EDIT' }));
    expect(() => writeDownLine(candidate, 'nope', '10.00', ctx)).toThrow(expect.objectContaining({ code: 'BILLING_UNKNOWN_LINE' }));
    const approved = approveCandidate(candidate, ctx).candidate;
    expect(() => writeDownLine(approved, candidate.lines[0].id, '10.00', ctx)).toThrow(expect.objectContaining({ code: 'BILLING_CANDIDATE_STATE' }));
  });

  it('refuses to write down a fee held in deferred revenue', () => {
    const retainer = contract({ invoiceApproval: 'review', type: 'retainer', retainer: { variant: 'recurring', period: 'month', fee: { amount: '900.00', currency: 'USD' }, includedHours: { value: '10', unit: 'HUR' }, overageRate: { amount: '100.00', currency: 'USD' } } });
    const candidate = runBilling(runInput([retainer], [])).candidates[0];
    expect(() => writeDownLine(candidate, candidate.lines[0].id, '100.00', ctx)).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_EDIT' }));
  });

  it('holds and releases a line, leaving it out of the subtotal meanwhile', () => {
    const candidate = reviewCandidate();
    const held = holdLine(candidate, candidate.lines[1].id, ctx);
    expect(held.candidate.subtotal.amount).toBe('200.00');
    expect(held.audit).toMatchObject({ action: 'hold', before: { held: false }, after: { held: true } });
    expect(() => holdLine(held.candidate, candidate.lines[1].id, ctx)).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_EDIT' }));
    const released = releaseLine(held.candidate, candidate.lines[1].id, ctx);
    expect(released.candidate.subtotal.amount).toBe('350.00');
  });

  it('approves or rejects with the decision recorded, and will not approve a fully held candidate', () => {
    const candidate = reviewCandidate();
    const approved = approveCandidate(candidate, ctx);
    expect(approved.candidate).toMatchObject({ status: 'approved', approval: { policy: 'review', status: 'approved', decidedBy: 'dave', decidedAt: ctx.at } });
    expect(approved.audit).toMatchObject({ action: 'approve', before: { status: 'pendingReview' }, after: { status: 'approved' } });
    expect(rejectCandidate(candidate, ctx).candidate.status).toBe('rejected');
    const allHeld = candidate.lines.reduce((c, l) => holdLine(c, l.id, ctx).candidate, candidate);
    expect(() => approveCandidate(allHeld, ctx)).toThrow(expect.objectContaining({ code: 'BILLING_NOTHING_TO_INVOICE' }));
  });
});
