import { PostingError } from '../errors/posting.error';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function assertIsoDate(date: string): void {
  if (!ISO_DATE.test(date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw new PostingError('POSTING_INVALID_DATE', `Expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}.`, { date });
  }
}

/** Last calendar day of the month holding `date`, as YYYY-MM-DD. */
export function monthEnd(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
