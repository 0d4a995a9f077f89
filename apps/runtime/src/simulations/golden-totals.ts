import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareToExpected, loadScenarioFile, simulate, type ScenarioTotals } from '@mapwright/simulation';

export interface GoldenScenarioTotals {
  name: string;
  /** The scenario still gives its recorded expected.json (false also when it cannot run). */
  matchesExpected: boolean;
  totals: ScenarioTotals | null;
  error?: string;
}

/** What "after" means for a spec kind's golden-scenario evidence (docs/billing-runtime.md). */
export function goldenAfterMeaning(kind: string): string {
  const mapping = 'Golden scenarios carry their own master data, rate cards, tax rules and posting rules and run through the rating, posting and billing libraries; no scenario reads a mapping, reference-data or routing version.';
  switch (kind) {
    case 'reference':
      return `${mapping} Reference data (value maps, UOM profiles) changes what intake maps, not what billing totals: after = before.`;
    case 'routing':
      return `${mapping} Routing rules choose where documents go, not their amounts: after = before.`;
    default:
      return `${mapping} A ${kind} mapping changes outputs shown in the diff, not invoice or GL totals of the scenarios: after = before.`;
  }
}

/**
 * Runs every golden scenario under `<specsDir>/scenarios` and keeps its totals, so reviewers see
 * invoice and GL totals under the rules in force. Pure apart from reading the scenario files.
 */
export function goldenScenarioTotals(specsDir: string): GoldenScenarioTotals[] {
  const dir = join(specsDir, 'scenarios');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const folder = join(dir, name);
      try {
        const result = simulate(loadScenarioFile(folder));
        const expectedPath = join(folder, 'expected.json');
        const matchesExpected = existsSync(expectedPath) && compareToExpected(name, result, JSON.parse(readFileSync(expectedPath, 'utf8'))).passed;
        return { name, matchesExpected, totals: result.totals };
      } catch (err) {
        return { name, matchesExpected: false, totals: null, error: (err as Error).message };
      }
    });
}
