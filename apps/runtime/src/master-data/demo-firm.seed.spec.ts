import { demoFirm } from './demo-firm.seed';
import { masterDataType } from './master-data.types';

describe('demo firm seed', () => {
  const rows = demoFirm();

  it('passes the validation and authority rules of every type', () => {
    const problems = rows.flatMap(([type, write]) => {
      const def = masterDataType(type);
      if (!def) return [`${type}: unknown type`];
      const errors = [...(def.validate?.(write.object) ?? []), ...(def.attributes?.(write.attributes ?? {}) ?? [])];
      return [...errors.map((e) => `${type} ${write.object.id}${e.pointer}: ${e.message}`), ...(write.sourceSystem === def.authority ? [] : [`${type}: not from ${def.authority}`])];
    });
    expect(problems).toEqual([]);
  });

  it('has unique ids per type and twenty employees', () => {
    const keys = rows.map(([type, w]) => `${type}:${w.object.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.filter(([t]) => t === 'employee')).toHaveLength(20);
  });
});
