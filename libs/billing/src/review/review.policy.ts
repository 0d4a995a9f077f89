import { compare, money, type Money } from '../money/billing.money';
import type { BillingContract, BillingException, CandidateApproval, ReviewPolicy } from '../model/billing.types';

/**
 * Auto-approval needs all three: the contract flag `auto`, no blocking
 * exception, and a subtotal no larger than the policy's threshold for the
 * currency (no threshold means no limit). Anything else waits for an operator.
 */
export function decideApproval(contract: BillingContract, subtotal: Money, exceptions: readonly BillingException[], policy: ReviewPolicy = {}): CandidateApproval {
  if (contract.invoiceApproval !== 'auto') return { policy: 'review', status: 'pending', reason: `Contract ${contract.id} requires review.` };
  const blocking = exceptions.filter((e) => e.blocking);
  if (blocking.length > 0) return { policy: 'review', status: 'pending', reason: `Blocking exceptions: ${blocking.map((e) => e.code).join(', ')}.` };
  const threshold = policy.autoApproveMax?.[subtotal.currency];
  if (threshold !== undefined && compare(subtotal, money(threshold, subtotal.currency)) > 0) {
    return { policy: 'review', status: 'pending', reason: `Subtotal ${subtotal.amount} ${subtotal.currency} exceeds the auto-approval threshold ${threshold}.` };
  }
  return { policy: 'auto', status: 'approved', reason: threshold === undefined ? 'Auto-approved by contract.' : `Auto-approved: within ${threshold} ${subtotal.currency}.` };
}
