/** The canonical Lineage fields posting fills in. */
export interface JournalLineage {
  timeEntryIds: string[];
  rateCardId?: string;
  rateCardVersion?: number;
  rateCardRowId?: string;
  postingRuleId: string;
  postingRuleVersion: number;
  correlationId: string;
}

/**
 * Posting's own trace, finer than canonical Lineage: the entry revision (and
 * the revision a delta replaces), the rate and cost tables with versions, and
 * the rule line that produced the line.
 */
export interface JournalLineSource {
  entryId: string;
  revision: number;
  previousRevision: number | null;
  role: string;
  payCode: string | null;
  rateCardRef: string | null;
  costRateRef: string | null;
  postingRuleRef: string;
}

/** Canonical JournalLine fields plus `source`. Amounts are non-negative decimal strings. */
export interface JournalLine {
  id: string;
  externalRefs: [];
  lineNumber: number;
  glAccountId: string;
  description?: string;
  debit: string;
  credit: string;
  currency: string;
  fxRate: string;
  functionalDebit: string;
  functionalCredit: string;
  functionalCurrency: string;
  costCenterId?: string;
  projectId?: string;
  customerId?: string;
  employeeId?: string;
  lineage: JournalLineage;
  source: JournalLineSource;
}

export type JournalKind = 'original' | 'delta' | 'reversal';

/** Canonical JournalEntry fields plus `kind`. Journals are never edited: corrections are new journals. */
export interface JournalEntry {
  id: string;
  externalRefs: [];
  kind: JournalKind;
  legalEntityId: string;
  date: string;
  period: string;
  functionalCurrency: string;
  description: string;
  sourceType: 'cost' | 'payroll' | 'accrual' | 'adjustment' | 'reversal';
  sourceId: string;
  reversalOf?: string;
  lines: JournalLine[];
  postingRuleId: string;
  postingRuleVersion: number;
  status: 'draft';
  idempotencyKey: string;
  correlationId: string;
}

/** The business event that asks for a journal. */
export interface PostingEvent {
  type: string;
  /** Unique per event; the journal id derives from it, so a redelivered event yields the same journal. */
  eventId: string;
  /** Journal date; its month is the accounting period. */
  postingDate: string;
  correlationId: string;
}
