import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INBOUND_MASTER_DATA_SOURCES, nativeId } from './inbound-master-data.sources';
import { masterDataType } from './master-data.types';

const specsDir = resolve(__dirname, '../../../../mapping-specs');

describe('inbound master-data sources', () => {
  const routes = INBOUND_MASTER_DATA_SOURCES.flatMap((s) => Object.entries(s.types).map(([type, route]) => ({ source: s, type, route })));

  it('routes only known master-data types to shipped specs', () => {
    expect(routes.length).toBeGreaterThan(0);
    for (const { type, route } of routes) {
      expect(masterDataType(type)).toBeDefined();
      expect(existsSync(join(specsDir, route.specId))).toBe(true);
    }
  });

  it('lets Harvest write projects as the PSA and not customers, which the CRM owns', () => {
    const harvest = INBOUND_MASTER_DATA_SOURCES.find((s) => s.source === 'harvest');
    expect(masterDataType('project')?.authority).toBe(harvest?.role);
    expect(masterDataType('customer')?.authority).not.toBe(harvest?.role);
  });

  it('references name existing types and no route keeps the id from a stored object', () => {
    for (const { route } of routes) {
      for (const ref of route.references) expect(masterDataType(ref.type)).toBeDefined();
      expect(route.keep).not.toContain('id');
    }
  });

  it('reads the native id as text, and nothing from a record without one', () => {
    expect(nativeId({ id: 2001 })).toBe('2001');
    expect(nativeId({ id: 'abc' })).toBe('abc');
    expect(nativeId({ id: '' })).toBeNull();
    expect(nativeId({ id: { nested: 1 } })).toBeNull();
    expect(nativeId(null)).toBeNull();
  });
});
