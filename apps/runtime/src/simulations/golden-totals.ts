import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RateCard } from '@mapwright/canonical-model';
import { compareToExpected, loadScenarioFile, simulate, type Scenario, type ScenarioTaxRule, type ScenarioTotals } from '@mapwright/simulation';

export interface GoldenScenarioTotals {
  name: string;
  /** The scenario still gives its recorded expected.json (false also when it cannot run). */
  matchesExpected: boolean;
  totals: ScenarioTotals | null;
  error?: string;
}

/**
 * Billing rules a spec version proposes: the reference-data spec keeps canonical tax rules under
 * `taxRules` and rate cards under `rateCards`. Each replaces the golden scenarios' rule of the same
 * id, so a scenario is run with the version of the rule the spec holds.
 */
export interface RuleOverlay {
  taxRules: ScenarioTaxRule[];
  rateCards: RateCard[];
}

export function ruleOverlayOf(data: unknown): RuleOverlay {
  const d = (data && typeof data === 'object' ? data : {}) as { taxRules?: unknown; rateCards?: unknown };
  const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string') as T[]) : []);
  return { taxRules: list<ScenarioTaxRule>(d.taxRules), rateCards: list<RateCard>(d.rateCards) };
}

/** The raw scenario with the overlay's rules in place of its own of the same id; `simulate` validates the result. */
function withOverlay(raw: unknown, overlay: RuleOverlay): unknown {
  const scenario = raw as Partial<Scenario> | null;
  const md = scenario?.masterData;
  if (!md || (overlay.taxRules.length === 0 && overlay.rateCards.length === 0)) return raw;
  const replace = <T extends { id: string }>(own: T[] | undefined, proposed: T[]) => (Array.isArray(own) ? own.map((r) => proposed.find((p) => p.id === r.id) ?? r) : own);
  return { ...scenario, masterData: { ...md, taxRules: replace(md.taxRules, overlay.taxRules), rateCards: replace(md.rateCards, overlay.rateCards) } };
}

/** What "after" means for a spec kind's golden-scenario evidence (docs/billing-runtime.md). */
export function goldenAfterMeaning(kind: string): string {
  const mapping = 'Golden scenarios carry their own master data and run through the rating, posting and billing libraries; no scenario reads a mapping or routing version.';
  switch (kind) {
    case 'reference':
      return 'Before runs every golden scenario with the published reference data, after with this version: its tax rules (taxRules) and rate cards (rateCards) replace the scenario\'s rules of the same id, so a rate or tax change moves the totals. Value maps and UOM profiles change what intake maps, not billing totals.';
    case 'routing':
      return `${mapping} Routing rules choose where documents go, not their amounts: after = before.`;
    default:
      return `${mapping} A ${kind} mapping changes outputs shown in the diff, not invoice or GL totals of the scenarios: after = before.`;
  }
}

export interface GoldenEvidence {
  before: GoldenScenarioTotals[];
  after: GoldenScenarioTotals[];
  /** Scenarios whose totals differ between before and after. */
  changed: string[];
  afterMeans: string;
}

/**
 * Golden-scenario evidence for a spec version: before with the published version's rules, after
 * with the candidate's. Only reference data carries rules the scenarios read; for other kinds the
 * candidate cannot move a total and after is the before run.
 */
export function goldenScenarioEvidence(specsDir: string, kind: string, publishedData: unknown, candidateData: unknown): GoldenEvidence {
  if (kind !== 'reference') {
    const before = goldenScenarioTotals(specsDir);
    return { before, after: before, changed: [], afterMeans: goldenAfterMeaning(kind) };
  }
  const before = goldenScenarioTotals(specsDir, ruleOverlayOf(publishedData));
  const after = goldenScenarioTotals(specsDir, ruleOverlayOf(candidateData));
  const changed = after.filter((a) => JSON.stringify(a.totals) !== JSON.stringify(before.find((b) => b.name === a.name)?.totals)).map((a) => a.name);
  return { before, after, changed, afterMeans: goldenAfterMeaning(kind) };
}

/**
 * Runs every golden scenario under `<specsDir>/scenarios` and keeps its totals, so reviewers see
 * invoice and GL totals under the rules in force (with `overlay`'s rules in place of the
 * scenarios' own of the same id). Pure apart from reading the scenario files.
 */
export function goldenScenarioTotals(specsDir: string, overlay: RuleOverlay = { taxRules: [], rateCards: [] }): GoldenScenarioTotals[] {
  const dir = join(specsDir, 'scenarios');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const folder = join(dir, name);
      try {
        const result = simulate(withOverlay(loadScenarioFile(folder), overlay));
        const expectedPath = join(folder, 'expected.json');
        const matchesExpected = existsSync(expectedPath) && compareToExpected(name, result, JSON.parse(readFileSync(expectedPath, 'utf8'))).passed;
        return { name, matchesExpected, totals: result.totals };
      } catch (err) {
        return { name, matchesExpected: false, totals: null, error: (err as Error).message };
      }
    });
}
