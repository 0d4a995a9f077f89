import type { JournalEntry } from '../journal/journal.types';

export const JOURNAL_CSV_COLUMNS = [
  'journal_id', 'journal_kind', 'reversal_of', 'legal_entity_id', 'period', 'date', 'line_number', 'gl_account_id', 'description',
  'debit', 'credit', 'currency', 'fx_rate', 'functional_debit', 'functional_credit', 'functional_currency',
  'cost_center_id', 'project_id', 'customer_id', 'employee_id',
  'source_entry_id', 'source_revision', 'previous_revision', 'rate_card', 'cost_rates', 'posting_rule', 'correlation_id',
] as const;

export interface JournalCsvBatch {
  legalEntityId: string;
  period: string;
  header: readonly string[];
  rows: string[][];
}

/**
 * One batch per legal entity and period, rows in journal then line order, so
 * each batch is one file for one ledger and one close.
 */
export function journalsToCsvRows(journals: readonly JournalEntry[]): JournalCsvBatch[] {
  const batches = new Map<string, JournalCsvBatch>();
  const ordered = [...journals].sort((a, b) => cmp(a.legalEntityId, b.legalEntityId) || cmp(a.period, b.period) || cmp(a.date, b.date) || cmp(a.id, b.id));
  for (const j of ordered) {
    const key = `${j.legalEntityId}\u0000${j.period}`;
    let batch = batches.get(key);
    if (!batch) {
      batch = { legalEntityId: j.legalEntityId, period: j.period, header: JOURNAL_CSV_COLUMNS, rows: [] };
      batches.set(key, batch);
    }
    for (const l of j.lines) {
      batch.rows.push([
        j.id, j.kind, j.reversalOf ?? '', j.legalEntityId, j.period, j.date, String(l.lineNumber), l.glAccountId, l.description ?? '',
        l.debit, l.credit, l.currency, l.fxRate, l.functionalDebit, l.functionalCredit, l.functionalCurrency,
        l.costCenterId ?? '', l.projectId ?? '', l.customerId ?? '', l.employeeId ?? '',
        l.source.entryId, String(l.source.revision), l.source.previousRevision === null ? '' : String(l.source.previousRevision),
        l.source.rateCardRef ?? '', l.source.costRateRef ?? '', l.source.postingRuleRef, l.lineage.correlationId,
      ]);
    }
  }
  return [...batches.values()];
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** RFC 4180 text with CRLF; text a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function toCsv(header: readonly string[], rows: readonly string[][]): string {
  const cell = (value: string): string => {
    const safe = /^[=+\-@\t\r]/.test(value) && !NUMERIC.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
