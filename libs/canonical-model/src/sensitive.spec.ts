import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalSchemaNames } from './schema-registry';
import { MASK, listSensitivePaths, maskSensitive } from './sensitive';

const example = (stem: string): any =>
  JSON.parse(readFileSync(path.join(__dirname, '..', 'examples', `${stem}.json`), 'utf8'));

/** Independent of the implementation: sets "***" at a `$.a.b[*].c` path wherever the value has it. */
function maskAt(value: any, jsonPath: string): void {
  const steps = jsonPath.slice(2).split(/\.|(?=\[\*\])/).filter(Boolean);
  const visit = (node: any, i: number): void => {
    if (node === null || typeof node !== 'object') return;
    const step = steps[i];
    const last = i === steps.length - 1;
    if (step === '[*]') {
      if (!Array.isArray(node)) return;
      node.forEach((item, index) => (last ? (node[index] = MASK) : visit(item, i + 1)));
    } else if (step in node) {
      if (last) node[step] = MASK;
      else visit(node[step], i + 1);
    }
  };
  visit(value, 0);
}

describe('listSensitivePaths', () => {
  it('lists the tagged employee fields, following $ref into common definitions', () => {
    expect(listSensitivePaths('Employee')).toEqual([
      '$.bankAccount.accountNumber',
      '$.bankAccount.iban',
      '$.bankAccount.routingCode',
      '$.costRate',
      '$.dateOfBirth',
      '$.homeAddress',
      '$.payRate',
      '$.personalEmail',
      '$.personalPhone',
      '$.taxId',
    ]);
  });

  it('walks into arrays', () => {
    expect(listSensitivePaths('LegalEntity')).toEqual([
      '$.bankAccounts[*].accountNumber',
      '$.bankAccounts[*].iban',
      '$.bankAccounts[*].routingCode',
    ]);
  });

  it('tags pay and cost amounts on transactions', () => {
    expect(listSensitivePaths('PayrollInput')).toEqual(['$.amount', '$.payRate']);
    expect(listSensitivePaths('CostTransaction')).toEqual(['$.amount', '$.functionalAmount', '$.unitCost']);
  });

  it('leaves customer-facing documents untagged', () => {
    for (const name of ['TimeEntry', 'Invoice', 'InvoiceLine', 'JournalEntry', 'BillableTransaction', 'RateCard']) {
      expect([name, listSensitivePaths(name)]).toEqual([name, []]);
    }
  });

  it('works for every schema and accepts file stems', () => {
    for (const name of canonicalSchemaNames()) expect(Array.isArray(listSensitivePaths(name))).toBe(true);
    expect(listSensitivePaths('legal-entity')).toEqual(listSensitivePaths('LegalEntity'));
    expect(() => listSensitivePaths('Nope')).toThrow(/Unknown canonical schema/);
  });

  it('accepts $ids, with an empty fragment or a pointer into $defs', () => {
    const base = 'https://mapwright.dev/schemas/canonical/';
    expect(listSensitivePaths(`${base}employee.schema.json#`)).toEqual(listSensitivePaths('Employee'));
    expect(listSensitivePaths(`${base}common.schema.json#/$defs/BankAccount`)).toEqual([
      '$.accountNumber',
      '$.iban',
      '$.routingCode',
    ]);
    expect(listSensitivePaths(`${base}common.schema.json#/$defs/Money`)).toEqual([]);
  });
});

describe('maskSensitive', () => {
  it.each(['employee', 'legal-entity', 'payroll-input', 'cost-transaction', 'time-entry', 'invoice', 'journal-entry'])(
    'masks exactly the tagged fields of the %s example',
    (stem) => {
      const original = example(stem);
      const expected = example(stem);
      for (const p of listSensitivePaths(stem)) maskAt(expected, p);
      expect(maskSensitive(stem, original)).toEqual(expected);
      expect(original).toEqual(example(stem));
    },
  );

  it('replaces whole sensitive objects and keeps their siblings', () => {
    const masked = maskSensitive('Employee', example('employee'));
    expect(masked.homeAddress).toBe(MASK);
    expect(masked.payRate).toBe(MASK);
    expect(masked.costRate).toBe(MASK);
    expect(masked.bankAccount).toEqual({ accountName: 'P Shah', accountNumber: MASK, routingCode: MASK, currency: 'GBP' });
    expect(masked.workEmail).toBe('priya.shah@mapwright.example');
    expect(masked.familyName).toBe('Shah');
  });

  it('masks every element of an array', () => {
    const entity = example('legal-entity');
    entity.bankAccounts.push({ accountName: 'USD account', iban: 'GB94BARC10201530093459', currency: 'USD' });
    const masked = maskSensitive('LegalEntity', entity);
    expect(masked.bankAccounts.map((a: any) => a.iban)).toEqual([MASK, MASK]);
    expect(masked.bankAccounts.map((a: any) => a.bic)).toEqual(['BUKBGB22', undefined]);
  });

  it('returns a deep copy even when nothing is masked', () => {
    const entry = example('time-entry');
    const copy = maskSensitive('TimeEntry', entry);
    expect(copy).toEqual(entry);
    expect(copy).not.toBe(entry);
    expect(copy.quantity).not.toBe(entry.quantity);
    expect(copy.externalRefs).not.toBe(entry.externalRefs);
  });

  it('leaves absent fields absent and copies unknown keys unchanged', () => {
    const masked = maskSensitive('Employee', { id: 'e1', extra: { taxId: 'kept' } });
    expect(masked).toEqual({ id: 'e1', extra: { taxId: 'kept' } });
    expect('taxId' in masked).toBe(false);
  });

  it('masks null and scalar values in tagged fields too', () => {
    expect(maskSensitive('Employee', { taxId: null, personalPhone: 447700900123 })).toEqual({ taxId: MASK, personalPhone: MASK });
  });

  it('copies a "__proto__" key as data without touching prototypes', () => {
    const parsed = JSON.parse('{"id":"e1","__proto__":{"polluted":true},"taxId":"QQ1"}');
    const masked: any = maskSensitive('Employee', parsed);
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(masked, '__proto__')).toBe(true);
    expect(masked.taxId).toBe(MASK);
    expect(({} as any).polluted).toBeUndefined();
  });

  it('passes non-object values through', () => {
    expect(maskSensitive('Employee', 'text')).toBe('text');
    expect(maskSensitive('Employee', null)).toBeNull();
  });
});
