import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_SPECS_DIR, REPO_ROOT, type CliIo } from './cli-io';

/** In-memory terminal for command specs. */
export interface CapturedIo extends CliIo {
  out: () => string;
  err: () => string;
}

export function captureIo(opts: { stdin?: string; isTTY?: boolean; cwd?: string } = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY: opts.isTTY ?? false,
    readStdin: async () => opts.stdin ?? '',
    cwd: opts.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}

/** The public contracts beside the repository, as CI provides them. */
export const CONTRACTS_DIR = resolve(REPO_ROOT, '..', 'shared', 'contracts');

/** The input of one shipped test case, e.g. `harvest-time-entry/1.0.0/tests/01-….yaml`. */
export function caseInput(rel: string): unknown {
  return (parse(readFileSync(join(DEFAULT_SPECS_DIR, rel), 'utf8')) as { input: unknown }).input;
}
