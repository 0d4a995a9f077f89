import type { BillingJournal } from '@mapwright/billing';
import { canonicalJson } from '../common/canonical-hash';
import { JournalEntity } from '../ledger/entities/ledger.entities';

/**
 * A billing journal as a `journals` row. Each line gains the `source` block the journal export reads
 * (the document as entry, revision 1, the billing posting rule), so invoice and credit-note journals
 * export as CSV beside the time accruals.
 */
export function billingJournalRow(journal: BillingJournal, kind: 'invoice' | 'creditNote', now: string, correlationId: string): JournalEntity {
  const postingRuleRef = `${journal.postingRuleId}@${journal.postingRuleVersion}`;
  const content = {
    ...journal, kind,
    lines: journal.lines.map((l) => ({ ...l, source: { entryId: journal.sourceId, revision: 1, previousRevision: null, postingRuleRef } })),
  };
  return Object.assign(new JournalEntity(), {
    id: journal.id, entryId: journal.sourceId, ratingSeq: 0, kind, legalEntityId: journal.legalEntityId, period: journal.period,
    postingRuleRef, content: canonicalJson(content), createdAt: now, correlationId,
  });
}
