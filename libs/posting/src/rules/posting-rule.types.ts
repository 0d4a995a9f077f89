export type PostingTrigger = 'timeEntry.approved' | 'timeEntry.corrected';
export type AmountSource = 'billable' | 'cost';
export type LineDimension = 'costCenter' | 'project' | 'customer' | 'employee';

export interface PostingLineRule {
  role: string;
  side: 'debit' | 'credit';
  /** Account code expression: literal text plus {placeholders}. */
  account: string;
  accountByPayCode?: Record<string, string>;
  amountSource: AmountSource;
  splitBy?: 'payCode';
  dimensions?: LineDimension[];
  description?: string;
}

export interface PostingRule {
  id: string;
  version: number;
  trigger: PostingTrigger | string;
  effectiveFrom?: string;
  description: string;
  journalSourceType: 'cost' | 'payroll' | 'accrual' | 'adjustment';
  fxRateType?: 'spot' | 'monthlyAverage' | 'closing' | 'budget';
  fxRoundingAccount: string;
  lines: PostingLineRule[];
}

export interface PostingRuleSet {
  schemaVersion: 1;
  rules: PostingRule[];
}
