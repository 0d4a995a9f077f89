import { relative } from 'node:path';
import type { Command } from 'commander';
import { lintCatalog, type LintProblem } from '@mapwright/spec-catalog';
import { catalogOptionsOf, specsDirOf, type CliIo, type GlobalOptions } from '../cli-io';

export interface SpecLintOptions extends GlobalOptions {
  id?: string;
  json?: boolean;
}

/** `spec lint [id]`: 0 when the catalog (or the named spec) has no problems, 1 otherwise. */
export async function specLint(opts: SpecLintOptions, io: CliIo): Promise<number> {
  const specsDir = specsDirOf(opts, io);
  const all = lintCatalog(specsDir, catalogOptionsOf(opts, io));
  const problems = opts.id ? all.filter((p) => belongsTo(p, opts.id as string)) : all;
  if (opts.json) {
    io.stdout(`${JSON.stringify({ specsDir, problems }, null, 2)}\n`);
  } else if (problems.length === 0) {
    io.stdout(`${opts.id ? `${opts.id}: ` : ''}no problems in ${relative(io.cwd, specsDir) || '.'}\n`);
  } else {
    for (const p of problems) io.stdout(`${formatProblem(p, io.cwd)}\n`);
    io.stdout(`${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
  }
  return problems.length === 0 ? 0 : 1;
}

/** `path:line:column  CODE  message`, the shape editors and CI annotators understand. */
export function formatProblem(p: LintProblem, cwd: string): string {
  const where = [relative(cwd, p.file) || p.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined).join(':');
  return `${where}  ${p.code}  ${p.message}`;
}

function belongsTo(p: LintProblem, id: string): boolean {
  const [specId, version] = id.split('@');
  const parts = p.file.split(/[\\/]/);
  const i = parts.indexOf(specId as string);
  return i >= 0 && (version === undefined || parts[i + 1] === version);
}

export function registerSpecLint(spec: Command, io: CliIo, done: (code: number) => void): void {
  spec
    .command('lint [id]')
    .description('check spec manifests, mappings, tests, reference data and routing rules')
    .option('--json', 'print problems as JSON')
    .action(async (id: string | undefined, local: { json?: boolean }, cmd: Command) => {
      done(await specLint({ ...cmd.optsWithGlobals<GlobalOptions>(), ...local, id }, io));
    });
}
