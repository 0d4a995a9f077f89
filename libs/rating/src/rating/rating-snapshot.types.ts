import type { Money } from '../money/money';
import type { CostRateResolution } from '../rates/cost-rate.resolver';
import type { RateResolution } from '../rates/rate-card.resolver';
import type { TimeSegment } from '../time/overtime.rules';
import type { RoundingMode, RoundingScope } from '../time/time-rounding.policy';

export interface AmountLine {
  payCode: string;
  minutes: number;
  /** The factor applied to the rate, decimal string. */
  factor: string;
  amount: Money;
}

export interface PayrollLine {
  employeeId: string;
  date: string;
  payCode: string;
  minutes: number;
  hours: string;
}

/**
 * The frozen result of rating one revision of one entry. Rating is pure and
 * keeps no state: the caller must store this snapshot, because re-running
 * rating later against a newer rate card would give a different answer.
 */
export interface RatingSnapshot {
  schemaVersion: 1;
  entry: {
    id: string;
    revision: number;
    employeeId: string;
    roleCode: string | null;
    projectId: string;
    customerId: string | null;
    legalEntityId: string | null;
    costCenterId: string | null;
    taskId: string | null;
    date: string;
    billable: boolean;
  };
  rounding: {
    incrementMinutes: number;
    mode: RoundingMode;
    scope: RoundingScope;
    rawMinutes: number;
    roundedMinutes: number;
    adjustmentMinutes: number;
  };
  factorRuleSet: { id: string; version: number };
  segments: TimeSegment[];
  /** Null for non-billable time, which produces cost only. */
  billing: { resolution: RateResolution; lines: AmountLine[]; amount: Money } | null;
  cost: { resolution: CostRateResolution; lines: AmountLine[]; amount: Money };
  payroll: PayrollLine[];
}

export interface PayrollDelta {
  employeeId: string;
  payCode: string;
  minutes: number;
  hours: string;
}

/** New minus previous, per currency and per pay code; zero differences are omitted. */
export interface RatingDelta {
  entryId: string;
  fromRevision: number;
  toRevision: number;
  billable: Money[];
  cost: Money[];
  payroll: PayrollDelta[];
}
