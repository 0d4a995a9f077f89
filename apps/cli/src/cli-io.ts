import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Everything a command touches outside itself, so commands run the same in-process (tests) and as the binary. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stdout is an interactive terminal (progress bars only then). */
  isTTY: boolean;
  /** Writable stream for the progress bar; only used when isTTY. */
  progressStream?: NodeJS.WritableStream;
  readStdin(): Promise<string>;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    progressStream: process.stdout,
    readStdin: () =>
      new Promise((resolveText, reject) => {
        const chunks: Buffer[] = [];
        process.stdin.on('data', (c: Buffer) => chunks.push(c));
        process.stdin.on('end', () => resolveText(Buffer.concat(chunks).toString('utf8')));
        process.stdin.on('error', reject);
      }),
    cwd: process.cwd(),
  };
}

/** Repository root, from either apps/cli/src (ts) or apps/cli/dist (built). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const DEFAULT_SPECS_DIR = resolve(REPO_ROOT, 'mapping-specs');
/** The public contracts sit beside the checkout, wherever --specs-dir points. */
export const DEFAULT_CONTRACTS_DIR = resolve(REPO_ROOT, '..', 'shared', 'contracts');

export interface GlobalOptions {
  specsDir?: string;
  contractsDir?: string;
}

export function specsDirOf(opts: GlobalOptions, io: CliIo): string {
  return opts.specsDir ? resolve(io.cwd, opts.specsDir) : DEFAULT_SPECS_DIR;
}

export function catalogOptionsOf(opts: GlobalOptions, io: CliIo): { contractsDir?: string } {
  return { contractsDir: opts.contractsDir ? resolve(io.cwd, opts.contractsDir) : DEFAULT_CONTRACTS_DIR };
}

/** Reads a file, or stdin for "-". */
export async function readInputText(source: string, io: CliIo): Promise<string> {
  return source === '-' ? io.readStdin() : readFileSync(resolve(io.cwd, source), 'utf8');
}
