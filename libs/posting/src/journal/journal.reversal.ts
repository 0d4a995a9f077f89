import { assertIsoDate } from '../calendar/posting-date';
import { assertBalanced } from './journal.balance';
import { journalIdFor } from './journal.builder';
import type { JournalEntry, PostingEvent } from './journal.types';

/**
 * A new journal that undoes `journal` line for line, debits and credits
 * swapped in both currencies, dated on the reversal's posting date. The
 * original stays as it was.
 */
export function buildReversal(journal: JournalEntry, event: Omit<PostingEvent, 'type'>): JournalEntry {
  assertIsoDate(event.postingDate);
  const id = journalIdFor(event.eventId);
  const reversal: JournalEntry = {
    ...journal,
    id,
    kind: 'reversal',
    date: event.postingDate,
    period: event.postingDate.slice(0, 7),
    description: `Reversal of ${journal.id}: ${journal.description}`,
    sourceType: 'reversal',
    reversalOf: journal.id,
    idempotencyKey: id.slice(0, 128),
    correlationId: event.correlationId,
    lines: journal.lines.map((l) => ({
      ...l,
      id: `${id}-${l.lineNumber}`,
      debit: l.credit,
      credit: l.debit,
      functionalDebit: l.functionalCredit,
      functionalCredit: l.functionalDebit,
      lineage: { ...l.lineage, correlationId: event.correlationId },
    })),
  };
  assertBalanced(reversal);
  return reversal;
}
