import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';

type IssueDevToken = (dataDir: string, user: string) => Promise<string>;

export interface TokenOptions {
  user: string;
  dataDir?: string;
}

/**
 * The runtime owns the dev signing key (in its DATA_DIR) and the demo users, so the token is signed
 * by the runtime's own `issueDevToken`; it is loaded from the built runtime at call time because
 * apps may not import each other's sources.
 */
function loadIssuer(io: CliIo): IssueDevToken | undefined {
  const req = createRequire(resolve(io.cwd, 'package.json'));
  let file: string;
  try {
    file = req.resolve('@mapwright/runtime/dist/auth/dev-token.js');
  } catch {
    return undefined;
  }
  return existsSync(file) ? (req(file) as { issueDevToken: IssueDevToken }).issueDevToken : undefined;
}

/** `token --user <name>`: prints a bearer token for a demo user (AUTH_MODE=dev only). */
export async function token(opts: TokenOptions, io: CliIo, issuer: IssueDevToken | undefined = loadIssuer(io)): Promise<number> {
  if (!issuer) {
    io.stderr('mapwright token: the runtime is not built; run `npm run build` first\n');
    return 1;
  }
  const dataDir = resolve(io.cwd, opts.dataDir ?? 'data');
  try {
    io.stdout(`${await issuer(dataDir, opts.user)}\n`);
    return 0;
  } catch (err) {
    io.stderr(`mapwright token: ${(err as Error).message}\n`);
    return 1;
  }
}

export function registerToken(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('token')
    .description('print a dev bearer token for a demo user (alice, bob, carol, dave, erin, psa-bot)')
    .requiredOption('--user <name>', 'demo user name')
    .option('--data-dir <dir>', "the runtime's DATA_DIR, where its signing key lives", 'data')
    .action(async (local: { user: string; dataDir?: string }) => {
      done(await token(local, io));
    });
}
