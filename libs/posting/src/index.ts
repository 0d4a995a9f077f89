export { PostingError, type PostingErrorCode } from './errors/posting.error';
export type { Money } from './money/posting.money';
export type { PostingRule, PostingRuleSet, PostingLineRule, PostingTrigger, AmountSource, LineDimension } from './rules/posting-rule.types';
export { validatePostingRules, POSTING_RULE_SCHEMA } from './rules/posting-rule.validator';
export { defaultPostingRules } from './rules/default-posting-rules';
export { selectPostingRule } from './rules/posting-rule.selector';
export { resolveAccount, placeholdersOf, type AccountVariables } from './rules/account.expression';
export { fxRateFor, convertMinor, type FxContext, type FxRateInput } from './fx/fx.converter';
export type { RatedEntry } from './journal/rated-entry.types';
export type { JournalEntry, JournalLine, JournalLineage, JournalLineSource, JournalKind, PostingEvent } from './journal/journal.types';
export { buildJournal, buildDeltaJournal, journalIdFor } from './journal/journal.builder';
export { buildReversal } from './journal/journal.reversal';
export { netOfIncludedTax, type IncludedTax } from './journal/included-tax';
export { assertBalanced, ledgerBalances, type LedgerBalance } from './journal/journal.balance';
export { toCanonicalJournalEntry } from './journal/canonical-journal.mapper';
export { FX_ROUNDING_ROLE } from './journal/journal-line.drafts';
export { journalsToCsvRows, toCsv, JOURNAL_CSV_COLUMNS, type JournalCsvBatch } from './export/journal-csv.exporter';
export {
  aggregatePayrollInputs, DEFAULT_PAY_CODE_MAP,
  type PayrollPeriodInput, type PayPeriod, type PayrollAggregationOptions, type CanonicalPayCode,
} from './export/payroll.aggregator';
