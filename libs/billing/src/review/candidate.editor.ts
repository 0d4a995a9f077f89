import { BillingError } from '../errors/billing.error';
import { add, compare, money, sub, zero, type Money } from '../money/billing.money';
import type { BillingCandidate, CandidateLine } from '../model/billing.types';
import { candidateSubtotal } from '../run/billing-run';

export type CandidateAction = 'writeDown' | 'hold' | 'release' | 'approve' | 'reject';

/** Who changed what on a candidate, with the state before and after. */
export interface CandidateAuditRecord {
  candidateId: string;
  action: CandidateAction;
  actor: string;
  /** Supplied by the caller; billing never reads a clock. */
  at: string;
  lineId: string | null;
  reason: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface CandidateEdit {
  candidate: BillingCandidate;
  audit: CandidateAuditRecord;
}

export interface EditContext {
  actor: string;
  at: string;
  reason: string;
}

function requireReviewable(candidate: BillingCandidate, action: CandidateAction): void {
  if (candidate.status !== 'pendingReview') {
    throw new BillingError('BILLING_CANDIDATE_STATE', `Cannot ${action} candidate ${candidate.id}: it is ${candidate.status}; only candidates pending review can change.`, { candidateId: candidate.id, status: candidate.status });
  }
}

function requireReason(ctx: EditContext, action: CandidateAction): void {
  if (!ctx.actor || !ctx.at || !ctx.reason || ctx.reason.trim() === '') {
    throw new BillingError('BILLING_INVALID_EDIT', `${action} needs an actor, a time and a reason.`, { action });
  }
}

function findLine(candidate: BillingCandidate, lineId: string): CandidateLine {
  const line = candidate.lines.find((l) => l.id === lineId);
  if (!line) throw new BillingError('BILLING_UNKNOWN_LINE', `Candidate ${candidate.id} has no line ${lineId}.`, { candidateId: candidate.id, lineId });
  return line;
}

function lineView(line: CandidateLine): Record<string, unknown> {
  return { amount: line.amount.amount, writeOff: line.writeOff.amount, held: line.held, currency: line.amount.currency };
}

function withLine(candidate: BillingCandidate, updated: CandidateLine): BillingCandidate {
  const lines = candidate.lines.map((l) => (l.id === updated.id ? updated : l));
  return { ...candidate, lines, subtotal: candidateSubtotal(lines, candidate.currency) };
}

/**
 * Writes a line down by `amount` (a positive decimal string): the written-off
 * part is recorded on the line and journalled as a write-off when invoiced.
 */
export function writeDownLine(candidate: BillingCandidate, lineId: string, amount: string, ctx: EditContext): CandidateEdit {
  requireReviewable(candidate, 'writeDown');
  requireReason(ctx, 'writeDown');
  const line = findLine(candidate, lineId);
  if (line.creditRole === 'deferredRevenue') {
    // Later releases draw on the full fee held in deferred revenue; a smaller fee would release more than was deferred.
    throw new BillingError('BILLING_INVALID_EDIT', `Line ${lineId} is a fee paid in advance; hold it or amend the contract instead of writing it down.`, { lineId });
  }
  const by: Money = money(amount, candidate.currency);
  if (compare(by, zero(candidate.currency)) <= 0 || compare(by, line.amount) > 0) {
    throw new BillingError('BILLING_INVALID_EDIT', `A write-down must be more than zero and at most the line amount ${line.amount.amount}; got ${amount}.`, { lineId, amount });
  }
  const updated: CandidateLine = { ...line, writeOff: add(line.writeOff, by), amount: sub(line.amount, by) };
  return {
    candidate: withLine(candidate, updated),
    audit: { candidateId: candidate.id, action: 'writeDown', actor: ctx.actor, at: ctx.at, lineId, reason: ctx.reason, before: lineView(line), after: lineView(updated) },
  };
}

/** Holds a line: it stays on the candidate, is not invoiced, and its transactions stay unbilled. */
export function holdLine(candidate: BillingCandidate, lineId: string, ctx: EditContext): CandidateEdit {
  return setHeld(candidate, lineId, true, ctx);
}

export function releaseLine(candidate: BillingCandidate, lineId: string, ctx: EditContext): CandidateEdit {
  return setHeld(candidate, lineId, false, ctx);
}

function setHeld(candidate: BillingCandidate, lineId: string, held: boolean, ctx: EditContext): CandidateEdit {
  const action = held ? 'hold' : 'release';
  requireReviewable(candidate, action);
  requireReason(ctx, action);
  const line = findLine(candidate, lineId);
  if (line.held === held) throw new BillingError('BILLING_INVALID_EDIT', `Line ${lineId} is already ${held ? 'held' : 'not held'}.`, { lineId });
  const updated: CandidateLine = { ...line, held };
  return {
    candidate: withLine(candidate, updated),
    audit: { candidateId: candidate.id, action, actor: ctx.actor, at: ctx.at, lineId, reason: ctx.reason, before: lineView(line), after: lineView(updated) },
  };
}

/** Operator approval. Nothing to invoice (every line held or zero) cannot be approved. */
export function approveCandidate(candidate: BillingCandidate, ctx: EditContext): CandidateEdit {
  requireReviewable(candidate, 'approve');
  requireReason(ctx, 'approve');
  if (candidate.lines.every((l) => l.held)) {
    throw new BillingError('BILLING_NOTHING_TO_INVOICE', `Candidate ${candidate.id} has no line to invoice; release a line or reject it.`, { candidateId: candidate.id });
  }
  return decide(candidate, 'approve', ctx);
}

export function rejectCandidate(candidate: BillingCandidate, ctx: EditContext): CandidateEdit {
  requireReviewable(candidate, 'reject');
  requireReason(ctx, 'reject');
  return decide(candidate, 'reject', ctx);
}

function decide(candidate: BillingCandidate, action: 'approve' | 'reject', ctx: EditContext): CandidateEdit {
  const status = action === 'approve' ? 'approved' : 'rejected';
  const updated: BillingCandidate = {
    ...candidate,
    status,
    approval: { ...candidate.approval, status, decidedBy: ctx.actor, decidedAt: ctx.at, reason: ctx.reason },
  };
  return {
    candidate: updated,
    audit: { candidateId: candidate.id, action, actor: ctx.actor, at: ctx.at, lineId: null, reason: ctx.reason, before: { status: candidate.status, approval: candidate.approval.status }, after: { status, approval: status } },
  };
}
