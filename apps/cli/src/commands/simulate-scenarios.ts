import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runGoldenScenarios } from '@mapwright/simulation';
import { specsDirOf, type CliIo, type GlobalOptions } from '../cli-io';

export interface ScenarioTestOptions extends GlobalOptions {
  name?: string;
  json?: boolean;
}

/** `scenario test [name]`: runs the golden scenarios under <specs-dir>/scenarios; exit 1 if any differs from its expected.json. */
export function scenarioTestCommand(opts: ScenarioTestOptions, io: CliIo): number {
  const dir = resolve(specsDirOf(opts, io), 'scenarios');
  const results = runGoldenScenarios(dir).filter((r) => !opts.name || r.name === opts.name);
  if (opts.name && results.length === 0) {
    io.stderr(`mapwright scenario test: no scenario ${opts.name} in ${dir}\n`);
    return 1;
  }
  const failed = results.filter((r) => !r.passed);
  if (opts.json) {
    io.stdout(`${JSON.stringify({ dir, results: results.map(({ name, passed, diff }) => ({ name, passed, diff })) }, null, 2)}\n`);
  } else {
    for (const r of results) {
      io.stdout(`  ${r.passed ? 'ok  ' : 'FAIL'}  ${r.name}\n`);
      if (!r.passed) io.stdout(`${r.diff.split('\n').map((l) => `        ${l}`).join('\n')}\n`);
    }
    io.stdout(`${results.length - failed.length} of ${results.length} scenarios match their expected output\n`);
  }
  return failed.length === 0 ? 0 : 1;
}

export function registerScenarioTest(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('scenario')
    .description('golden billing scenarios')
    .command('test')
    .description('run the golden scenarios and compare each with its expected.json')
    .argument('[name]', 'one scenario folder name')
    .option('--json', 'print the results as JSON')
    .action((name: string | undefined, local: { json?: boolean }) => {
      done(scenarioTestCommand({ ...(program.opts() as GlobalOptions), name, json: local.json }, io));
    });
}
