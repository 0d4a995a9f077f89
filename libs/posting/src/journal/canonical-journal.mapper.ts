import type { JournalEntry } from './journal.types';

/**
 * The journal as a canonical JournalEntry, for outbound mappings and storage
 * validated against the canonical schema: posting's finer trace (`kind`,
 * line `source`) is dropped because canonical Lineage has no revision field.
 * Keep the full journal too; the trace is what audits read.
 */
export function toCanonicalJournalEntry(journal: JournalEntry): Record<string, unknown> {
  const { kind: _kind, lines, ...header } = journal;
  return {
    ...header,
    lines: lines.map(({ source: _source, ...line }) => line),
  };
}
