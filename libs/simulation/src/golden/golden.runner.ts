import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { simulate } from '../simulate';
import { ScenarioValidationError } from '../validation/scenario.validator';
import { diffJson, formatDifferences, type JsonDifference } from './json-diff';

export interface GoldenResult {
  name: string;
  passed: boolean;
  /** Readable diff (or the validation failure) when it did not pass. */
  diff: string;
  differences: JsonDifference[];
}

/** Round-trips through JSON so a result compares exactly as it would be written to expected.json. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** Pure comparison of a simulation result with its golden expectation. */
export function compareToExpected(name: string, actual: unknown, expected: unknown): GoldenResult {
  const differences = diffJson(asJson(expected), asJson(actual));
  return { name, passed: differences.length === 0, diff: formatDifferences(differences), differences };
}

/** Reads `scenario.yaml`, `scenario.yml` or `scenario.json` from a scenario folder. */
export function loadScenarioFile(folder: string): unknown {
  for (const file of ['scenario.yaml', 'scenario.yml', 'scenario.json']) {
    const path = join(folder, file);
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    }
  }
  throw new Error(`No scenario.yaml or scenario.json in ${folder}.`);
}

/**
 * Runs every golden scenario under `dir` (`<name>/scenario.yaml|json` and
 * `<name>/expected.json`) and compares the result with the expectation. The
 * one place in the library that reads files; `simulate` itself does no I/O.
 */
export function runGoldenScenarios(dir: string): GoldenResult[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const folder = join(dir, name);
      try {
        const expectedPath = join(folder, 'expected.json');
        if (!existsSync(expectedPath)) return { name, passed: false, diff: `${name}: expected.json is missing`, differences: [] };
        return compareToExpected(name, simulate(loadScenarioFile(folder)), JSON.parse(readFileSync(expectedPath, 'utf8')));
      } catch (err) {
        const detail = err instanceof ScenarioValidationError ? err.issues.map((i) => `${i.pointer} ${i.code} ${i.message}`).join('\n') : (err as Error).message;
        return { name, passed: false, diff: detail, differences: [] };
      }
    });
}
