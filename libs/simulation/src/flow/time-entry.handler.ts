import { resolveTaxRule } from '@mapwright/billing';
import { buildDeltaJournal, buildJournal, buildReversal, netOfIncludedTax, type JournalEntry, type RatedEntry } from '@mapwright/posting';
import { rateEntry, rerate, weekStart, type RateCard, type RatingContext, type RatingSnapshot } from '@mapwright/rating';
import type { ApproveEvent, CorrectEvent, RejectEvent, TimeEntryEvent } from '../model/scenario.types';
import { checkEntry } from './entry.validator';
import { toBillableTransactions, toRatedEntry, transactionIdFor } from './rated-entry.adapter';
import { codedError, postingFx, raise, type EnrichedEntry, type EntryRecord, type SimulationState } from './simulation.state';

/** The highest active version of a rate card. */
function rateCardFor(st: SimulationState, id: string | undefined): RateCard | undefined {
  return st.scenario.masterData.rateCards
    .filter((c) => c.id === id && (c.status === undefined || c.status === 'active'))
    .reduce<RateCard | undefined>((best, c) => (!best || c.version > best.version ? c : best), undefined);
}

function ratingContext(st: SimulationState, entry: EnrichedEntry, eventIndex: number): RatingContext | null {
  const project = st.projects.get(entry.projectId);
  const contract = project?.contractId ? st.contracts.get(project.contractId) : undefined;
  const card = rateCardFor(st, project?.rateCardId ?? contract?.rateCardId);
  if (!card && entry.billable) {
    raise(st, eventIndex, 'rating', 'ENTRY_NO_RATE_CARD', `Project ${entry.projectId} has no active rate card (on the project or its contract); billable time cannot be rated.`, { entryId: entry.id });
    return null;
  }
  // Non-billable time needs only cost rates; an empty card is never consulted.
  const rateCard = card ?? { id: 'none', version: 1, currency: 'XXX', rows: [] };
  return { rateCard, costRates: st.scenario.masterData.costRates, rounding: st.policies.timeRounding, factorRules: st.policies.factorRules };
}

/** The employee's other approved entries of the same ISO week: rounding and overtime depend on them. */
function peersOf(st: SimulationState, entry: EnrichedEntry): EnrichedEntry[] {
  const week = weekStart(entry.date);
  return [...st.entries.values()]
    .filter((r) => r.status === 'approved' && r.entry.id !== entry.id && r.entry.employeeId === entry.employeeId && weekStart(r.entry.date) === week)
    .map((r) => r.entry);
}

function event(st: SimulationState, type: string, entry: EnrichedEntry, date: string, suffix = '') {
  return { type, eventId: `${entry.id}@${entry.revision}${suffix}`, postingDate: date, correlationId: st.correlationId };
}

function pushPosting(st: SimulationState, journal: JournalEntry | null, record: EntryRecord): void {
  if (!journal) return;
  st.journals.push({ ...journal, origin: 'posting' });
  record.journalIds.push(journal.id);
}

/**
 * What posting accrues for a rated entry. A price that includes tax (the rule
 * in force on the work date says so) is accrued at its net, so unbilled and
 * revenue never hold tax; the invoice later relieves exactly this and takes
 * any rounding difference of the whole line to revenue. Without a rule the
 * rated amount is accrued, and invoicing reports the missing rule.
 */
function postingBasis(st: SimulationState, entry: EnrichedEntry, snapshot: RatingSnapshot): RatedEntry {
  const rated = toRatedEntry(snapshot);
  const customer = st.customers.get(entry.customerId);
  let rule;
  try {
    rule = resolveTaxRule(st.taxRules, {
      legalEntityId: entry.legalEntityId, customerCountry: customer?.countryCode ?? '', customerTaxExempt: customer?.taxExempt === true,
      serviceType: entry.serviceType ?? st.projects.get(entry.projectId)?.serviceType, date: entry.date,
    });
  } catch (err) {
    // No single rule in force: the rated amount is accrued and finalising the invoice reports the rule problem.
    const { code } = codedError(err);
    if (code === 'BILLING_NO_TAX_RULE' || code === 'BILLING_AMBIGUOUS_TAX_RULE') return rated;
    throw err;
  }
  if (rule.calculation !== 'inclusive' || rule.reverseCharge === true) return rated;
  return netOfIncludedTax(rated, { rate: rule.rate, roundingMode: rule.roundingMode });
}

/** Rated snapshot → billable transactions, replacing the entry's earlier ones (ids are stable per pay code), with what was accrued for each. */
function storeTransactions(st: SimulationState, record: EntryRecord, snapshot: RatingSnapshot, posted: RatedEntry): void {
  const project = st.projects.get(snapshot.entry.projectId);
  const txs = toBillableTransactions(snapshot, {
    contractId: project?.contractId, serviceType: record.entry.serviceType ?? project?.serviceType, correlationId: st.correlationId,
  });
  const kept = new Set(txs.map((t) => t.id));
  for (const id of record.transactionIds) {
    const old = st.transactions.get(id);
    if (old && !kept.has(id)) st.transactions.set(id, { ...old, status: 'reversed' });
    if (!kept.has(id)) st.accruals.delete(id);
  }
  // One transaction per pay-code line, so each takes the posted amount of its own line.
  const accrued = new Map((posted.billing?.lines ?? []).map((l) => [transactionIdFor(snapshot.entry.id, l.payCode), l.amount]));
  for (const tx of txs) {
    st.transactions.set(tx.id, tx);
    st.accruals.set(tx.id, accrued.get(tx.id) ?? tx.amount);
  }
  record.transactionIds = txs.map((t) => t.id);
}

/** Rates and posts an approved entry; on a coded failure the entry stays unapproved and an exception says why. */
function approve(st: SimulationState, record: EntryRecord, date: string, eventIndex: number): void {
  const ctx = ratingContext(st, record.entry, eventIndex);
  if (!ctx) return;
  try {
    const snapshot = rateEntry(record.entry, ctx, peersOf(st, record.entry));
    const posted = postingBasis(st, record.entry, snapshot);
    const journal = buildJournal(event(st, 'timeEntry.approved', record.entry, date), posted, st.postingRules, postingFx(st, record.entry.legalEntityId));
    record.status = 'approved';
    record.snapshot = snapshot;
    record.posted = posted;
    pushPosting(st, journal, record);
    storeTransactions(st, record, snapshot, posted);
  } catch (err) {
    const { code, message } = codedError(err);
    raise(st, eventIndex, code.startsWith('POSTING') ? 'posting' : 'rating', code, message, { entryId: record.entry.id });
  }
}

/** An approved entry may change only while none of its transactions has been billed, held or deferred. */
function lockedBy(st: SimulationState, record: EntryRecord, eventIndex: number): boolean {
  const locked = record.transactionIds.map((id) => st.transactions.get(id)).filter((t) => t !== undefined && t.status !== 'unbilled');
  if (locked.length === 0) return false;
  raise(st, eventIndex, 'intake', 'ENTRY_ALREADY_BILLED', `Entry ${record.entry.id} is already ${locked.map((t) => `${t?.status}${t?.invoiceId ? ` on ${t.invoiceId}` : ''}`).join(', ')}; correct the invoice instead (correctInvoice).`, {
    entryId: record.entry.id, transactionIds: locked.map((t) => t?.id as string),
  });
  return true;
}

/** Withdraws an approved entry: every journal of its approval is reversed and its transactions are marked reversed. */
function withdraw(st: SimulationState, record: EntryRecord, date: string): void {
  record.journalIds.forEach((id, i) => {
    const original = st.journals.find((j) => j.id === id && j.origin === 'posting') as JournalEntry & { origin: 'posting' };
    const reversal = buildReversal(original, { eventId: `${record.entry.id}@${record.entry.revision}:withdrawn:${i + 1}`, postingDate: date, correlationId: st.correlationId });
    st.journals.push({ ...reversal, origin: 'posting' });
  });
  for (const id of record.transactionIds) {
    const tx = st.transactions.get(id);
    if (tx) st.transactions.set(id, { ...tx, status: 'reversed' });
    st.accruals.delete(id);
  }
  record.journalIds = [];
  record.transactionIds = [];
  record.snapshot = null;
  record.posted = null;
}

export function onTimeEntry(st: SimulationState, ev: TimeEntryEvent | CorrectEvent, eventIndex: number): void {
  const check = checkEntry(st, ev.entry);
  if (!check.ok) {
    raise(st, eventIndex, 'intake', check.code, check.message, { entryId: ev.entry.id });
    return;
  }
  const entry = check.entry;
  const existing = st.entries.get(entry.id);
  if (existing) {
    onRevision(st, existing, entry, ev.date, eventIndex);
    return;
  }
  if (ev.type === 'correct') {
    raise(st, eventIndex, 'intake', 'ENTRY_UNKNOWN', `Correction for entry ${entry.id}, which was never received.`, { entryId: entry.id });
    return;
  }
  const record: EntryRecord = { entry, status: entry.status === 'rejected' ? 'rejected' : 'submitted', snapshot: null, posted: null, journalIds: [], transactionIds: [] };
  st.entries.set(entry.id, record);
  if (entry.status === 'approved') approve(st, record, ev.date, eventIndex);
}

/** A newer revision: re-rated with a delta journal while unbilled, withdrawn if no longer approved. */
function onRevision(st: SimulationState, record: EntryRecord, entry: EnrichedEntry, date: string, eventIndex: number): void {
  if (entry.revision <= record.entry.revision) {
    raise(st, eventIndex, 'intake', 'ENTRY_STALE_REVISION', `Entry ${entry.id} revision ${entry.revision} is not newer than revision ${record.entry.revision}; ignored.`, { entryId: entry.id, blocking: false });
    return;
  }
  if (record.status !== 'approved' || !record.snapshot) {
    record.entry = entry;
    record.status = entry.status === 'rejected' ? 'rejected' : 'submitted';
    if (entry.status === 'approved') approve(st, record, date, eventIndex);
    return;
  }
  if (lockedBy(st, record, eventIndex)) return;
  if (entry.status !== 'approved') {
    withdraw(st, record, date);
    record.entry = entry;
    record.status = entry.status === 'rejected' ? 'rejected' : 'submitted';
    return;
  }
  const ctx = ratingContext(st, entry, eventIndex);
  if (!ctx) return;
  try {
    const previous = record.snapshot;
    const { snapshot } = rerate(previous, entry, ctx, peersOf(st, entry));
    const posted = postingBasis(st, entry, snapshot);
    // The delta starts from what was posted, so approval plus deltas is always the accrual of the latest state.
    const delta = buildDeltaJournal(record.posted ?? toRatedEntry(previous), posted, event(st, 'timeEntry.corrected', entry, date), st.postingRules, postingFx(st, entry.legalEntityId));
    record.entry = entry;
    record.snapshot = snapshot;
    record.posted = posted;
    pushPosting(st, delta, record);
    storeTransactions(st, record, snapshot, posted);
  } catch (err) {
    const { code, message } = codedError(err);
    raise(st, eventIndex, code.startsWith('POSTING') ? 'posting' : 'rating', code, message, { entryId: entry.id });
  }
}

export function onApprove(st: SimulationState, ev: ApproveEvent, eventIndex: number): void {
  const record = st.entries.get(ev.entryId);
  if (!record || record.status !== 'submitted') {
    raise(st, eventIndex, 'intake', record ? 'ENTRY_INVALID_STATUS' : 'ENTRY_UNKNOWN', record ? `Entry ${ev.entryId} is ${record.status}; only submitted entries are approved.` : `Entry ${ev.entryId} was never received (or was refused at intake).`, { entryId: ev.entryId });
    return;
  }
  record.entry = { ...record.entry, status: 'approved', ...(ev.by ? { approvedBy: ev.by } : {}) };
  approve(st, record, ev.date, eventIndex);
}

export function onReject(st: SimulationState, ev: RejectEvent, eventIndex: number): void {
  const record = st.entries.get(ev.entryId);
  if (!record || record.status === 'rejected') {
    raise(st, eventIndex, 'intake', record ? 'ENTRY_INVALID_STATUS' : 'ENTRY_UNKNOWN', record ? `Entry ${ev.entryId} is already rejected.` : `Entry ${ev.entryId} was never received (or was refused at intake).`, { entryId: ev.entryId });
    return;
  }
  if (record.status === 'approved') {
    if (lockedBy(st, record, eventIndex)) return;
    withdraw(st, record, ev.date);
  }
  record.status = 'rejected';
  record.entry = { ...record.entry, status: 'rejected', ...(ev.reason ? { rejectionReason: ev.reason } : {}) };
}
