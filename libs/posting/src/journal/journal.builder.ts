import { assertIsoDate } from '../calendar/posting-date';
import { PostingError } from '../errors/posting.error';
import type { FxContext } from '../fx/fx.converter';
import { Dec, formatMinor } from '../money/posting.money';
import { selectPostingRule } from '../rules/posting-rule.selector';
import type { PostingRule, PostingRuleSet } from '../rules/posting-rule.types';
import { assertBalanced } from './journal.balance';
import { draftLines, legalEntityOf, netDrafts, type LineDraft } from './journal-line.drafts';
import type { JournalEntry, JournalKind, JournalLine, PostingEvent } from './journal.types';
import type { RatedEntry } from './rated-entry.types';

export function journalIdFor(eventId: string): string {
  return `je-${eventId}`;
}

function ref(id: string | null, version: number | null): string | null {
  return id === null || version === null ? null : `${id}@${version}`;
}

function toLine(d: LineDraft, index: number, journalId: string, rule: PostingRule, event: PostingEvent, functionalCurrency: string, previousRevision: number | null, revision: number): JournalLine {
  const billing = d.snapshot.billing;
  const fromCard = d.amountSource === 'billable' && billing && billing.resolution.rateCardId !== null ? billing.resolution : null;
  const cost = d.snapshot.cost.resolution;
  const zero = new Dec(0);
  return {
    id: `${journalId}-${index + 1}`,
    externalRefs: [],
    lineNumber: index + 1,
    glAccountId: d.account,
    ...(d.description ? { description: d.description } : {}),
    debit: formatMinor(Dec.max(d.txnMinor, zero), d.currency),
    credit: formatMinor(Dec.max(d.txnMinor.neg(), zero), d.currency),
    currency: d.currency,
    fxRate: d.fxRate.toString(),
    functionalDebit: formatMinor(Dec.max(d.functionalMinor, zero), functionalCurrency),
    functionalCredit: formatMinor(Dec.max(d.functionalMinor.neg(), zero), functionalCurrency),
    functionalCurrency,
    ...d.dims,
    lineage: {
      timeEntryIds: [d.snapshot.entry.id],
      ...(fromCard ? { rateCardId: fromCard.rateCardId as string, rateCardVersion: fromCard.rateCardVersion as number } : {}),
      ...(fromCard?.rowId ? { rateCardRowId: fromCard.rowId } : {}),
      postingRuleId: rule.id,
      postingRuleVersion: rule.version,
      correlationId: event.correlationId,
    },
    source: {
      entryId: d.snapshot.entry.id,
      revision,
      previousRevision,
      role: d.role,
      payCode: d.payCode,
      rateCardRef: d.amountSource === 'billable' && billing ? ref(billing.resolution.rateCardId, billing.resolution.rateCardVersion) ?? billing.resolution.rule : null,
      costRateRef: d.amountSource === 'cost' ? `${cost.costTableId}@${cost.costTableVersion}` : null,
      postingRuleRef: `${rule.id}@${rule.version}`,
    },
  };
}

function assemble(kind: JournalKind, drafts: LineDraft[], event: PostingEvent, rule: PostingRule, fx: FxContext, subject: RatedEntry, previousRevision: number | null): JournalEntry | null {
  if (drafts.length === 0) return null;
  const id = journalIdFor(event.eventId);
  const legalEntityId = legalEntityOf(subject);
  const what = kind === 'delta' ? `correction r${previousRevision}→r${subject.entry.revision}` : `r${subject.entry.revision}`;
  const journal: JournalEntry = {
    id,
    externalRefs: [],
    kind,
    legalEntityId,
    date: event.postingDate,
    period: event.postingDate.slice(0, 7),
    functionalCurrency: fx.functionalCurrency,
    description: `${rule.description} Time entry ${subject.entry.id} ${what}.`,
    sourceType: kind === 'delta' ? 'adjustment' : rule.journalSourceType,
    sourceId: subject.entry.id,
    lines: drafts.map((d, i) => toLine(d, i, id, rule, event, fx.functionalCurrency, previousRevision, subject.entry.revision)),
    postingRuleId: rule.id,
    postingRuleVersion: rule.version,
    status: 'draft',
    idempotencyKey: id.slice(0, 128),
    correlationId: event.correlationId,
  };
  assertBalanced(journal);
  return journal;
}

/**
 * The journal for one rated entry under the rule the event fires. Returns
 * null when there is nothing to post (zero time). Never edits anything: a
 * later change is a delta or a reversal.
 */
export function buildJournal(event: PostingEvent, snapshot: RatedEntry, rules: PostingRuleSet, fx: FxContext): JournalEntry | null {
  assertIsoDate(event.postingDate);
  const rule = selectPostingRule(rules, event.type, event.postingDate);
  return assemble('original', draftLines(snapshot, rule, fx), event, rule, fx, snapshot, null);
}

/**
 * Posts only the difference between two snapshots of the same entry, for a
 * correction before invoicing. Both states are drafted under the rule the
 * correction event fires, so the sum of a chain of deltas equals the journal
 * of the final state. Returns null when the correction changes no amount.
 */
export function buildDeltaJournal(previous: RatedEntry, current: RatedEntry, event: PostingEvent, rules: PostingRuleSet, fx: FxContext): JournalEntry | null {
  if (previous.entry.id !== current.entry.id) {
    throw new PostingError('POSTING_ENTRY_MISMATCH', `Cannot post entry ${current.entry.id} as a correction of entry ${previous.entry.id}.`, { previous: previous.entry.id, current: current.entry.id });
  }
  if (current.entry.revision <= previous.entry.revision) {
    throw new PostingError('POSTING_STALE_REVISION', `Revision ${current.entry.revision} of entry ${current.entry.id} is not newer than ${previous.entry.revision}; it was already posted or arrived late.`, {
      entryId: current.entry.id, revision: current.entry.revision, previousRevision: previous.entry.revision,
    });
  }
  if (legalEntityOf(previous) !== legalEntityOf(current)) {
    throw new PostingError('POSTING_ENTRY_MISMATCH', `Entry ${current.entry.id} moved legal entity; reverse the original journal and post the new state instead.`, { entryId: current.entry.id });
  }
  assertIsoDate(event.postingDate);
  const rule = selectPostingRule(rules, event.type, event.postingDate);
  const drafts = netDrafts(draftLines(current, rule, fx), draftLines(previous, rule, fx));
  return assemble('delta', drafts, event, rule, fx, current, previous.entry.revision);
}
