import type jsonata from 'jsonata';
import type { ReferenceData } from '../types';

/** What the library functions of one execution see: the pinned clock and the reference data. */
export interface RunContext {
  nowMillis: number;
  /** ISO date (YYYY-MM-DD) for effective-dated lookups. */
  asOf: string;
  reference: ReferenceData | undefined;
}

/** Binding name carrying the RunContext; the prefix keeps it clear of spec variables. */
export const RUN_CONTEXT_BINDING = '__mapwright_run';

export function runContextOf(focus: jsonata.Focus): RunContext {
  const ctx = focus.environment.lookup(RUN_CONTEXT_BINDING) as RunContext | undefined;
  if (!ctx) throw new TypeError('Library function called outside an engine execution');
  return ctx;
}
