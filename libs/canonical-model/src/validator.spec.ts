import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { CANONICAL_SCHEMA_BASE, canonicalSchemaNames, getCanonicalSchema } from './schema-registry';
import { createCanonicalValidator, isCanonical, validateCanonical } from './validator';

const EXAMPLE_DIR = path.join(__dirname, '..', 'examples');
const exampleFiles = readdirSync(EXAMPLE_DIR).filter((f) => f.endsWith('.json')).sort();
const example = (stem: string): any => JSON.parse(readFileSync(path.join(EXAMPLE_DIR, `${stem}.json`), 'utf8'));
const COMMON = `${CANONICAL_SCHEMA_BASE}common.schema.json`;

describe('canonical schemas under ajv 2020 strict mode', () => {
  it.each(canonicalSchemaNames())('%s compiles', (name) => {
    const ajv = createCanonicalValidator();
    expect(() => ajv.getSchema(getCanonicalSchema(name).$id)).not.toThrow();
    expect(ajv.getSchema(getCanonicalSchema(name).$id)).toBeInstanceOf(Function);
  });

  it('lets other schemas $ref canonical ids', () => {
    const ajv = createCanonicalValidator();
    const validate = ajv.compile({ type: 'array', items: { $ref: `${CANONICAL_SCHEMA_BASE}time-entry.schema.json` } });
    expect(validate([example('time-entry')])).toBe(true);
    expect(validate([{ id: 'x' }])).toBe(false);
  });
});

describe('examples', () => {
  it('there is one example per canonical object', () => {
    const stems = exampleFiles.map((f) => f.replace(/\.json$/, '')).sort();
    const objects = readdirSync(path.join(__dirname, '..', 'schemas'))
      .map((f) => f.replace(/\.schema\.json$/, ''))
      .filter((s) => s !== 'common');
    expect(stems).toEqual(objects.sort());
  });

  it.each(exampleFiles)('%s is valid', (file) => {
    expect(validateCanonical(file.replace(/\.json$/, ''), example(file.replace(/\.json$/, '')))).toEqual([]);
  });
});

describe('refusals point at the offending value', () => {
  const entry = () => ({ ...example('time-entry'), explicitRate: { amount: '150.00', currency: 'GBP' } });

  it('accepts the baseline entry', () => {
    expect(validateCanonical('TimeEntry', entry())).toEqual([]);
  });

  it('refuses a money amount given as a number', () => {
    const issues = validateCanonical('TimeEntry', { ...entry(), explicitRate: { amount: 12.5, currency: 'GBP' } });
    expect(issues).toEqual([{ pointer: '/explicitRate/amount', keyword: 'type', message: 'must be string' }]);
  });

  it('refuses a money amount that is not a plain decimal', () => {
    for (const amount of ['1e3', '12.', '.5', '1,000.00', ' 12.50']) {
      const issues = validateCanonical('TimeEntry', { ...entry(), explicitRate: { amount, currency: 'GBP' } });
      expect(issues.map((i) => [i.pointer, i.keyword])).toEqual([['/explicitRate/amount', 'pattern']]);
    }
  });

  it('refuses a currency that is not ISO 4217 alphabetic', () => {
    const issues = validateCanonical('TimeEntry', { ...entry(), explicitRate: { amount: '150.00', currency: 'gbp' } });
    expect(issues.map((i) => [i.pointer, i.keyword])).toEqual([['/explicitRate/currency', 'pattern']]);
  });

  it('refuses a unit outside UN/ECE Rec 20 list', () => {
    const issues = validateCanonical('TimeEntry', { ...entry(), quantity: { value: '7.5', unit: 'HRS' } });
    expect(issues.map((i) => [i.pointer, i.keyword])).toEqual([['/quantity/unit', 'enum']]);
  });

  it('points a missing required field at the field itself', () => {
    const { employeeId: _omitted, ...rest } = entry();
    expect(validateCanonical('TimeEntry', rest)).toEqual([
      { pointer: '/employeeId', keyword: 'required', message: "must have required property 'employeeId'" },
    ]);
  });

  it('refuses unknown properties, pointing at them', () => {
    const issues = validateCanonical('TimeEntry', { ...entry(), hours: 7.5 });
    expect(issues.map((i) => [i.pointer, i.keyword])).toEqual([['/hours', 'additionalProperties']]);
  });

  it('refuses impossible dates and bad statuses', () => {
    const issues = validateCanonical('TimeEntry', { ...entry(), date: '2025-02-30', status: 'done' });
    expect(issues.map((i) => [i.pointer, i.keyword]).sort()).toEqual([['/date', 'format'], ['/status', 'enum']]);
  });

  it('refuses negative journal amounts and reports array positions', () => {
    const journal = example('journal-entry');
    journal.lines[1].credit = '-5625.00';
    const issues = validateCanonical('JournalEntry', journal);
    expect(issues.map((i) => [i.pointer, i.keyword])).toEqual([['/lines/1/credit', 'pattern']]);
  });

  it('escapes "/" and "~" in pointers (RFC 6901)', () => {
    const issues = validateCanonical('Currency', { ...example('currency'), 'a/b~c': 1 });
    expect(issues.map((i) => i.pointer)).toEqual(['/a~1b~0c']);
  });

  it('refuses values of the wrong shape at the root', () => {
    expect(validateCanonical('TimeEntry', null)).toEqual([{ pointer: '', keyword: 'type', message: 'must be object' }]);
  });

  it('narrows types with isCanonical', () => {
    const value: unknown = entry();
    expect(isCanonical('TimeEntry', value)).toBe(true);
    if (isCanonical('TimeEntry', value)) expect(value.quantity.unit).toBe('HUR');
    expect(isCanonical('TimeEntry', { ...entry(), billable: 'yes' })).toBe(false);
  });

  it('throws for an unknown schema name', () => {
    expect(() => validateCanonical('Timesheet', {})).toThrow(/Unknown canonical schema/);
  });
});

describe('contract terms follow the contract type', () => {
  const base = () => {
    const { cap: _cap, ...contract } = example('contract');
    return contract;
  };

  it('requires the cap block for a capped contract', () => {
    expect(validateCanonical('Contract', base()).map((i) => [i.pointer, i.keyword])).toEqual([['/cap', 'required']]);
  });

  it('accepts a fixed-fee schedule and requires it for fixedFee', () => {
    const contract = { ...base(), type: 'fixedFee' };
    expect(validateCanonical('Contract', contract).map((i) => i.pointer)).toEqual(['/fixedFee']);
    const schedule = [{ id: 'ff-1', dueDate: '2025-02-28', amount: { amount: '20000.00', currency: 'GBP' } }];
    const withTerms = { ...contract, fixedFee: { totalAmount: { amount: '20000.00', currency: 'GBP' }, schedule } };
    expect(validateCanonical('Contract', withTerms)).toEqual([]);
  });

  it('accepts milestones with percentages', () => {
    const items = [
      { id: 'm1', name: 'Design signed off', percentage: '40', status: 'achieved', achievedOn: '2025-03-14' },
      { id: 'm2', name: 'Go-live', percentage: '60', status: 'pending', dueDate: '2025-09-30' },
    ];
    const contract = { ...base(), type: 'milestone', milestones: { totalAmount: { amount: '90000.00', currency: 'GBP' }, items } };
    expect(validateCanonical('Contract', contract)).toEqual([]);
  });

  it('requires a period for recurring retainers but not for prepaid blocks', () => {
    const terms = {
      variant: 'prepaidBlock',
      fee: { amount: '14000.00', currency: 'GBP' },
      includedHours: { value: '100', unit: 'HUR' },
      overageRate: { amount: '150.00', currency: 'GBP' },
      blockExpiresOn: '2025-12-31',
    };
    expect(validateCanonical('Contract', { ...base(), type: 'retainer', retainer: terms })).toEqual([]);
    const recurring = { ...terms, variant: 'recurring', rolloverCapHours: { value: '10', unit: 'HUR' } };
    const issues = validateCanonical('Contract', { ...base(), type: 'retainer', retainer: recurring });
    expect(issues.map((i) => [i.pointer, i.keyword])).toEqual([['/retainer/period', 'required']]);
  });

  it('refuses an unknown over-cap policy', () => {
    const contract = { ...example('contract'), cap: { ...example('contract').cap, overCapPolicy: 'ignore' } };
    expect(validateCanonical('Contract', contract).map((i) => i.pointer)).toEqual(['/cap/overCapPolicy']);
  });
});

describe('rate card scopes', () => {
  it('requires the keys that the precedence level names', () => {
    const card = example('rate-card');
    delete card.rows[0].scope.employeeId;
    const issues = validateCanonical('RateCard', card);
    expect(issues.map((i) => [i.pointer, i.keyword])).toEqual([['/rows/0/scope/employeeId', 'required']]);
  });
});

describe('common definitions', () => {
  const ajv = createCanonicalValidator();
  const check = (def: string, value: unknown) => ajv.validate({ $ref: `${COMMON}#/$defs/${def}` }, value);

  it('accepts any decimal-string Money and refuses any numeric amount', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.option(fc.nat({ max: 999999 }), { nil: undefined }))
      .map(([neg, whole, frac]) => `${neg ? '-' : ''}${whole}${frac === undefined ? '' : `.${frac}`}`);
    const currency = fc.constantFrom('USD', 'EUR', 'JPY', 'BHD');
    fc.assert(fc.property(decimal, currency, (amount, code) => check('Money', { amount, currency: code })));
    fc.assert(fc.property(fc.double({ noNaN: true }), currency, (amount, code) => !check('Money', { amount, currency: code })));
  });

  it('validates ISO 8601 durations', () => {
    for (const ok of ['PT7H30M', 'P1D', 'P2W', 'PT0.5S', 'P1Y2M3DT4H5M6S']) expect([ok, check('IsoDuration', ok)]).toEqual([ok, true]);
    for (const bad of ['P', 'PT', '7H', 'P1H', 'PT1D']) expect([bad, check('IsoDuration', bad)]).toEqual([bad, false]);
  });

  it('validates external references and effective periods', () => {
    expect(check('ExternalRefs', [{ system: 'xero', id: 'abc' }])).toBe(true);
    expect(check('ExternalRefs', [{ system: '', id: 'abc' }])).toBe(false);
    expect(check('EffectivePeriod', { validFrom: '2025-01-01' })).toBe(true);
    expect(check('EffectivePeriod', { validTo: '2025-01-01' })).toBe(false);
  });
});
