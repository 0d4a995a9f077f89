import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { MappingEngine } from '@mapwright/mapping-engine';
import { findSpec, formatCaseDiff, loadSpecCatalog, parseSpecSelector, runSpecTests, type LoadedSpecVersion, type SpecCaseResult, type SpecTestReport } from '@mapwright/spec-catalog';
import { catalogOptionsOf, specsDirOf, type CliIo, type GlobalOptions } from '../cli-io';
import { formatProblem } from './spec-lint';

export interface SpecTestOptions extends GlobalOptions {
  id?: string;
  json?: boolean;
  generated?: boolean;
  runs?: number;
  seed?: number;
  /** `both`: every case and generated input on the compiled path and the interpreter; a difference fails. */
  engines?: 'spec' | 'both';
}

/** `spec test [id[@version]]`: runs test cases, properties and generated inputs; 1 on any failure or problem. */
export async function specTest(opts: SpecTestOptions, io: CliIo): Promise<number> {
  if (opts.engines !== undefined && opts.engines !== 'spec' && opts.engines !== 'both') {
    io.stderr(`--engines must be spec or both, got ${String(opts.engines)}\n`);
    return 1;
  }
  const catalog = loadSpecCatalog(specsDirOf(opts, io), catalogOptionsOf(opts, io));
  const selector = opts.id ? parseSpecSelector(opts.id) : undefined;
  let specs: LoadedSpecVersion[];
  if (selector) {
    const found = selector.version ? findSpec(catalog, selector.id, selector.version) : undefined;
    specs = found ? [found] : catalog.specs.filter((s) => s.id === selector.id && !selector.version);
    if (specs.length === 0) {
      io.stderr(`spec ${opts.id} not found in ${specsDirOf(opts, io)}\n`);
      return 1;
    }
  } else specs = catalog.specs;
  const problems = catalog.problems.filter((p) => !selector || p.file.split(/[\\/]/).includes(selector.id));

  const engine = new MappingEngine({ reference: catalog.reference });
  const total = specs.reduce((n, s) => n + s.tests.length, 0);
  const bar = io.isTTY && !opts.json ? new SingleBar({ stream: io.progressStream, format: 'spec test [{bar}] {value}/{total} {spec}', hideCursor: true }) : undefined;
  bar?.start(total, 0, { spec: '' });
  const reports: SpecTestReport[] = [];
  for (const spec of specs) {
    if (!bar && !opts.json) io.stdout(`${spec.id}@${spec.version}\n`);
    const report = await runSpecTests(spec, engine, {
      generated: opts.generated !== false,
      ...(opts.engines ? { engines: opts.engines } : {}),
      ...(opts.runs ? { generatedRuns: opts.runs } : {}),
      ...(opts.seed !== undefined ? { generatedSeed: opts.seed } : {}),
      onCase: (c) => {
        if (bar) bar.increment(1, { spec: spec.id });
        else if (!opts.json) io.stdout(formatCase(c));
      },
    });
    reports.push(report);
    if (!bar && !opts.json && report.generated) io.stdout(formatGenerated(report));
  }
  bar?.stop();

  const failed = reports.filter((r) => !r.passed);
  if (opts.json) {
    io.stdout(`${JSON.stringify({ passed: failed.length === 0 && problems.length === 0, problems, reports }, null, 2)}\n`);
  } else {
    if (bar) {
      // With a progress bar only failures are listed, once the bar is gone.
      for (const r of failed) {
        io.stdout(`${r.specId}@${r.version}\n`);
        for (const c of r.cases.filter((x) => !x.passed)) io.stdout(formatCase(c));
        if (r.generated && !r.generated.passed) io.stdout(formatGenerated(r));
      }
    }
    for (const p of problems) io.stdout(`${formatProblem(p, io.cwd)}\n`);
    const cases = reports.reduce((n, r) => n + r.total, 0);
    const failedCases = reports.reduce((n, r) => n + r.failed, 0);
    io.stdout(
      `\n${reports.length} spec version${reports.length === 1 ? '' : 's'}, ${cases - failedCases}/${cases} cases passed` +
        `${failed.length > 0 ? `, ${failed.length} spec version${failed.length === 1 ? '' : 's'} failing` : ''}` +
        `${problems.length > 0 ? `, ${problems.length} lint problem${problems.length === 1 ? '' : 's'}` : ''}\n`,
    );
  }
  return failed.length === 0 && problems.length === 0 ? 0 : 1;
}

function formatCase(c: SpecCaseResult): string {
  if (c.passed) return `  ok    ${c.name}\n`;
  const lines = [`  FAIL  ${c.name}  (${c.file})`];
  if (c.message) lines.push(`        ${c.message}`);
  for (const d of formatCaseDiff(c.diff)) lines.push(`        ${d}`);
  for (const p of c.properties.filter((x) => !x.passed)) lines.push(`        property ${p.name}: ${p.message ?? 'failed'}`);
  return `${lines.join('\n')}\n`;
}

function formatGenerated(r: SpecTestReport): string {
  const g = r.generated;
  if (!g) return '';
  if (g.passed) return `  ok    generated inputs (${g.runs} runs, seed ${g.seed})\n`;
  return `  FAIL  generated inputs (seed ${g.seed}): ${g.message ?? 'failed'}\n        counterexample: ${JSON.stringify(g.counterexample)}\n`;
}

export function registerSpecTest(spec: Command, io: CliIo, done: (code: number) => void): void {
  spec
    .command('test [id]')
    .description('run the test cases, properties and generated-input tests of every spec, or of one id[@version]')
    .option('--json', 'print the reports as JSON')
    .option('--no-generated', 'skip generated-input property tests')
    .option('--runs <n>', 'generated inputs per spec (overrides spec.yaml)', (v) => Number.parseInt(v, 10))
    .option('--seed <n>', 'seed for generated inputs (overrides spec.yaml)', (v) => Number.parseInt(v, 10))
    .option('--engines <which>', 'spec: the engine spec.yaml chooses; both: compiled and interpreter, failing on any difference', 'spec')
    .action(async (id: string | undefined, local: Omit<SpecTestOptions, 'id'>, cmd: Command) => {
      done(await specTest({ ...cmd.optsWithGlobals<GlobalOptions>(), ...local, id }, io));
    });
}
