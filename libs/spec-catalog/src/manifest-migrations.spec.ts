import { migrateManifest, SPEC_SCHEMA_VERSION } from './manifest-migrations';
import { validateMeta } from './meta-schemas';

const v1 = {
  schemaVersion: 1,
  id: 'harvest-time-entry',
  version: '0.9.0',
  kind: 'inbound',
  description: 'v1 manifest',
  owner: 'integration-architecture',
  riskClass: 'financial',
  schemas: { input: 'contract:harvest#/components/schemas/TimeEntry', output: 'https://mapwright.dev/schemas/canonical/time-entry.schema.json' },
  tables: ['harvest-task-service-type'],
  timeoutMs: 500,
};

describe('migrateManifest', () => {
  it('is at schemaVersion 2', () => {
    expect(SPEC_SCHEMA_VERSION).toBe(2);
  });

  it('moves v1 schema refs, tables and timeout into the v2 shape, which then validates', () => {
    const migrated = migrateManifest(v1);
    expect(migrated).toEqual({
      schemaVersion: 2,
      id: 'harvest-time-entry',
      version: '0.9.0',
      kind: 'inbound',
      description: 'v1 manifest',
      owner: 'integration-architecture',
      riskClass: 'financial',
      input: { schema: 'contract:harvest#/components/schemas/TimeEntry' },
      output: { schema: 'https://mapwright.dev/schemas/canonical/time-entry.schema.json' },
      referenceTables: ['harvest-task-service-type'],
      guardrails: { timeoutMs: 500 },
    });
    expect(validateMeta('spec-manifest', migrated)).toEqual([]);
  });

  it('reads a manifest without schemaVersion as v1 and leaves the input untouched', () => {
    const { schemaVersion: _v, ...unversioned } = v1;
    const copy = JSON.parse(JSON.stringify(unversioned));
    expect(migrateManifest(unversioned).schemaVersion).toBe(2);
    expect(unversioned).toEqual(copy);
  });

  it('keeps an explicit v2 guardrail over the v1 flat timeout', () => {
    expect(migrateManifest({ ...v1, guardrails: { timeoutMs: 50 } }).guardrails).toEqual({ timeoutMs: 50 });
  });

  it('passes current manifests through', () => {
    const current = migrateManifest(v1);
    expect(migrateManifest(current)).toEqual(current);
  });

  it('refuses newer or malformed versions with a code', () => {
    expect(() => migrateManifest({ ...v1, schemaVersion: 3 })).toThrow(expect.objectContaining({ code: 'MW_SPEC_SCHEMA_VERSION' }));
    expect(() => migrateManifest({ ...v1, schemaVersion: 'two' })).toThrow(expect.objectContaining({ code: 'MW_SPEC_SCHEMA_VERSION' }));
    expect(() => migrateManifest(['not', 'a', 'map'])).toThrow(expect.objectContaining({ code: 'MW_SPEC_MANIFEST_SHAPE' }));
  });
});
