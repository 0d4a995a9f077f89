import { SpecCatalogError } from './spec-catalog.error';

/** The manifest format this library writes and validates; older manifests are migrated on read. */
export const SPEC_SCHEMA_VERSION = 2;

type RawManifest = Record<string, unknown>;

/**
 * One step per version: `MIGRATIONS[n]` turns a version-n manifest into version n+1.
 * v1 kept schema refs under `schemas: {input, output}`, tables under `tables`, and a flat `timeoutMs`.
 */
const MIGRATIONS: Record<number, (m: RawManifest) => RawManifest> = {
  1: (m) => {
    const { schemas, tables, timeoutMs, ...rest } = m;
    const refs = (schemas ?? {}) as { input?: unknown; output?: unknown };
    const guardrails = { ...((rest.guardrails as object | undefined) ?? {}) } as Record<string, unknown>;
    if (timeoutMs !== undefined && guardrails.timeoutMs === undefined) guardrails.timeoutMs = timeoutMs;
    const next: RawManifest = { ...rest, schemaVersion: 2 };
    if (refs.input !== undefined) next.input = { schema: refs.input };
    if (refs.output !== undefined) next.output = { schema: refs.output };
    if (tables !== undefined) next.referenceTables = tables;
    if (Object.keys(guardrails).length > 0) next.guardrails = guardrails;
    return next;
  },
};

/**
 * Applies the migration chain to a parsed spec.yaml. A manifest without `schemaVersion` is read as v1.
 * Throws `MW_SPEC_SCHEMA_VERSION` for versions newer than this library understands.
 */
export function migrateManifest(raw: unknown, target: number = SPEC_SCHEMA_VERSION): RawManifest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SpecCatalogError('MW_SPEC_MANIFEST_SHAPE', 'spec.yaml must hold a mapping (key: value pairs) at the top level');
  }
  let current = { ...(raw as RawManifest) };
  let version = current.schemaVersion === undefined ? 1 : current.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new SpecCatalogError('MW_SPEC_SCHEMA_VERSION', `schemaVersion must be a positive integer, got ${JSON.stringify(version)}`);
  }
  if (version > target) {
    throw new SpecCatalogError(
      'MW_SPEC_SCHEMA_VERSION',
      `schemaVersion ${version} is newer than this tool understands (${target}); upgrade @mapwright/spec-catalog`,
    );
  }
  while (version < target) {
    const step = MIGRATIONS[version];
    if (!step) throw new SpecCatalogError('MW_SPEC_SCHEMA_VERSION', `no migration from schemaVersion ${version}`);
    current = step(current);
    version += 1;
    current.schemaVersion = version;
  }
  return current;
}
