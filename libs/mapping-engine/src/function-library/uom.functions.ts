import { MappingError } from '../errors/mapping-error';
import type { ReferenceData, UomProfile } from '../types';
import { Dec, decText, toDec } from './decimal-value';
import { formatIsoDuration, parseIsoDurationSeconds } from './iso-duration';
import { smallDecimal, smallIsoDuration, smallMul, smallText, type SmallDecimal } from './small-decimal';

/*
 * Quantity conversion between UN/ECE Rec 20 codes. Time converts through
 * exact seconds. DAY and E49 (working day), WEE and MON take their length
 * from the customer's UOM profile: in time capture a "day" of effort is a
 * working day, 8 h for one customer and 7.5 h for another.
 */

export const ISO8601 = 'ISO8601';

type TimeUnit = 'SEC' | 'MIN' | 'HUR' | 'DAY' | 'E49' | 'WEE' | 'MON';
const FIXED_SECONDS: Partial<Record<TimeUnit, number>> = { SEC: 1, MIN: 60, HUR: 3600 };
const PROFILE_UNITS = new Set<string>(['DAY', 'E49', 'WEE', 'MON']);
export const UOM_CODES: readonly string[] = ['SEC', 'MIN', 'HUR', 'DAY', 'E49', 'WEE', 'MON', 'C62', ISO8601];

function uomError(message: string): MappingError {
  return MappingError.of('MW_UOM_UNKNOWN', message);
}

function positive(text: string | undefined, field: string, profile: UomProfile): Dec {
  if (text === undefined) throw uomError(`UOM profile "${profile.id}" has no ${field}`);
  const d = toDec(text, `${profile.id}.${field}`);
  if (!d.isPositive() || d.isZero()) throw uomError(`UOM profile "${profile.id}" has a non-positive ${field}`);
  return d;
}

export function profileOf(reference: ReferenceData | undefined, id: unknown): UomProfile {
  const name = id === undefined ? reference?.defaultUomProfile : id;
  if (typeof name !== 'string') throw uomError('No UOM profile named and no default profile in reference data');
  const profile = reference && Object.prototype.hasOwnProperty.call(reference.uomProfiles, name) ? reference.uomProfiles[name] : undefined;
  if (!profile) throw uomError(`UOM profile "${name.slice(0, 60)}" is not in reference data`);
  return profile;
}

function secondsPer(unit: string, reference: ReferenceData | undefined, profileId: unknown): Dec {
  const fixed = FIXED_SECONDS[unit as TimeUnit];
  if (fixed !== undefined) return new Dec(fixed);
  if (!PROFILE_UNITS.has(unit)) throw uomError(`Unit "${unit.slice(0, 20)}" is not a supported time unit`);
  const profile = profileOf(reference, profileId);
  const day = positive(profile.hoursPerDay, 'hoursPerDay', profile).times(3600);
  if (unit === 'DAY' || unit === 'E49') return day;
  if (unit === 'WEE') return day.times(positive(profile.daysPerWeek, 'daysPerWeek', profile));
  return day.times(positive(profile.daysPerMonth, 'daysPerMonth', profile));
}

/** Most extra decimal places tried for a quotient to terminate (60 and 3600 need at most 4). */
const MAX_EXTRA_PLACES = 4;

/**
 * value × from / to exactly, when the quotient has a short decimal expansion (90 MIN is
 * 1.5 HUR; 20 MIN, a recurring 0.333… HUR, is left to decimal.js's 50 digits).
 */
function smallConvert(v: SmallDecimal, from: number, to: number): SmallDecimal | undefined {
  if (from % to === 0) return smallMul(v, { m: from / to, s: 0 });
  const numerator = v.m * from;
  if (!Number.isSafeInteger(numerator)) return undefined;
  for (let extra = 0, scaled = numerator; extra <= MAX_EXTRA_PLACES && Number.isSafeInteger(scaled); extra++, scaled *= 10) {
    if (scaled % to === 0) return { m: scaled / to, s: v.s + extra };
  }
  return undefined;
}

/**
 * Between fixed units (SEC, MIN, HUR) or to ISO 8601, a small value converts exactly
 * without decimal.js; undefined sends it down the general path.
 */
function fixedUnitFastPath(value: unknown, src: string, dst: string): string | undefined {
  const from = FIXED_SECONDS[src as TimeUnit];
  if (from === undefined) return undefined;
  const to = dst === ISO8601 ? 1 : FIXED_SECONDS[dst as TimeUnit];
  if (to === undefined) return undefined;
  const v = smallDecimal(value);
  const converted = v && smallConvert(v, from, to);
  if (!converted) return undefined;
  return dst === ISO8601 ? smallIsoDuration(converted) : smallText(converted);
}

export function convertUom(value: unknown, from: unknown, to: unknown, reference: ReferenceData | undefined, profileId?: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof from !== 'string' || typeof to !== 'string') throw uomError('Units must be UN/ECE Rec 20 codes');
  const src = from.toUpperCase();
  const dst = to.toUpperCase();
  if (src === 'C62' || dst === 'C62') {
    if (src !== dst) throw uomError(`Cannot convert between ${src} and ${dst}: C62 counts items, not time`);
    return decText(toDec(value));
  }
  const fast = fixedUnitFastPath(value, src, dst);
  if (fast !== undefined) return fast;
  let seconds: Dec;
  if (src === ISO8601) {
    if (typeof value !== 'string') throw uomError('An ISO 8601 duration must be a string such as PT1H30M');
    seconds = parseIsoDurationSeconds(value);
  } else {
    seconds = toDec(value).times(secondsPer(src, reference, profileId));
  }
  if (dst === ISO8601) return formatIsoDuration(seconds);
  return decText(seconds.dividedBy(secondsPer(dst, reference, profileId)));
}
