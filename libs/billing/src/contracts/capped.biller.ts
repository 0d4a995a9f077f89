import type { BillableTransaction } from '@mapwright/canonical-model';
import { BillingError } from '../errors/billing.error';
import { buildRateLines, byDateThenId } from '../lines/rate-line.builder';
import { Dec, add, compare, fromMinor, parseDecimal, roundToMinor, sub, sum, toMinor, zero, type Money } from '../money/billing.money';
import type { BillerInput, BillerOutput, BillingException, TransactionDisposition } from '../model/billing.types';
import { termsMoney } from './fee-line';

/**
 * Not-to-exceed billing. When everything billed so far plus this run stays
 * within cap × (1 + tolerance), all of it is billed. Otherwise billing stops
 * at the cap itself and the contract's policy takes the excess:
 *   block    – over-cap transactions are held and the candidate goes to review;
 *   writeOff – the excess is written off (the crossing transaction in part);
 *   defer    – over-cap transactions wait for a later run (e.g. a raised cap).
 * Transactions are taken in date order; none is skipped to squeeze a later one in.
 */
export function billCapped(input: BillerInput): BillerOutput {
  const { contract, transactions, state, revenueAccounts, correlationId, mappingSpec } = input;
  const terms = contract.cap;
  if (!terms) throw new BillingError('BILLING_INVALID_CONTRACT', `Contract ${contract.id} is capped but has no cap terms.`, { contractId: contract.id });
  const currency = contract.currency;
  const cap = termsMoney(terms.capAmount, contract, 'capAmount');
  const billedBefore = state.capBilledToDate ?? zero(currency);
  const tolerance = parseDecimal(terms.tolerancePercent, 'tolerancePercent');
  const limit = fromMinor(roundToMinor(parseDecimal(cap.amount, 'cap').mul(tolerance.add(100)).div(100), currency, 'down'), currency);
  const ordered = [...transactions].sort(byDateThenId);
  const total = sum(ordered.map((t) => t.amount), currency);

  const billed: BillableTransaction[] = [];
  const over: BillableTransaction[] = [];
  const writeOffs = new Map<string, Money>();
  if (compare(add(billedBefore, total), limit) <= 0) {
    billed.push(...ordered);
  } else {
    let headroom = Dec.max(toMinor(cap).sub(toMinor(billedBefore)), 0);
    for (const tx of ordered) {
      const amount = toMinor(tx.amount);
      if (over.length === 0 && amount.lte(headroom)) {
        billed.push(tx);
        headroom = headroom.sub(amount);
        continue;
      }
      if (terms.overCapPolicy === 'writeOff') {
        // The crossing transaction is billed up to the cap; the rest of it, and all later ones, are written off.
        billed.push(tx);
        writeOffs.set(tx.id, fromMinor(amount.sub(headroom), currency));
        headroom = new Dec(0);
        if (amount.gt(0)) over.push(tx);
      } else {
        over.push(tx);
      }
    }
  }

  const lines = buildRateLines(contract, billed, writeOffs, revenueAccounts, correlationId, mappingSpec, input.accruals);
  const billedAmount = lines.reduce((acc, l) => add(acc, l.amount), zero(currency));
  const billedToDate = add(billedBefore, billedAmount);
  const overIds = over.map((t) => t.id);
  const exceptions: BillingException[] = [];
  const dispositions: Array<Omit<TransactionDisposition, 'candidateId'>> = [];
  for (const tx of billed) {
    const wo = writeOffs.get(tx.id);
    if (wo && compare(wo, tx.amount) === 0) dispositions.push({ transactionId: tx.id, outcome: 'writtenOff', writeOff: wo, reason: 'over the cap; written off' });
    else dispositions.push({ transactionId: tx.id, outcome: 'invoiced', ...(wo ? { writeOff: wo } : {}), reason: wo ? 'billed up to the cap; the excess written off' : 'within the cap' });
  }
  if (overIds.length > 0) {
    const excess = sub(add(billedBefore, total), cap);
    const text = `Contract ${contract.id} would reach ${add(billedBefore, total).amount} ${currency} against a cap of ${cap.amount} (limit with tolerance ${limit.amount}); ${excess.amount} over`;
    if (terms.overCapPolicy === 'block') {
      exceptions.push({ code: 'CAP_BLOCKED', contractId: contract.id, transactionIds: overIds, message: `${text}. Over-cap transactions are held until the cap is raised or they are written off.`, blocking: true });
      dispositions.push(...over.map((t) => ({ transactionId: t.id, outcome: 'blocked' as const, reason: 'over the cap; held' })));
    } else if (terms.overCapPolicy === 'defer') {
      exceptions.push({ code: 'CAP_DEFERRED', contractId: contract.id, transactionIds: overIds, message: `${text}. Over-cap transactions are deferred to a later run.`, blocking: false });
      dispositions.push(...over.map((t) => ({ transactionId: t.id, outcome: 'deferred' as const, reason: 'over the cap; deferred' })));
    } else {
      exceptions.push({ code: 'CAP_WRITTEN_OFF', contractId: contract.id, transactionIds: overIds, message: `${text}. The excess is written off.`, blocking: false });
    }
  }
  if (terms.warnAtPercent !== undefined) {
    const warnAt = parseDecimal(cap.amount, 'cap').mul(parseDecimal(terms.warnAtPercent, 'warnAtPercent')).div(100);
    if (parseDecimal(billedToDate.amount, 'billed').gte(warnAt)) {
      exceptions.push({ code: 'CAP_WARNING', contractId: contract.id, transactionIds: [], message: `Billed to date ${billedToDate.amount} ${currency} has reached ${terms.warnAtPercent}% of the cap ${cap.amount}.`, blocking: false });
    }
  }
  return { lines, dispositions, exceptions, revenueReleases: [], state: { ...state, capBilledToDate: billedToDate } };
}
