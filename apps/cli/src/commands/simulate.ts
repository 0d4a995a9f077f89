import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { loadScenarioFile, ScenarioValidationError, simulate } from '@mapwright/simulation';
import { readInputText, type CliIo } from '../cli-io';
import { registerScenarioTest } from './simulate-scenarios';

export interface SimulateOptions {
  scenario: string;
  totals?: boolean;
  pretty?: boolean;
}

/** Exit code for a scenario that cannot be read or run, as for a failed `map`. */
export const SIMULATE_FAILED = 2;

interface SimulateProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors: { pointer: string; message: string; code?: string }[];
  scenario: string;
}

function problem(code: string, status: number, title: string, detail: string, scenario: string, errors: SimulateProblem['errors'] = []): SimulateProblem {
  return { type: `https://mapwright.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title, status, detail, code, errors, scenario };
}

async function readScenario(source: string, io: CliIo): Promise<unknown> {
  if (source !== '-' && statSync(resolve(io.cwd, source)).isDirectory()) return loadScenarioFile(resolve(io.cwd, source));
  // YAML is a superset of JSON, so one parser reads both.
  return parseYaml(await readInputText(source, io));
}

/** `simulate <scenario-file>`: the result JSON on stdout, or a problem JSON on stderr and exit 2. */
export async function simulateCommand(opts: SimulateOptions, io: CliIo): Promise<number> {
  const fail = (p: SimulateProblem): number => {
    io.stderr(`${JSON.stringify(p, null, 2)}\n`);
    return SIMULATE_FAILED;
  };
  let raw: unknown;
  try {
    raw = await readScenario(opts.scenario, io);
  } catch (err) {
    const e = err as { code?: string; message: string };
    const unreadable = e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'EACCES';
    return fail(problem(unreadable ? 'SCENARIO_UNREADABLE' : 'SCENARIO_PARSE', 400, unreadable ? 'Scenario file cannot be read' : 'Scenario is not valid YAML or JSON', e.message, opts.scenario));
  }
  try {
    const result = simulate(raw);
    io.stdout(`${JSON.stringify(opts.totals ? result.totals : result, null, opts.pretty === false ? undefined : 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ScenarioValidationError) {
      return fail(problem(err.code, 400, 'Scenario does not match the scenario format', err.message, opts.scenario, err.issues.map((i) => ({ pointer: i.pointer, message: i.message, code: i.code }))));
    }
    return fail(problem('SIMULATION_FAILED', 500, 'Simulation failed', (err as Error).message, opts.scenario));
  }
}

/** Registers `simulate` and the golden-scenario runner `scenario test`. */
export function registerSimulate(program: Command, io: CliIo, done: (code: number) => void): void {
  registerScenarioTest(program, io, done);
  program
    .command('simulate')
    .description('run a billing scenario (master data and events) and print invoices, credit notes, journals and exceptions as JSON')
    .argument('<scenario-file>', 'scenario.yaml or .json, a scenario folder, or - for stdin')
    .option('--totals', 'print only the totals (invoice, tax and GL totals)')
    .option('--no-pretty', 'print compact JSON')
    .action(async (scenario: string, local: { totals?: boolean; pretty?: boolean }) => {
      done(await simulateCommand({ scenario, ...local }, io));
    });
}
