import type { RetainerTerms } from '@mapwright/canonical-model';
import { BillingError } from '../errors/billing.error';
import { lineageFor } from '../lineage/line.lineage';
import { Dec, formatHours, hoursOf } from '../lines/quantity';
import { revenueAccountFor, type LineDraft } from '../lines/rate-line.builder';
import { compare, extend, fromMinor, isZero, parseDecimal, roundToMinor, sub, toMinor, zero, type Money } from '../money/billing.money';
import type { BillerInput, BillerOutput, BillingException, RevenueRelease, TransactionDisposition } from '../model/billing.types';
import { feeLine, termsMoney } from './fee-line';
import { splitAgainstAllowance } from './hours-allowance';
import { accrualsOf } from '../lines/accrual';

function termsOf(input: BillerInput): RetainerTerms {
  const terms = input.contract.retainer;
  if (!terms) throw new BillingError('BILLING_INVALID_CONTRACT', `Contract ${input.contract.id} is retainer but has no retainer terms.`, { contractId: input.contract.id });
  return terms;
}

/** Fee value of a number of hours: fee ÷ included hours, rounded once. */
function valueOfHours(terms: RetainerTerms, hours: Dec, currency: string): Money {
  const included = hoursOf(terms.includedHours, 'includedHours');
  if (included.isZero()) return zero(currency);
  return fromMinor(roundToMinor(parseDecimal(terms.fee.amount, 'retainer fee').mul(hours).div(included), currency, 'halfUp'), currency);
}

function minMoney(a: Money, b: Money): Money {
  return compare(a, b) <= 0 ? a : b;
}

function overageLine(input: BillerInput, terms: RetainerTerms, kind: 'retainerOverage' | 'prepaidOverage', hours: Dec, sources: BillerInput['transactions']): LineDraft {
  const rate = termsMoney(terms.overageRate, input.contract, 'overageRate');
  const amount = extend(hours, rate);
  return {
    kind,
    creditRole: 'revenue',
    description: `Hours beyond those included: ${formatHours(hours)} h at ${rate.amount} ${rate.currency}`,
    quantity: { value: formatHours(hours), unit: 'HUR' },
    unitPrice: rate,
    ratedAmount: amount,
    writeOff: zero(rate.currency),
    amount,
    held: false,
    // The whole accrual of these transactions, the drawn part of a crossing one included: the overage
    // price earns the hours beyond, the fee the hours drawn, so none of the time revenue stays.
    accruals: accrualsOf(sources, input.accruals),
    glAccountId: revenueAccountFor(input.revenueAccounts, undefined),
    servicePeriod: { from: input.period.from, to: input.period.to },
    lineage: lineageFor(input.contract, sources, input.correlationId, input.mappingSpec),
  };
}

function dispositionsFor(covered: BillerInput['transactions'], over: BillerInput['transactions'], what: string): Array<Omit<TransactionDisposition, 'candidateId'>> {
  return [
    ...covered.map((t) => ({ transactionId: t.id, outcome: 'absorbed' as const, reason: `within the ${what}` })),
    ...over.map((t) => ({ transactionId: t.id, outcome: 'invoiced' as const, reason: `hours beyond the ${what}, at the overage rate` })),
  ];
}

function release(input: BillerInput, reason: RevenueRelease['reason'], hours: Dec, amount: Money): RevenueRelease[] {
  return isZero(amount) && hours.isZero() ? [] : [{ contractId: input.contract.id, period: input.period, reason, hours: formatHours(hours), amount }];
}

/**
 * Recurring retainer: the period fee is invoiced to deferred revenue; hours
 * used come first from the hours carried in, then from this period's; hours
 * beyond are overage. Unused hours roll over up to the cap and the rest are
 * forfeited. Deferred revenue left equals the fee value of the hours carried
 * forward; everything else is released, split into consumed and forfeited.
 */
export function billRecurringRetainer(input: BillerInput): BillerOutput {
  const terms = termsOf(input);
  const { contract, period, transactions } = input;
  const currency = contract.currency;
  const previous = input.state.retainer ?? { rolloverHours: '0', deferredBalance: zero(currency), periodsBilled: [] };
  const periodKey = `${period.from}/${period.to}`;
  if (previous.periodsBilled.includes(periodKey)) {
    throw new BillingError('BILLING_INVALID_CONTRACT', `Retainer ${contract.id} was already billed for ${periodKey}.`, { contractId: contract.id, period: periodKey });
  }
  const fee = termsMoney(terms.fee, contract, 'retainer fee');
  const carried = parseDecimal(previous.rolloverHours, 'rollover hours');
  const available = hoursOf(terms.includedHours, 'includedHours').add(carried);
  const split = splitAgainstAllowance(transactions, available);
  const unused = available.sub(split.usedHours);
  const cap = terms.rolloverCapHours ? hoursOf(terms.rolloverCapHours, 'rolloverCapHours') : new Dec(0);
  const rollover = Dec.min(unused, cap);
  const forfeited = unused.sub(rollover);

  const balance = toMinor(previous.deferredBalance).add(toMinor(fee));
  const balanceMoney = fromMinor(balance, currency);
  const stillDeferred = minMoney(valueOfHours(terms, rollover, currency), balanceMoney);
  const released = sub(balanceMoney, stillDeferred);
  const forfeitedValue = minMoney(valueOfHours(terms, forfeited, currency), released);
  const consumedValue = sub(released, forfeitedValue);

  const lines: LineDraft[] = [feeLine(input, 'retainerFee', 'deferredRevenue', `Retainer ${period.from} to ${period.to}: ${terms.includedHours.value} h included`, fee, period, split.covered)];
  if (split.overageHours.gt(0)) lines.push(overageLine(input, terms, 'retainerOverage', split.overageHours, split.over));
  const exceptions: BillingException[] = forfeited.gt(0)
    ? [{ code: 'RETAINER_HOURS_FORFEITED', contractId: contract.id, transactionIds: [], message: `${formatHours(forfeited)} unused hours exceed the rollover cap of ${formatHours(cap)} h and are forfeited.`, blocking: false }]
    : [];
  return {
    lines,
    dispositions: dispositionsFor(split.covered, split.over, 'retainer hours'),
    exceptions,
    revenueReleases: [...release(input, 'consumed', split.usedHours, consumedValue), ...release(input, 'forfeited', forfeited, forfeitedValue)],
    state: { ...input.state, retainer: { rolloverHours: formatHours(rollover), deferredBalance: stillDeferred, periodsBilled: [...previous.periodsBilled, periodKey] } },
  };
}

/**
 * Prepaid block: the block price is invoiced once to deferred revenue; work
 * draws the hours down in date order; once exhausted (or after the block
 * lapses) hours are overage. The release that empties the block takes the
 * whole remaining balance, so rounding never strands a cent in deferred revenue.
 */
export function billPrepaidBlock(input: BillerInput): BillerOutput {
  const terms = termsOf(input);
  const { contract, period, transactions } = input;
  const currency = contract.currency;
  const fee = termsMoney(terms.fee, contract, 'retainer fee');
  const previous = input.state.prepaid ?? { blockInvoiced: false, remainingHours: formatHours(hoursOf(terms.includedHours, 'includedHours')), deferredBalance: zero(currency), expired: false };
  const lines: LineDraft[] = [];
  let balance = previous.deferredBalance;
  if (!previous.blockInvoiced) {
    lines.push(feeLine(input, 'prepaidBlock', 'deferredRevenue', `Prepaid block of ${terms.includedHours.value} h`, fee, period));
    balance = fee;
  }
  const remainingBefore = previous.expired ? new Dec(0) : parseDecimal(previous.remainingHours, 'remaining hours');
  const split = splitAgainstAllowance(transactions, remainingBefore, terms.blockExpiresOn);
  let remaining = remainingBefore.sub(split.usedHours);
  const exceptions: BillingException[] = [];
  const releases: RevenueRelease[] = [];

  const keep = remaining.isZero() ? zero(currency) : minMoney(valueOfHours(terms, remaining, currency), balance);
  releases.push(...release(input, 'consumed', split.usedHours, sub(balance, keep)));
  balance = keep;
  if (remainingBefore.gt(0) && remaining.isZero()) {
    exceptions.push({ code: 'PREPAID_EXHAUSTED', contractId: contract.id, transactionIds: split.over.map((t) => t.id), message: `Prepaid block of contract ${contract.id} is used up; further hours bill at the overage rate.`, blocking: false });
  }
  let expired = previous.expired;
  if (!expired && terms.blockExpiresOn !== undefined && terms.blockExpiresOn <= period.to) {
    expired = true;
    if (remaining.gt(0)) {
      releases.push(...release(input, 'expired', remaining, balance));
      exceptions.push({ code: 'PREPAID_EXPIRED', contractId: contract.id, transactionIds: [], message: `${formatHours(remaining)} unused prepaid hours lapsed on ${terms.blockExpiresOn}.`, blocking: false });
      remaining = new Dec(0);
      balance = zero(currency);
    }
  }
  if (split.overageHours.gt(0)) lines.push(overageLine(input, terms, 'prepaidOverage', split.overageHours, split.over));
  if (lines.length > 0 && split.covered.length > 0) {
    // Drawdown work is traced on the first line so the invoice lists every transaction it settles.
    lines[0] = { ...lines[0], lineage: lineageFor(contract, [...split.covered, ...(lines[0].kind === 'prepaidOverage' ? split.over : [])], input.correlationId, input.mappingSpec) };
  }
  return {
    lines,
    dispositions: dispositionsFor(split.covered, split.over, 'prepaid block'),
    exceptions,
    revenueReleases: releases,
    state: { ...input.state, prepaid: { blockInvoiced: true, remainingHours: formatHours(remaining), deferredBalance: balance, expired } },
  };
}

export function billRetainer(input: BillerInput): BillerOutput {
  return termsOf(input).variant === 'prepaidBlock' ? billPrepaidBlock(input) : billRecurringRetainer(input);
}
