import type { BillableTransaction } from '@mapwright/canonical-model';
import { billCapped } from '../contracts/capped.biller';
import { billFixedFee } from '../contracts/fixed-fee.biller';
import { billMilestones } from '../contracts/milestone.biller';
import { billRetainer } from '../contracts/retainer.biller';
import { billTimeAndMaterials } from '../contracts/time-and-materials.biller';
import { BillingError } from '../errors/billing.error';
import { add, zero } from '../money/billing.money';
import type {
  AbsorbedWork, BillerInput, BillerOutput, BillingCandidate, BillingContract, BillingException, BillingRunInput, BillingRunResult, CandidateLine, ContractBillingState, RevenueRelease, TransactionDisposition,
} from '../model/billing.types';
import { decideApproval } from '../review/review.policy';
import { accrualOf } from '../lines/accrual';

const BILLERS: Record<BillingContract['type'], (input: BillerInput) => BillerOutput> = {
  timeAndMaterials: billTimeAndMaterials,
  fixedFee: billFixedFee,
  milestone: billMilestones,
  retainer: billRetainer,
  capped: billCapped,
};

/** Sums amounts of the lines that will be invoiced (held lines are not). */
export function candidateSubtotal(lines: readonly CandidateLine[], currency: string) {
  return lines.filter((l) => !l.held).reduce((acc, l) => add(acc, l.amount), zero(currency));
}

function skip(tx: BillableTransaction, reason: string): TransactionDisposition {
  return { transactionId: tx.id, outcome: 'skipped', candidateId: null, reason };
}

function contractApplies(contract: BillingContract, period: BillingRunInput['period']): boolean {
  const from = contract.effectivePeriod.validFrom;
  const to = contract.effectivePeriod.validTo;
  return contract.status === 'active' && from <= period.to && (to === undefined || to > period.from);
}

/**
 * One billing run: eligible transactions (status `unbilled`, dated in the
 * period, carrying a contract) are grouped by contract, customer and
 * currency; each group goes to its contract type's biller; every contract
 * with something to bill gets one candidate, approved or sent to review.
 * Fee contracts (fixed fee, milestone, retainer) are billed even with no time.
 */
export function runBilling(input: BillingRunInput): BillingRunResult {
  const { period } = input;
  const isoDate = /^\d{4}-\d{2}-\d{2}$/;
  if (!isoDate.test(period.from) || !isoDate.test(period.to) || period.from > period.to) {
    throw new BillingError('BILLING_INVALID_PERIOD', `Billing period ${period.from} to ${period.to} must be two ISO dates, the first not after the second.`, { period });
  }
  const byId = new Map(input.contracts.map((c) => [c.id, c]));
  const dispositions: TransactionDisposition[] = [];
  const exceptions: BillingException[] = [];
  const groups = new Map<string, { contract: BillingContract; customerId: string; currency: string; transactions: BillableTransaction[] }>();

  for (const contract of [...input.contracts].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (contractApplies(contract, period) && contract.type !== 'timeAndMaterials' && contract.type !== 'capped') {
      groups.set([contract.id, contract.customerId, contract.currency].join('\u0000'), { contract, customerId: contract.customerId, currency: contract.currency, transactions: [] });
    }
  }
  for (const tx of input.transactions) {
    if (tx.status !== 'unbilled') { dispositions.push(skip(tx, `status ${tx.status}`)); continue; }
    if (tx.date < period.from || tx.date > period.to) { dispositions.push(skip(tx, 'outside the billing period')); continue; }
    const live = input.ledger?.liveInvoiceOf(tx.id) ?? null;
    if (live !== null) {
      // The stored status says unbilled but the ledger disagrees: never bill twice, and tell finance.
      exceptions.push({ code: 'ALREADY_BILLED', contractId: tx.contractId ?? null, transactionIds: [tx.id], message: `Transaction ${tx.id} is unbilled in the store but on live invoice ${live}; correct its status.`, blocking: true });
      dispositions.push(skip(tx, `already on live invoice ${live}`));
      continue;
    }
    const contract = tx.contractId ? byId.get(tx.contractId) : undefined;
    if (!contract) {
      exceptions.push({ code: 'CONTRACT_MISSING', contractId: tx.contractId ?? null, transactionIds: [tx.id], message: `Transaction ${tx.id} names no known contract; assign one before billing.`, blocking: true });
      dispositions.push(skip(tx, 'no contract'));
      continue;
    }
    if (!contractApplies(contract, period)) {
      exceptions.push({ code: 'CONTRACT_NOT_ACTIVE', contractId: contract.id, transactionIds: [tx.id], message: `Contract ${contract.id} is ${contract.status} or not effective in the period.`, blocking: true });
      dispositions.push(skip(tx, 'contract not active'));
      continue;
    }
    if (tx.amount.currency !== contract.currency || tx.customerId !== contract.customerId) {
      exceptions.push({ code: 'CURRENCY_MISMATCH', contractId: contract.id, transactionIds: [tx.id], message: `Transaction ${tx.id} (${tx.customerId}, ${tx.amount.currency}) does not match contract ${contract.id} (${contract.customerId}, ${contract.currency}).`, blocking: true });
      dispositions.push(skip(tx, 'customer or currency differs from the contract'));
      continue;
    }
    const key = [contract.id, tx.customerId, tx.amount.currency].join('\u0000');
    const group = groups.get(key) ?? { contract, customerId: tx.customerId, currency: tx.amount.currency, transactions: [] };
    group.transactions.push(tx);
    groups.set(key, group);
  }

  const candidates: BillingCandidate[] = [];
  const releases: RevenueRelease[] = [];
  const standalone: RevenueRelease[] = [];
  const standaloneAbsorbed: AbsorbedWork[] = [];
  const states: Record<string, ContractBillingState> = { ...(input.states ?? {}) };
  for (const group of [...groups.values()].sort((a, b) => (a.contract.id < b.contract.id ? -1 : 1))) {
    const { contract } = group;
    const out = BILLERS[contract.type]({
      contract, transactions: group.transactions, period, state: states[contract.id] ?? {},
      revenueAccounts: input.revenueAccounts, correlationId: input.correlationId, mappingSpec: input.mappingSpec, accruals: input.accruals,
    });
    states[contract.id] = out.state;
    exceptions.push(...out.exceptions);
    releases.push(...out.revenueReleases);
    const candidateId = out.lines.length > 0 ? `${input.billingRunId}:${contract.id}` : null;
    const byTx = new Map(group.transactions.map((t) => [t.id, t]));
    const absorbed = out.dispositions.filter((d) => d.outcome === 'absorbed').map((d) => accrualOf(byTx.get(d.transactionId) as BillableTransaction, input.accruals)).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (candidateId === null) {
      standalone.push(...out.revenueReleases);
      if (absorbed.length > 0) standaloneAbsorbed.push({ contractId: contract.id, transactions: absorbed });
    }
    dispositions.push(...out.dispositions.map((d) => ({ ...d, candidateId: d.outcome === 'invoiced' || d.outcome === 'writtenOff' || d.outcome === 'absorbed' ? candidateId : null })));
    if (candidateId === null) continue;
    const lines: CandidateLine[] = out.lines.map((l, i) => ({ ...l, id: `${candidateId}:${i + 1}`, lineNumber: i + 1 }));
    const subtotal = candidateSubtotal(lines, group.currency);
    const txIds = out.dispositions.filter((d) => d.outcome === 'invoiced' || d.outcome === 'writtenOff' || d.outcome === 'absorbed').map((d) => d.transactionId).sort();
    const approval = decideApproval(contract, subtotal, out.exceptions, input.reviewPolicy);
    candidates.push({
      id: candidateId, billingRunId: input.billingRunId, legalEntityId: contract.legalEntityId, customerId: group.customerId,
      contractId: contract.id, contractVersion: contract.version,
      projectIds: [...new Set([...contract.projectIds, ...group.transactions.map((t) => t.projectId)])].sort(),
      period, currency: group.currency, lines, subtotal, billableTransactionIds: txIds, approval,
      exceptions: out.exceptions, revenueReleases: out.revenueReleases, absorbedTransactions: absorbed,
      status: approval.status === 'approved' ? 'approved' : 'pendingReview', correlationId: input.correlationId,
    });
  }
  return { candidates, dispositions, exceptions, revenueReleases: releases, standaloneReleases: standalone, standaloneAbsorbed, states };
}
