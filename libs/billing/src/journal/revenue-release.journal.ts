import type { Lineage } from '@mapwright/canonical-model';
import { BillingError } from '../errors/billing.error';
import { Dec, fromMinor, parseDecimal, roundToMinor, toMinor } from '../money/billing.money';
import type { RevenueRelease } from '../model/billing.types';
import type { BillingAccounts, BillingJournal, BillingJournalLine } from './invoice-journal.builder';

export interface ReleaseJournalInput {
  journalId: string;
  legalEntityId: string;
  /** Posting date, usually the period end. */
  date: string;
  releases: readonly RevenueRelease[];
  accounts: BillingAccounts;
  postingRule: { id: string; version: number };
  correlationId: string;
  /** Functional currency and rate; absent means the release currency at rate 1. */
  fx?: { functionalCurrency: string; rate: string };
}

/**
 * Deferred revenue released outside an invoice (prepaid drawdown, lapsed
 * hours): Dr deferred revenue, Cr revenue, one pair per release. Both lines of
 * a pair convert at one rate, so the journal balances in both currencies.
 */
export function buildRevenueReleaseJournal(input: ReleaseJournalInput): BillingJournal {
  const releases = input.releases.filter((r) => !toMinor(r.amount).isZero());
  if (releases.length === 0) throw new BillingError('BILLING_NOTHING_TO_INVOICE', `Journal ${input.journalId} has no release to post.`, { journalId: input.journalId });
  const currencies = new Set(releases.map((r) => r.amount.currency));
  if (currencies.size > 1) throw new BillingError('BILLING_CURRENCY_MISMATCH', `Journal ${input.journalId} mixes ${[...currencies].join(', ')}; post one journal per currency.`, { journalId: input.journalId });
  const currency = releases[0].amount.currency;
  const fc = input.fx?.functionalCurrency ?? currency;
  const rate = input.fx?.rate ?? '1';
  const lines: BillingJournalLine[] = [];
  const zeroTx = fromMinor(new Dec(0), currency).amount;
  const zeroFn = fromMinor(new Dec(0), fc).amount;
  for (const r of releases) {
    const functional = fromMinor(roundToMinor(parseDecimal(r.amount.amount, 'release').mul(parseDecimal(rate, 'fx rate')), fc), fc).amount;
    const lineage: Lineage = { contractId: r.contractId, correlationId: input.correlationId, postingRuleId: input.postingRule.id, postingRuleVersion: input.postingRule.version };
    const text = `${r.reason} ${r.hours} h, ${r.period.from} to ${r.period.to}`;
    for (const side of ['debit', 'credit'] as const) {
      lines.push({
        id: `${input.journalId}:${lines.length + 1}`, externalRefs: [], lineNumber: lines.length + 1,
        role: side === 'debit' ? 'deferredRevenueRelease' : 'revenueRelease', glAccountId: side === 'debit' ? input.accounts.deferredRevenue : input.accounts.revenue,
        description: side === 'debit' ? `Deferred revenue released: ${text}` : `Revenue recognised: ${text}`,
        debit: side === 'debit' ? r.amount.amount : zeroTx, credit: side === 'credit' ? r.amount.amount : zeroTx, currency, fxRate: rate,
        functionalDebit: side === 'debit' ? functional : zeroFn, functionalCredit: side === 'credit' ? functional : zeroFn, functionalCurrency: fc, lineage,
      });
    }
  }
  return {
    id: input.journalId, externalRefs: [], legalEntityId: input.legalEntityId, date: input.date, period: input.date.slice(0, 7), functionalCurrency: fc,
    description: `Deferred revenue released ${input.date}`, sourceType: 'accrual', sourceId: releases[0].contractId, lines,
    postingRuleId: input.postingRule.id, postingRuleVersion: input.postingRule.version, status: 'draft',
    idempotencyKey: `billing:release:${input.journalId}:${input.postingRule.id}@${input.postingRule.version}`, correlationId: input.correlationId,
  };
}
