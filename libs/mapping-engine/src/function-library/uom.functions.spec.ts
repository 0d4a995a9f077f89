import { MappingEngine } from '../engine/mapping-engine';
import { MappingError } from '../errors/mapping-error';
import type { ReferenceData } from '../types';
import { formatIsoDuration, parseIsoDurationSeconds } from './iso-duration';
import { convertUom } from './uom.functions';
import fc from 'fast-check';
import { Dec, decText, toDec } from './decimal-value';

const reference: ReferenceData = {
  tables: {},
  uomProfiles: {
    'standard-8h': { id: 'standard-8h', hoursPerDay: '8', daysPerWeek: '5', daysPerMonth: '21.75' },
    'short-7.5h': { id: 'short-7.5h', hoursPerDay: '7.5', daysPerWeek: '5' },
  },
  defaultUomProfile: 'standard-8h',
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof MappingError ? err.code : 'not a MappingError';
  }
  return undefined;
}

describe('$uom conversions', () => {
  it('converts fixed time units exactly', () => {
    expect(convertUom(90, 'MIN', 'HUR', reference)).toBe('1.5');
    expect(convertUom('1.25', 'HUR', 'SEC', reference)).toBe('4500');
  });

  it('takes day, working day, week and month lengths from the profile', () => {
    expect(convertUom(1, 'DAY', 'HUR', reference)).toBe('8');
    expect(convertUom(1, 'DAY', 'HUR', reference, 'short-7.5h')).toBe('7.5');
    expect(convertUom(2, 'E49', 'HUR', reference)).toBe('16');
    expect(convertUom(2, 'E49', 'HUR', reference, 'short-7.5h')).toBe('15');
    expect(convertUom(1, 'WEE', 'HUR', reference)).toBe('40');
    expect(convertUom(1, 'WEE', 'HUR', reference, 'short-7.5h')).toBe('37.5');
    expect(convertUom(15, 'HUR', 'E49', reference, 'short-7.5h')).toBe('2');
    expect(convertUom(1, 'MON', 'HUR', reference)).toBe('174');
  });

  it('parses and formats ISO 8601 durations', () => {
    expect(convertUom('PT1H30M', 'ISO8601', 'HUR', reference)).toBe('1.5');
    // ISO 8601 days stay nominal 24 h: a duration is calendar time, not effort.
    expect(convertUom('P1DT2H', 'ISO8601', 'HUR', reference)).toBe('26');
    expect(convertUom('PT0.5H', 'ISO8601', 'MIN', reference)).toBe('30');
    expect(convertUom(1.5, 'HUR', 'ISO8601', reference)).toBe('PT1H30M');
    expect(convertUom(1, 'E49', 'ISO8601', reference, 'short-7.5h')).toBe('PT7H30M');
    expect(formatIsoDuration(new Dec('0'))).toBe('PT0S');
    expect(formatIsoDuration(new Dec('-3661.5'))).toBe('-PT1H1M1.5S');
    expect(parseIsoDurationSeconds('P1W').toString()).toBe('604800');
  });

  it('keeps C62 (a count) apart from time', () => {
    expect(convertUom('3', 'C62', 'C62', reference)).toBe('3');
    expect(codeOf(() => convertUom(3, 'C62', 'HUR', reference))).toBe('MW_UOM_UNKNOWN');
  });

  it('refuses unknown units, profiles, calendar durations and malformed text with MW_UOM_UNKNOWN', () => {
    expect(codeOf(() => convertUom(1, 'FTN', 'HUR', reference))).toBe('MW_UOM_UNKNOWN');
    expect(codeOf(() => convertUom(1, 'E49', 'HUR', reference, 'nobody'))).toBe('MW_UOM_UNKNOWN');
    expect(codeOf(() => convertUom(1, 'MON', 'HUR', reference, 'short-7.5h'))).toBe('MW_UOM_UNKNOWN');
    expect(codeOf(() => convertUom('P1M', 'ISO8601', 'HUR', reference))).toBe('MW_UOM_UNKNOWN');
    expect(codeOf(() => convertUom('PT', 'ISO8601', 'HUR', reference))).toBe('MW_UOM_UNKNOWN');
    expect(codeOf(() => convertUom('1 hour', 'ISO8601', 'HUR', reference))).toBe('MW_UOM_UNKNOWN');
    expect(codeOf(() => convertUom(1, 'E49', 'HUR', undefined))).toBe('MW_UOM_UNKNOWN');
  });

  it('runs inside a mapping with the engine’s reference data, per named profile', async () => {
    const engine = new MappingEngine({ reference });
    const spec = { id: 'uom', version: '1.0.0', expression: '{"std": $uom(days, "E49", "HUR"), "short": $uom(days, "E49", "HUR", "short-7.5h")}' };
    const result = await engine.run(spec, { days: 3 });
    expect(result).toMatchObject({ ok: true, output: { std: '24', short: '22.5' } });
    const bad = await engine.run({ ...spec, expression: '$uom(1, "XXX", "HUR")' }, {});
    expect(bad).toMatchObject({ ok: false, error: { code: 'MW_UOM_UNKNOWN' } });
  });
});

describe('$uom small-number fast path', () => {
  const seconds: Record<string, number> = { SEC: 1, MIN: 60, HUR: 3600 };
  it('gives what the decimal.js path gives between fixed units and to ISO 8601', () => {
    const value = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }).chain((n) => fc.integer({ min: 0, max: 6 }).map((p) => (n / 10 ** p).toFixed(p))),
      fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
    );
    fc.assert(
      fc.property(value, fc.constantFrom('SEC', 'MIN', 'HUR'), fc.constantFrom('SEC', 'MIN', 'HUR', 'ISO8601'), (v, from, to) => {
        const secs = toDec(v).times(seconds[from]);
        const expected = to === 'ISO8601' ? formatIsoDuration(secs) : decText(secs.dividedBy(seconds[to]));
        expect(convertUom(v, from, to, reference)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    expect(convertUom(90, 'MIN', 'HUR', reference)).toBe('1.5');
    expect(convertUom('-45', 'MIN', 'HUR', reference)).toBe('-0.75');
    expect(convertUom(20, 'MIN', 'HUR', reference)).toBe(decText(toDec(20).times(60).dividedBy(3600)));
    expect(convertUom('0.001', 'SEC', 'HUR', reference)).toBe(decText(toDec('0.001').dividedBy(3600)));
  });
});
