import { RatingError } from '../errors/rating.error';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a calendar date; dates carry no time zone here. */
export function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) {
    throw new RatingError('RATING_INVALID_DATE', `Expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}.`, { date });
  }
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const roundTrip = new Date(ms).toISOString().slice(0, 10);
  if (roundTrip !== date) {
    throw new RatingError('RATING_INVALID_DATE', `${date} is not a calendar date.`, { date });
  }
  return ms / 86_400_000;
}

export function assertIsoDate(date: string): void {
  dayNumber(date);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday that starts the ISO week holding `date`, as YYYY-MM-DD. */
export function weekStart(date: string): string {
  const monday = dayNumber(date) - (isoWeekday(date) - 1);
  return new Date(monday * 86_400_000).toISOString().slice(0, 10);
}

/** validFrom inclusive, validTo exclusive; an absent validTo is open-ended. */
export function isEffective(date: string, validFrom: string, validTo?: string | null): boolean {
  return date >= validFrom && (validTo === undefined || validTo === null || date < validTo);
}
