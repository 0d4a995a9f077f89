import fc from 'fast-check';
import { fullFormats } from 'ajv-formats/dist/formats';
import { DATE_TIME_FORMATS } from './date-time-formats';

type Check = { validate: (s: string) => boolean };
const full = (name: 'date' | 'time' | 'date-time') => (fullFormats[name] as Check).validate;

describe('quick date and time formats', () => {
  const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
  const year = fc.oneof(fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')), fc.constantFrom('2000', '1900', '2024', '2023', '0000'));
  const date = fc.tuple(year, two, two).map(([y, m, d]) => `${y}-${m}-${d}`);
  const fraction = fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 20 }).map((n) => `.${'9'.repeat(n)}`), fc.constantFrom('.0', '.123', '.'));
  const zone = fc.oneof(fc.constantFrom('', 'Z', 'z', 'GMT', '+', '-05', '+0530', '+05:30', '-23:59', '+24:00', '+05:60', '+05:3', '+05:300'), fc.tuple(fc.constantFrom('+', '-'), two, fc.constantFrom('', ':'), two).map((p) => p.join('')));
  const time = fc.tuple(two, two, two, fraction, zone).map(([h, m, s, f, z]) => `${h}:${m}:${s}${f}${z}`);
  const separator = fc.constantFrom('T', 't', ' ', '\u00a0', 'x', 'TT', '');
  const mutate = (text: string) => fc.tuple(fc.nat(text.length), fc.constantFrom('', '1', ':', '-', 'T', ' ', '\n')).map(([at, insert]) => text.slice(0, at) + insert + text.slice(at + 1));
  const nearly = (arb: fc.Arbitrary<string>) => fc.oneof(arb, arb.chain(mutate), fc.string({ maxLength: 30 }));

  it('date accepts exactly what ajv-formats accepts', () => {
    fc.assert(fc.property(nearly(date), (s) => expect(DATE_TIME_FORMATS.date.validate(s)).toBe(full('date')(s))), { numRuns: 4000 });
    expect(DATE_TIME_FORMATS.date.validate('2024-02-29')).toBe(true);
    expect(DATE_TIME_FORMATS.date.validate('2023-02-29')).toBe(false);
    expect(DATE_TIME_FORMATS.date.validate('2024-02-29\n')).toBe(false);
  });

  it('time accepts exactly what ajv-formats accepts, leap seconds included', () => {
    fc.assert(fc.property(nearly(time), (s) => expect(DATE_TIME_FORMATS.time.validate(s)).toBe(full('time')(s))), { numRuns: 4000 });
    expect(DATE_TIME_FORMATS.time.validate('23:59:60Z')).toBe(true);
    expect(DATE_TIME_FORMATS.time.validate('10:15:30')).toBe(false);
  });

  it('date-time accepts exactly what ajv-formats accepts', () => {
    const dateTime = fc.tuple(date, separator, time).map((p) => p.join(''));
    fc.assert(fc.property(nearly(dateTime), (s) => expect(DATE_TIME_FORMATS['date-time'].validate(s)).toBe(full('date-time')(s))), { numRuns: 6000 });
    expect(DATE_TIME_FORMATS['date-time'].validate('2024-06-03T12:00:00.123+02:00')).toBe(true);
    expect(DATE_TIME_FORMATS['date-time'].validate('2024-06-03 12:00:00Z')).toBe(true);
  });
});
