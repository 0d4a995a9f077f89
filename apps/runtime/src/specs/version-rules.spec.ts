import { breakingSchemaChanges, canTransition, checkSemverBump, isGreaterThanAll, requiredApprovals } from './version-rules';

const base = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, hours: { type: 'string' }, lines: { type: 'array', items: { type: 'object', properties: { amount: { type: 'string' } } } } } };

describe('version rules', () => {
  it('allows only the documented transitions', () => {
    expect(canTransition('DRAFT', 'IN_REVIEW')).toBe(true);
    expect(canTransition('DRAFT', 'PUBLISHED')).toBe(false);
    expect(canTransition('PUBLISHED', 'DRAFT')).toBe(false);
    expect(canTransition('REJECTED', 'IN_REVIEW')).toBe(false);
  });
  it('needs two approvers for financial risk', () => {
    expect(requiredApprovals('financial')).toBe(2);
    expect(requiredApprovals('standard')).toBe(1);
  });
  it('detects removed properties, new required fields and type changes', () => {
    expect(breakingSchemaChanges(base, base)).toEqual([]);
    const added = { ...base, properties: { ...base.properties, note: { type: 'string' } } };
    expect(breakingSchemaChanges(base, added)).toEqual([]);
    const removed = { ...base, properties: { id: base.properties.id, lines: base.properties.lines } };
    expect(breakingSchemaChanges(base, removed)).toEqual(['/hours: property removed']);
    expect(breakingSchemaChanges(base, { ...base, required: ['id', 'hours'] })).toEqual(['/hours: newly required']);
    const retyped = { ...base, properties: { ...base.properties, lines: { type: 'array', items: { type: 'object', properties: { amount: { type: 'number' } } } } } };
    expect(breakingSchemaChanges(base, retyped)).toEqual(['/lines/items/amount: type changed from string to number']);
  });
  it('requires a major bump for breaking changes only', () => {
    expect(checkSemverBump('1.2.0', '1.3.0', []).ok).toBe(true);
    expect(checkSemverBump('1.2.0', '1.3.0', ['/x: property removed']).ok).toBe(false);
    expect(checkSemverBump('1.2.0', '2.0.0', ['/x: property removed']).ok).toBe(true);
    expect(checkSemverBump(undefined, '0.1.0', ['/x: property removed']).ok).toBe(true);
  });
  it('orders new versions above existing ones', () => {
    expect(isGreaterThanAll('1.10.0', ['1.2.0', '1.9.0'])).toBe(true);
    expect(isGreaterThanAll('1.2.0', ['1.2.0'])).toBe(false);
    expect(isGreaterThanAll('not-semver', [])).toBe(false);
  });
});
