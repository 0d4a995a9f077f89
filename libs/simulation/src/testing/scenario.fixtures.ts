import { resolve } from 'node:path';
import { loadScenarioFile } from '../golden/golden.runner';
import type { SimulationJournal } from '../model/result.types';
import type { Scenario } from '../model/scenario.types';
import Decimal from 'decimal.js';

export const SCENARIOS_DIR = resolve(__dirname, '..', '..', '..', '..', 'mapping-specs', 'scenarios');

export function goldenScenario(name: string): Scenario {
  return loadScenarioFile(resolve(SCENARIOS_DIR, name)) as Scenario;
}

/** Per journal: debits equal credits in each document currency and in the functional currency. */
export function unbalancedJournals(journals: readonly SimulationJournal[]): string[] {
  const bad: string[] = [];
  for (const j of journals) {
    const doc = new Map<string, Decimal>();
    let functional = new Decimal(0);
    for (const l of j.lines) {
      doc.set(l.currency, (doc.get(l.currency) ?? new Decimal(0)).add(l.debit).sub(l.credit));
      functional = functional.add(l.functionalDebit).sub(l.functionalCredit);
    }
    if (!functional.isZero() || [...doc.values()].some((d) => !d.isZero())) bad.push(j.id);
  }
  return bad;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value as Record<string, unknown>).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
