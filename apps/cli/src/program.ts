import { Command } from 'commander';
import type { CliIo } from './cli-io';
import { registerMap } from './commands/map';
import { registerSimulate } from './commands/simulate';
import { registerSpecDiff } from './commands/spec-diff';
import { registerSpecLint } from './commands/spec-lint';
import { registerSpecTest } from './commands/spec-test';
import { registerToken } from './commands/token';
import { registerWorker } from './commands/worker';

/**
 * Builds the `mapwright` command tree. Each command registers itself from its own file and reports its exit
 * code through `done`; runtime-backed commands (token, simulate, worker) plug in here the same way.
 */
export function createProgram(io: CliIo, done: (code: number) => void): Command {
  const program = new Command('mapwright')
    .description('Mapwright: governed, versioned, tested mappings from timesheet to cash')
    .option('--specs-dir <dir>', 'mapping-specs folder (default: <repo>/mapping-specs)')
    .option('--contracts-dir <dir>', 'public API contracts folder (default: <repo>/../shared/contracts)')
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride()
    .showHelpAfterError();

  const spec = program.command('spec').description('lint, test and compare mapping specs');
  registerSpecLint(spec, io, done);
  registerSpecTest(spec, io, done);
  registerSpecDiff(spec, io, done);
  registerMap(program, io, done);
  registerToken(program, io, done);
  registerWorker(program, io, done);
  registerSimulate(program, io, done);
  return program;
}

/** Parses argv and runs the command; resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code = 0;
  const program = createProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; message?: string };
    if (typeof e.exitCode === 'number' && typeof e.code === 'string' && e.code.startsWith('commander.')) return e.exitCode;
    io.stderr(`mapwright: ${e.message ?? String(err)}\n`);
    return 1;
  }
  return code;
}
