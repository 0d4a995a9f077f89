import {
  allocateNumber, approveCandidate, buildInvoiceJournal, buildRevenueReleaseJournal, finaliseInvoice, holdLine, rejectCandidate, releaseLine, runBilling,
  writeDownLine, type AbsorbedWork, type BillingInvoice, type CandidateEdit, type ContractBillingState, type EditContext, type RevenueRelease,
} from '@mapwright/billing';
import { CURRENCY_MINOR_UNITS, type BillableTransaction } from '@mapwright/canonical-model';
import { fxRateFor } from '@mapwright/posting';
import Decimal from 'decimal.js';
import type { BillingRunEvent, FinaliseEvent, ReviewEvent, ScenarioLegalEntity } from '../model/scenario.types';
import {
  codedError, commitNumber, documentFx, isoAt, nextNumber, paymentTerms, raise, revenueAccounts, type SimulationState,
} from './simulation.state';

function sumAmounts(amounts: ReadonlyArray<{ amount: string; currency: string }>, currency: string): { amount: string; currency: string } {
  const total = amounts.reduce((n, a) => n.add(a.amount), new Decimal(0));
  return { amount: total.toFixed(CURRENCY_MINOR_UNITS[currency as keyof typeof CURRENCY_MINOR_UNITS] ?? 2), currency };
}

/** Fee-contract releases and absorbed time with no invoice this run: one journal per currency, at the run's period end. */
function releaseJournals(st: SimulationState, runId: string, legalEntityId: string, date: string, releases: RevenueRelease[], absorbed: AbsorbedWork[]): void {
  const currencies = new Set([...releases.map((r) => r.amount.currency), ...absorbed.flatMap((w) => w.transactions.map((t) => t.amount.currency))]);
  for (const currency of [...currencies].sort()) {
    const fx = documentFx(st, legalEntityId, currency, date, date);
    const journal = buildRevenueReleaseJournal({
      journalId: `je:${runId}:releases:${currency}`, legalEntityId, date,
      releases: releases.filter((r) => r.amount.currency === currency),
      absorbed: absorbed.map((w) => ({ ...w, transactions: w.transactions.filter((t) => t.amount.currency === currency) })).filter((w) => w.transactions.length > 0),
      accounts: st.accounts, postingRule: st.billingRule, correlationId: st.correlationId,
      ...(fx ? { fx: { functionalCurrency: fx.functionalCurrency, rate: fx.rate } } : {}),
    });
    st.journals.push({ ...journal, origin: 'billing' });
  }
}

function setStatus(st: SimulationState, id: string, patch: Partial<BillableTransaction>): void {
  const tx = st.transactions.get(id);
  if (tx) st.transactions.set(id, { ...tx, ...patch });
}

export function onBillingRun(st: SimulationState, ev: BillingRunEvent, eventIndex: number): void {
  st.billingRuns += 1;
  const runId = ev.id ?? `run-${st.billingRuns}`;
  const period = { from: ev.periodStart ?? `${ev.periodEnd.slice(0, 8)}01`, to: ev.periodEnd };
  const only = ev.contractIds ? new Set(ev.contractIds) : null;
  const contracts = [...st.contracts.values()].filter((c) => c.legalEntityId === ev.legalEntityId && (!only || only.has(c.id)));
  // A contract filter narrows the transactions too, so other contracts' work is not reported as missing a contract.
  const transactions = [...st.transactions.values()].filter((t) => t.legalEntityId === ev.legalEntityId && t.status === 'unbilled' && (!only || (t.contractId !== undefined && only.has(t.contractId))));
  let result;
  try {
    result = runBilling({
      billingRunId: runId, correlationId: st.correlationId, period, contracts, transactions, states: st.contractStates,
      revenueAccounts: revenueAccounts(st), reviewPolicy: st.policies.reviewPolicy, ledger: st.ledger,
      accruals: Object.fromEntries(transactions.map((t) => [t.id, st.accruals.get(t.id) ?? t.amount])),
    });
  } catch (err) {
    const { code, message } = codedError(err);
    raise(st, eventIndex, 'billing', code, message);
    return;
  }
  for (const x of result.exceptions) {
    raise(st, eventIndex, 'billing', x.code, x.message, { blocking: x.blocking, transactionIds: x.transactionIds, ...(x.contractId ? { contractId: x.contractId } : {}) });
  }
  const withCandidate = new Set(result.candidates.map((c) => c.contractId));
  for (const candidate of result.candidates) {
    st.candidates.set(candidate.id, {
      candidate, pendingState: result.states[candidate.contractId], dispositions: result.dispositions.filter((d) => d.candidateId === candidate.id),
    });
  }
  for (const c of contracts) {
    if (!withCandidate.has(c.id) && result.states[c.id]) st.contractStates[c.id] = result.states[c.id];
  }
  for (const d of result.dispositions) {
    if (d.outcome === 'deferred') setStatus(st, d.transactionId, { status: 'deferred' });
    else if (d.outcome === 'blocked') setStatus(st, d.transactionId, { status: 'onHold' });
    else if (d.outcome === 'absorbed' && d.candidateId === null) setStatus(st, d.transactionId, { status: 'billed' });
  }
  if (result.standaloneReleases.length > 0 || result.standaloneAbsorbed.length > 0) {
    releaseJournals(st, runId, ev.legalEntityId, period.to, result.standaloneReleases, result.standaloneAbsorbed);
  }
  if (ev.finaliseApproved) {
    for (const c of result.candidates) {
      if (c.status === 'approved') finalise(st, c.id, ev.date ?? ev.periodEnd, eventIndex);
    }
  }
}

export function onReview(st: SimulationState, ev: ReviewEvent, eventIndex: number): void {
  const record = st.candidates.get(ev.candidateId);
  if (!record) {
    raise(st, eventIndex, 'review', 'UNKNOWN_CANDIDATE', `No billing run proposed candidate ${ev.candidateId}.`);
    return;
  }
  const ctx: EditContext = { actor: ev.by, at: isoAt(ev.date), reason: ev.reason ?? ev.action };
  const lineId = `${ev.candidateId}:${ev.lineNumber ?? 0}`;
  try {
    const edit: CandidateEdit = ev.action === 'approve' ? approveCandidate(record.candidate, ctx)
      : ev.action === 'reject' ? rejectCandidate(record.candidate, ctx)
        : ev.action === 'hold' ? holdLine(record.candidate, lineId, ctx)
          : ev.action === 'release' ? releaseLine(record.candidate, lineId, ctx)
            : writeDownLine(record.candidate, lineId, ev.amount as string, ctx);
    record.candidate = edit.candidate;
    st.audit.push(edit.audit);
  } catch (err) {
    const { code, message } = codedError(err);
    raise(st, eventIndex, 'review', code, message, { contractId: record.candidate.contractId });
  }
}

export function onFinalise(st: SimulationState, ev: FinaliseEvent, eventIndex: number): void {
  finalise(st, ev.candidateId, ev.date, eventIndex, ev.purchaseOrderNumber);
}

/**
 * The rate unbilled was accrued at: posting converts each entry at its work
 * date's rate, so the invoice relieves unbilled at those rates' amount-weighted
 * mean (exact when they agree, as within one rate period).
 */
function accrualRate(st: SimulationState, transactionIds: readonly string[]): ((currency: string, fc: string) => string) {
  return (currency, functionalCurrency) => {
    const txs = transactionIds.map((id) => st.transactions.get(id)).filter((t): t is BillableTransaction => t !== undefined && t.amount.currency === currency);
    const rates = txs.map((t) => fxRateFor({ functionalCurrency, rates: st.fxRates }, currency, t.date));
    if (rates.length === 0) return '';
    if (rates.every((r) => r.eq(rates[0]))) return rates[0].toString();
    const total = txs.reduce((n, t) => n.add(t.amount.amount), new Decimal(0));
    if (total.isZero()) return rates[0].toString();
    return txs.reduce((n, t, i) => n.add(rates[i].mul(t.amount.amount)), new Decimal(0)).div(total).toDecimalPlaces(12).toString();
  };
}

/** Capped contracts carry what was actually invoiced, which review may have cut below the proposal. */
function nextState(st: SimulationState, invoice: BillingInvoice, proposed: ContractBillingState | undefined): ContractBillingState | undefined {
  const contract = st.contracts.get(invoice.contractId);
  if (contract?.type !== 'capped' || !proposed) return proposed;
  const before = st.contractStates[invoice.contractId]?.capBilledToDate?.amount ?? '0';
  const billed = sumAmounts([{ amount: before, currency: invoice.currency }, ...invoice.lines.map((l) => l.amount)], invoice.currency);
  return { ...proposed, capBilledToDate: billed };
}

/**
 * Finalises an approved candidate as one unit: number, invoice, journal and
 * billed-once links all succeed or none is kept, so a refusal never burns a
 * number (the store contract in docs/billing.md).
 */
function finalise(st: SimulationState, candidateId: string, issueDate: string, eventIndex: number, purchaseOrderNumber?: string): void {
  const record = st.candidates.get(candidateId);
  if (!record) {
    raise(st, eventIndex, 'billing', 'UNKNOWN_CANDIDATE', `No billing run proposed candidate ${candidateId}.`);
    return;
  }
  const { candidate } = record;
  const contract = st.contracts.get(candidate.contractId);
  const customer = st.customers.get(candidate.customerId);
  const le = st.legalEntities.get(candidate.legalEntityId) as ScenarioLegalEntity;
  try {
    const allocated = allocateNumber(nextNumber(st, le.id, 'invoice'));
    const fx = documentFx(st, le.id, candidate.currency, issueDate, candidate.period.to, accrualRate(st, candidate.billableTransactionIds));
    const po = purchaseOrderNumber ?? contract?.purchaseOrderNumber;
    const { invoice, releasedTransactionIds } = finaliseInvoice({
      candidate, invoiceId: `inv:${allocated.number}`, invoiceNumber: allocated.number, issueDate,
      paymentTermsDays: paymentTerms(st, contract, candidate.customerId),
      customer: { id: candidate.customerId, countryCode: customer?.countryCode ?? '', ...(customer?.taxExempt ? { taxExempt: true } : {}) },
      taxRules: st.taxRules, postingRule: st.billingRule, ...(po ? { purchaseOrderNumber: po } : {}), ...(fx ? { fx } : {}),
    });
    const journal = buildInvoiceJournal(invoice, { journalId: `je:${invoice.id}`, accounts: st.accounts, postingRule: st.billingRule, ...(fx ? { fx } : {}) });
    const ledger = st.ledger.link(invoice.id, invoice.billableTransactionIds);
    // Everything succeeded: commit.
    commitNumber(st, allocated.series);
    st.ledger = ledger;
    st.invoices.set(invoice.id, invoice);
    st.approvalRates.set(invoice.id, fx?.approvalRate ?? '1');
    st.journals.push({ ...journal, origin: 'billing' });
    record.candidate = { ...candidate, status: 'finalised' };
    const state = nextState(st, invoice, record.pendingState);
    if (state) st.contractStates[candidate.contractId] = state;
    const released = new Set(releasedTransactionIds);
    for (const d of record.dispositions) {
      if (released.has(d.transactionId)) continue;
      if (d.outcome === 'invoiced' || d.outcome === 'absorbed') setStatus(st, d.transactionId, { status: 'billed', invoiceId: invoice.id, ...(d.writeOff ? { writeOffAmount: d.writeOff } : {}) });
      else if (d.outcome === 'writtenOff') setStatus(st, d.transactionId, { status: 'writtenOff', invoiceId: invoice.id, ...(d.writeOff ? { writeOffAmount: d.writeOff } : {}) });
    }
  } catch (err) {
    const { code, message } = codedError(err);
    raise(st, eventIndex, 'billing', code, message, { contractId: candidate.contractId });
  }
}
