import type { Command } from 'commander';
import { MappingEngine, parseJsonInput, type MappingErrorData } from '@mapwright/mapping-engine';
import { findSpec, loadSpecCatalog, parseSpecSelector } from '@mapwright/spec-catalog';
import { catalogOptionsOf, readInputText, specsDirOf, type CliIo, type GlobalOptions } from '../cli-io';
import { toProblem } from '../problem-details';

export interface MapOptions extends GlobalOptions {
  spec: string;
  input: string;
  now?: string;
  asOf?: string;
  bindings?: string;
  pretty?: boolean;
}

/** Exit code for any mapping failure, distinct from 1 (usage or lint errors). */
export const MAP_FAILED = 2;

/** `map --spec id[@version] --input file|-`: output JSON on stdout, or a problem JSON on stderr and exit 2. */
export async function mapCommand(opts: MapOptions, io: CliIo): Promise<number> {
  const fail = (error: Pick<MappingErrorData, 'code' | 'message'> & Partial<MappingErrorData>): number => {
    io.stderr(`${JSON.stringify(toProblem(error), null, 2)}\n`);
    return MAP_FAILED;
  };
  const catalog = loadSpecCatalog(specsDirOf(opts, io), catalogOptionsOf(opts, io));
  const { id, version } = parseSpecSelector(opts.spec);
  const spec = findSpec(catalog, id, version);
  if (!spec) {
    const broken = catalog.problems.filter((p) => p.file.split(/[\\/]/).includes(id));
    const why = broken.length > 0 ? `; it has problems: ${broken.map((p) => `${p.code} ${p.message}`).join('; ')}` : '';
    return fail({ code: 'MW_SPEC_NOT_FOUND', message: `No loadable mapping spec ${opts.spec}${why}` });
  }

  let bindings: Record<string, unknown> | undefined;
  if (opts.bindings !== undefined) {
    try {
      bindings = JSON.parse(opts.bindings) as Record<string, unknown>;
    } catch (err) {
      return fail({ code: 'MW_BINDINGS_INVALID', message: `--bindings is not a JSON object: ${(err as Error).message}` });
    }
    if (bindings === null || typeof bindings !== 'object' || Array.isArray(bindings)) {
      return fail({ code: 'MW_BINDINGS_INVALID', message: '--bindings must be a JSON object' });
    }
  }

  let input: unknown;
  try {
    // Same hygiene as the runtime API: size, depth, duplicate and prototype keys, unsafe integers.
    input = parseJsonInput(await readInputText(opts.input, io), spec.guardrails);
  } catch (err) {
    const e = err as { data?: MappingErrorData; code?: string; message: string };
    if (e.data) return fail(e.data);
    return fail({ code: e.code === 'ENOENT' ? 'MW_INPUT_UNREADABLE' : (e.code ?? 'MW_INPUT_UNREADABLE'), message: e.message });
  }

  const engine = new MappingEngine({ reference: catalog.reference });
  const result = await engine.run(spec.executable, input, { bindings, now: opts.now, asOf: opts.asOf });
  if (!result.ok) return fail({ specId: spec.id, version: spec.version, ...result.error });
  io.stdout(`${JSON.stringify(result.output, null, opts.pretty === false ? undefined : 2)}\n`);
  return 0;
}

export function registerMap(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('map')
    .description('run one mapping on one JSON input; output on stdout, problem JSON on stderr with exit code 2')
    .requiredOption('--spec <id[@version]>', 'spec id, optionally pinned to a version (default: latest)')
    .requiredOption('--input <file|->', 'JSON input file, or - for stdin')
    .option('--bindings <json>', 'extra $variables as a JSON object, e.g. \'{"currency":"GBP"}\'')
    .option('--now <instant>', 'pin $now() to this ISO instant')
    .option('--as-of <date>', 'date for effective-dated lookups')
    .option('--no-pretty', 'print compact JSON')
    .action(async (local: Omit<MapOptions, keyof GlobalOptions>, cmd: Command) => {
      done(await mapCommand({ ...cmd.optsWithGlobals<GlobalOptions>(), ...local }, io));
    });
}
