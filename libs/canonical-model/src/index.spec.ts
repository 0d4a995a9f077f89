import * as model from './index';
import type { Money, TimeEntry } from './index';

describe('package entry point', () => {
  it('exports the public API', () => {
    for (const name of [
      'loadCanonicalSchemas', 'canonicalSchemaId', 'createCanonicalValidator', 'validateCanonical',
      'isCanonical', 'listSensitivePaths', 'maskSensitive',
    ] as const) {
      expect([name, typeof model[name]]).toEqual([name, 'function']);
    }
    expect(model.SCHEMA_DIR).toMatch(/canonical-model[\\/]schemas$/);
    expect(model.UNIT_CODES).toContain('HUR');
    expect(model.CURRENCY_MINOR_UNITS.JPY).toBe(0);
  });

  it('generated types describe what the validator accepts', () => {
    const rate: Money = { amount: '150.00', currency: 'GBP' };
    const entry: TimeEntry = {
      id: 'te-1', externalRefs: [{ system: 'harvest', id: '1' }], sourceSystem: 'harvest', employeeId: 'emp-1',
      projectId: 'prj-1', date: '2025-03-03', quantity: { value: '7.5', unit: 'HUR' }, billable: true,
      status: 'approved', revision: 1, explicitRate: rate,
    };
    expect(model.validateCanonical('TimeEntry', entry)).toEqual([]);
  });
});
