import { aggregatePayrollInputs } from '@mapwright/posting';
import type { SimulationResult } from './model/result.types';
import type { ScenarioEvent } from './model/scenario.types';
import { onBillingRun, onFinalise, onReview } from './flow/billing.handler';
import { onCancelCreditNote, onCorrectInvoice } from './flow/correction.handler';
import { createState, type SimulationState } from './flow/simulation.state';
import { onApprove, onReject, onTimeEntry } from './flow/time-entry.handler';
import { scenarioTotals } from './totals/scenario-totals';
import { assertValidScenario } from './validation/scenario.validator';

function apply(st: SimulationState, ev: ScenarioEvent, i: number): void {
  switch (ev.type) {
    case 'timeEntry':
    case 'correct':
      return onTimeEntry(st, ev, i);
    case 'approve':
      return onApprove(st, ev, i);
    case 'reject':
      return onReject(st, ev, i);
    case 'billingRun':
      return onBillingRun(st, ev, i);
    case 'review':
      return onReview(st, ev, i);
    case 'finalise':
      return onFinalise(st, ev, i);
    case 'correctInvoice':
      return onCorrectInvoice(st, ev, i);
    case 'cancelCreditNote':
      return onCancelCreditNote(st, ev, i);
    default:
      return assertUnreachable(ev);
  }
}

function assertUnreachable(ev: never): never {
  throw new Error(`Unhandled scenario event ${JSON.stringify(ev)}`);
}

/**
 * Runs a billing scenario end to end: intake and validation, rating,
 * accrual journals, billing runs, review, finalisation, corrections. Pure
 * and deterministic: ids come from the scenario, dates from its events, and
 * the same scenario always gives the same JSON. Throws
 * `ScenarioValidationError` (coded issues with JSON pointers) for a scenario
 * that cannot run; business problems inside it become `exceptions`.
 */
export function simulate(raw: unknown): SimulationResult {
  const scenario = assertValidScenario(raw);
  const st = createState(scenario);
  scenario.events.forEach((ev, i) => apply(st, ev, i));
  const approved = [...st.entries.values()].filter((r) => r.status === 'approved' && r.snapshot).map((r) => r.snapshot as NonNullable<typeof r.snapshot>);
  const invoices = [...st.invoices.values()];
  const creditNotes = [...st.creditNotes.values()];
  const partial = { invoices, creditNotes, journals: st.journals };
  return {
    scenarioId: scenario.id,
    invoices,
    creditNotes,
    journals: st.journals,
    payrollInputs: aggregatePayrollInputs(approved),
    exceptions: st.exceptions,
    candidates: [...st.candidates.values()].map((r) => r.candidate),
    transactions: [...st.transactions.values()],
    audit: st.audit,
    totals: scenarioTotals(partial),
  };
}
