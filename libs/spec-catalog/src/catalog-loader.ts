import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ExecutableSpec } from '@mapwright/mapping-engine';
import { migrateManifest } from './manifest-migrations';
import { validateMeta } from './meta-schemas';
import { loadReferenceData } from './reference-loader';
import { jsonataSyntaxError } from './jsonata-syntax';
import { loadRoutingRules } from './routing';
import { resolveSchemaRef } from './schema-resolver';
import { compareSemver } from './semver';
import { SpecCatalogError } from './spec-catalog.error';
import { loadTestCases } from './test-case-loader';
import type { LintProblem, LoadCatalogOptions, LoadedSpecVersion, SpecCatalog, SpecManifest } from './types';
import { locate, readYamlFile, type YamlSource } from './yaml-source';

/** Folders under the catalog root that hold shared metadata rather than specs. */
const RESERVED_DIRS = new Set(['reference', 'routing', 'scenarios']);

export function defaultContractsDir(rootDir: string): string {
  return resolve(rootDir, '..', '..', 'shared', 'contracts');
}

/** Reads every `<id>/<version>/spec.yaml` under rootDir with reference data and routing rules; never throws for bad metadata. */
export function loadSpecCatalog(rootDir: string, options: LoadCatalogOptions = {}): SpecCatalog {
  const root = resolve(rootDir);
  const contractsDir = options.contractsDir ?? defaultContractsDir(root);
  const problems: LintProblem[] = [];
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new SpecCatalogError('MW_SPEC_CATALOG_MISSING', `mapping-specs folder not found: ${root}`);
  }
  const ref = loadReferenceData(join(root, 'reference'));
  problems.push(...ref.problems);
  const routing = loadRoutingRules(join(root, 'routing'));
  problems.push(...routing.problems);

  const specs: LoadedSpecVersion[] = [];
  const seen = new Map<string, string>();
  for (const id of listDirs(root).filter((d) => !RESERVED_DIRS.has(d))) {
    for (const version of listDirs(join(root, id))) {
      const dir = join(root, id, version);
      const file = join(dir, 'spec.yaml');
      if (!existsSync(file)) {
        problems.push({ file: dir, code: 'MW_SPEC_MANIFEST_MISSING', message: 'spec folder has no spec.yaml' });
        continue;
      }
      const spec = loadSpecVersion(dir, file, contractsDir, Object.keys(ref.reference.tables), Object.keys(ref.reference.uomProfiles), problems);
      if (!spec) continue;
      const key = `${spec.id}@${spec.version}`;
      if (seen.has(key)) {
        problems.push({ file, code: 'MW_SPEC_DUPLICATE', message: `${key} is already defined in ${seen.get(key)}` });
        continue;
      }
      seen.set(key, file);
      specs.push(spec);
    }
  }
  specs.sort((a, b) => a.id.localeCompare(b.id) || compareSemver(a.version, b.version));
  return { specs, reference: ref.reference, routing: routing.rules, scenariosDir: join(root, 'scenarios'), problems };
}

export function lintCatalog(rootDir: string, options: LoadCatalogOptions = {}): LintProblem[] {
  try {
    return loadSpecCatalog(rootDir, options).problems;
  } catch (err) {
    if (err instanceof SpecCatalogError) return [{ file: resolve(rootDir), code: err.code, message: err.message }];
    throw err;
  }
}

/** The named version, or the highest semver of that id when version is omitted. */
export function findSpec(catalog: Pick<SpecCatalog, 'specs'>, id: string, version?: string): LoadedSpecVersion | undefined {
  const candidates = catalog.specs.filter((s) => s.id === id);
  if (version) return candidates.find((s) => s.version === version);
  return [...candidates].sort((a, b) => compareSemver(b.version, a.version))[0];
}

/** Parses `id` or `id@version` as used on the command line and in the runtime API. */
export function parseSpecSelector(selector: string): { id: string; version?: string } {
  const at = selector.lastIndexOf('@');
  return at > 0 ? { id: selector.slice(0, at), version: selector.slice(at + 1) } : { id: selector };
}

function listDirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
}

function loadSpecVersion(dir: string, file: string, contractsDir: string, tableIds: string[], uomProfileIds: string[], problems: LintProblem[]): LoadedSpecVersion | undefined {
  const read = readYamlFile(file);
  if (!read.ok) {
    problems.push(...read.problems);
    return undefined;
  }
  const source = read.source;
  const raw = source.value as Record<string, unknown>;
  let migrated: Record<string, unknown>;
  try {
    migrated = migrateManifest(raw);
  } catch (err) {
    const e = err as SpecCatalogError;
    problems.push({ file, ...locate(source, '/schemaVersion'), code: e.code ?? 'MW_SPEC_SCHEMA_VERSION', message: e.message });
    return undefined;
  }
  const violations = validateMeta('spec-manifest', migrated);
  if (violations.length > 0) {
    for (const v of violations) {
      problems.push({ file, ...locate(source, v.pointer), code: 'MW_SPEC_MANIFEST_SCHEMA', pointer: v.pointer, message: `${v.pointer || '/'} ${v.message}` });
    }
    return undefined;
  }
  const manifest = migrated as unknown as SpecManifest;
  let fatal = false;
  const problem = (pointer: string, code: string, message: string, isFatal = true) => {
    problems.push({ file, ...locate(source, pointer), code, pointer, message });
    fatal ||= isFatal;
  };

  const version = dir.split(/[\\/]/).pop();
  const id = dirname(dir).split(/[\\/]/).pop();
  // Reported, not fatal: the spec still loads so that a copied folder also shows up as a duplicate id@version.
  if (manifest.id !== id) problem('/id', 'MW_SPEC_PATH_MISMATCH', `id "${manifest.id}" does not match folder "${id}"`, false);
  if (manifest.version !== version) problem('/version', 'MW_SPEC_PATH_MISMATCH', `version "${manifest.version}" does not match folder "${version}"`, false);

  for (const [index, table] of (manifest.referenceTables ?? []).entries()) {
    if (!tableIds.includes(table)) problem(`/referenceTables/${index}`, 'MW_SPEC_REFERENCE_UNKNOWN', `unknown reference table "${table}"`);
  }

  for (const [index, profile] of (manifest.uomProfiles ?? []).entries()) {
    if (!uomProfileIds.includes(profile)) problem(`/uomProfiles/${index}`, 'MW_SPEC_REFERENCE_UNKNOWN', `unknown UOM profile "${profile}"`);
  }

  const schemas: { input?: object; output?: object } = {};
  for (const side of ['input', 'output'] as const) {
    const schemaRef = manifest[side].schema;
    try {
      schemas[side] = resolveSchemaRef(schemaRef, contractsDir, dir);
    } catch (err) {
      const e = err as SpecCatalogError;
      // Without the contracts folder the spec still runs, only unchecked; anything else blocks it.
      problem(`/${side}/schema`, e.code ?? 'MW_SPEC_SCHEMA_REF_UNKNOWN', `${side} schema ${schemaRef}: ${e.message}`, e.code !== 'MW_SPEC_CONTRACT_MISSING');
    }
  }

  const exprFile = join(dir, manifest.expression ?? 'mapping.jsonata');
  let expression = '';
  try {
    expression = readFileSync(exprFile, 'utf8');
  } catch {
    problems.push({ file: exprFile, code: 'MW_SPEC_EXPRESSION_MISSING', message: 'mapping expression file not found' });
    return undefined;
  }
  const syntax = jsonataSyntaxError(expression);
  if (syntax) {
    problems.push({ file: exprFile, ...positionToLineCol(expression, syntax.position), code: syntax.code, message: syntax.message });
    fatal = true;
  }
  for (const [index, prop] of (manifest.properties ?? []).entries()) {
    const err = jsonataSyntaxError(prop.expression);
    if (err) problem(`/properties/${index}/expression`, err.code, `property ${prop.name}: ${err.message}`);
  }

  const tests = loadTestCases(join(dir, 'tests'), problems);
  if (fatal) return undefined;

  const guardrails = manifest.guardrails ?? {};
  const engine = manifest.engine ?? 'auto';
  const executable: ExecutableSpec = {
    id: manifest.id,
    version: manifest.version,
    expression,
    ...(schemas.input ? { inputSchema: schemas.input } : {}),
    ...(schemas.output ? { outputSchema: schemas.output } : {}),
    guardrails,
    engine,
  };
  return {
    id: manifest.id,
    version: manifest.version,
    kind: manifest.kind,
    description: manifest.description,
    owner: manifest.owner,
    riskClass: manifest.riskClass,
    schemaVersion: manifest.schemaVersion,
    inputSchemaRef: manifest.input.schema,
    outputSchemaRef: manifest.output.schema,
    referenceTables: manifest.referenceTables ?? [],
    guardrails,
    engine,
    dir,
    manifest: raw,
    expression,
    tests,
    properties: manifest.properties ?? [],
    ...(manifest.generatedInputs ? { generatedInputs: manifest.generatedInputs } : {}),
    executable,
  };
}

/** JSONata positions count characters from 1 up to the end of the offending token. */
export function positionToLineCol(text: string, position?: number): { line?: number; column?: number } {
  if (position === undefined) return {};
  const before = text.slice(0, Math.max(0, position));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length };
}

export type { YamlSource };
