import { resolve } from 'node:path';
import type { Command } from 'commander';
import { MappingEngine } from '@mapwright/mapping-engine';
import {
  diffSpecOutputs,
  findSpec,
  formatChange,
  loadSpecCatalog,
  loadSpecSamples,
  parseSpecSelector,
  samplesFromTests,
  type SpecDiffReport,
} from '@mapwright/spec-catalog';
import { catalogOptionsOf, specsDirOf, type CliIo, type GlobalOptions } from '../cli-io';

export interface SpecDiffOptions extends GlobalOptions {
  before: string;
  after: string;
  samples?: string;
  json?: boolean;
}

/** `spec diff <id>@<a> <id>@<b>`: which output fields change on which samples. 0 unless a spec or sample is missing. */
export async function specDiff(opts: SpecDiffOptions, io: CliIo): Promise<number> {
  const catalog = loadSpecCatalog(specsDirOf(opts, io), catalogOptionsOf(opts, io));
  const pick = (selector: string) => {
    const { id, version } = parseSpecSelector(selector);
    return findSpec(catalog, id, version);
  };
  const a = pick(opts.before);
  const b = pick(opts.after);
  for (const [sel, spec] of [[opts.before, a], [opts.after, b]] as const) {
    if (!spec) {
      io.stderr(`spec ${sel} not found\n`);
      return 1;
    }
  }
  if (!a || !b) return 1;
  let samples;
  try {
    samples = opts.samples ? loadSpecSamples(resolve(io.cwd, opts.samples)) : samplesFromTests(a, b);
  } catch (err) {
    io.stderr(`${(err as Error).message}\n`);
    return 1;
  }
  const report = await diffSpecOutputs(new MappingEngine({ reference: catalog.reference }), a, b, samples);
  io.stdout(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return 0;
}

export function formatReport(r: SpecDiffReport): string {
  const out = [`${r.before.id}@${r.before.version} -> ${r.after.id}@${r.after.version}`];
  for (const s of r.samples) {
    if (s.status === 'unchanged') {
      out.push(`  = ${s.name}`);
    } else if (s.status === 'changed') {
      out.push(`  ~ ${s.name}`);
      for (const c of s.changes) out.push(`      ${formatChange(c)}`);
    } else {
      const err = (e?: { code: string; message: string }) => (e ? `${e.code} ${e.message}` : 'ok');
      out.push(`  ! ${s.name}  ${s.status === 'both-failed' ? 'fails in both' : 'outcome changed'}: before ${err(s.errorBefore)}; after ${err(s.errorAfter)}`);
    }
  }
  const sum = r.summary;
  out.push('', `${sum.samples} samples: ${sum.unchanged} unchanged, ${sum.changed} changed, ${sum.errorChanged} outcome changed, ${sum.bothFailed} failing in both`);
  const fields = Object.entries(sum.fields).sort(([x], [y]) => x.localeCompare(y));
  if (fields.length > 0) {
    out.push('fields changed (samples):');
    for (const [field, n] of fields) {
      const parts = [n.added && `+${n.added}`, n.removed && `-${n.removed}`, n.changed && `~${n.changed}`].filter(Boolean);
      out.push(`  ${field}  ${parts.join(' ')}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function registerSpecDiff(spec: Command, io: CliIo, done: (code: number) => void): void {
  spec
    .command('diff <before> <after>')
    .description('run two spec versions (id@version) over the same samples and show which output fields change')
    .option('--samples <dir>', 'folder of *.json inputs or *.yaml test cases (default: the test inputs of both versions)')
    .option('--json', 'print the report as JSON')
    .action(async (before: string, after: string, local: { samples?: string; json?: boolean }, cmd: Command) => {
      done(await specDiff({ ...cmd.optsWithGlobals<GlobalOptions>(), ...local, before, after }, io));
    });
}
