import type { Lineage } from '@mapwright/canonical-model';
import { BillingError } from '../errors/billing.error';
import { Dec, fromMinor, parseDecimal, roundToMinor, toMinor } from '../money/billing.money';
import type { AbsorbedWork, RevenueRelease } from '../model/billing.types';
import { absorbedPostings, type BillingAccounts, type BillingJournal, type BillingJournalLine, type Posting } from './invoice-journal.builder';

export interface ReleaseJournalInput {
  journalId: string;
  legalEntityId: string;
  /** Posting date, usually the period end. */
  date: string;
  releases: readonly RevenueRelease[];
  accounts: BillingAccounts;
  postingRule: { id: string; version: number };
  correlationId: string;
  /** Absorbed time of contracts with no invoice this run; its accrual is reversed here. */
  absorbed?: readonly AbsorbedWork[];
  /** Functional currency and rate; absent means the release currency at rate 1. */
  fx?: { functionalCurrency: string; rate: string };
}

/**
 * Fee-contract movements outside an invoice: deferred revenue released
 * (prepaid drawdown, lapsed or forfeited hours: Dr deferred revenue, Cr
 * revenue) and the accrual reversal of absorbed time (Dr revenue, Cr
 * unbilled). Each pair converts at one rate, so the journal balances in
 * both currencies.
 */
export function buildRevenueReleaseJournal(input: ReleaseJournalInput): BillingJournal {
  const postings: Posting[] = [];
  for (const r of input.releases) {
    const text = `${r.reason} ${r.hours} h, ${r.period.from} to ${r.period.to}`;
    const lineage: Lineage = { contractId: r.contractId, correlationId: input.correlationId };
    postings.push(
      { role: 'deferredRevenueRelease', account: input.accounts.deferredRevenue, side: 'debit', amount: r.amount, rate: input.fx?.rate ?? '1', description: `Deferred revenue released: ${text}`, lineage },
      { role: 'revenueRelease', account: input.accounts.revenue, side: 'credit', amount: r.amount, rate: input.fx?.rate ?? '1', description: `Revenue recognised: ${text}`, lineage },
    );
  }
  for (const work of input.absorbed ?? []) {
    const currency = work.transactions[0]?.amount.currency ?? input.releases[0]?.amount.currency ?? '';
    postings.push(...absorbedPostings(work.transactions, work.contractId, currency, input.fx?.rate ?? '1', input.accounts, input.correlationId));
  }
  const live = postings.filter((p) => !toMinor(p.amount).isZero());
  if (live.length === 0) throw new BillingError('BILLING_NOTHING_TO_INVOICE', `Journal ${input.journalId} has nothing to post.`, { journalId: input.journalId });
  const currencies = new Set(live.map((p) => p.amount.currency));
  if (currencies.size > 1) throw new BillingError('BILLING_CURRENCY_MISMATCH', `Journal ${input.journalId} mixes ${[...currencies].join(', ')}; post one journal per currency.`, { journalId: input.journalId });
  const currency = live[0].amount.currency;
  const fc = input.fx?.functionalCurrency ?? currency;
  const zeroTx = fromMinor(new Dec(0), currency).amount;
  const zeroFn = fromMinor(new Dec(0), fc).amount;
  const lines: BillingJournalLine[] = live.map((p, i) => {
    const functional = fromMinor(roundToMinor(parseDecimal(p.amount.amount, 'amount').mul(parseDecimal(p.rate, 'fx rate')), fc), fc).amount;
    return {
      id: `${input.journalId}:${i + 1}`, externalRefs: [], lineNumber: i + 1, role: p.role, glAccountId: p.account, description: p.description,
      debit: p.side === 'debit' ? p.amount.amount : zeroTx, credit: p.side === 'credit' ? p.amount.amount : zeroTx, currency, fxRate: p.rate,
      functionalDebit: p.side === 'debit' ? functional : zeroFn, functionalCredit: p.side === 'credit' ? functional : zeroFn, functionalCurrency: fc,
      lineage: { ...(p.lineage as Lineage), postingRuleId: input.postingRule.id, postingRuleVersion: input.postingRule.version },
    };
  });
  const contractIds = [...new Set(live.map((p) => (p.lineage as Lineage).contractId ?? ''))].sort();
  return {
    id: input.journalId, externalRefs: [], legalEntityId: input.legalEntityId, date: input.date, period: input.date.slice(0, 7), functionalCurrency: fc,
    description: `Fee contracts: revenue released and absorbed time settled, ${input.date}`, sourceType: 'accrual', sourceId: contractIds.join(','), lines,
    postingRuleId: input.postingRule.id, postingRuleVersion: input.postingRule.version, status: 'draft',
    idempotencyKey: `billing:release:${input.journalId}:${input.postingRule.id}@${input.postingRule.version}`, correlationId: input.correlationId,
  };
}
