import { CONTEXT, entry, FLAT_CONTEXT, RATE_CARD } from '../testing/rating.fixtures';
import { rateEntries } from './entry.rater';
import { splitIntoRateSegments } from './rate-segment.splitter';
import type { RateCard } from './rating.types';

const changingCard: RateCard = {
  ...RATE_CARD,
  rows: [
    { id: 'march-old', scope: { level: 'project', projectId: 'prj-apollo' }, effectivePeriod: { validFrom: '2026-01-01', validTo: '2026-03-16' }, rate: { amount: '80.00', currency: 'USD' }, unit: 'HUR' },
    { id: 'march-new', scope: { level: 'project', projectId: 'prj-apollo' }, effectivePeriod: { validFrom: '2026-03-16' }, rate: { amount: '95.00', currency: 'USD' }, unit: 'HUR' },
  ],
};

describe('splitIntoRateSegments', () => {
  it('gives one line per rate when the card changes inside the period, never a blended rate', () => {
    const entries = [
      entry({ id: 'e1', date: '2026-03-10', minutes: 120 }),
      entry({ id: 'e2', date: '2026-03-13', minutes: 60 }),
      entry({ id: 'e3', date: '2026-03-16', minutes: 60 }),
      entry({ id: 'e4', date: '2026-03-18', minutes: 30 }),
    ];
    const segments = splitIntoRateSegments(rateEntries(entries, { ...FLAT_CONTEXT, rateCard: changingCard }));
    expect(segments.map((s) => [s.rowId, s.rate.amount, s.firstDate, s.lastDate, s.hours, s.amount.amount, s.entries.map((e) => e.id)])).toEqual([
      ['march-old', '80', '2026-03-10', '2026-03-13', '3.0000', '240.00', ['e1', 'e2']],
      ['march-new', '95', '2026-03-16', '2026-03-18', '1.5000', '142.50', ['e3', 'e4']],
    ]);
  });

  it('keeps overtime and weekend minutes on their own lines and skips non-billable time', () => {
    const entries = [
      entry({ id: 'mon', date: '2026-03-02', minutes: 540 }),
      entry({ id: 'sat', date: '2026-03-07', minutes: 60 }),
      entry({ id: 'internal', date: '2026-03-03', minutes: 60, billable: false }),
    ];
    const segments = splitIntoRateSegments(rateEntries(entries, CONTEXT));
    expect(segments.map((s) => [s.payCode, s.factor, s.minutes])).toEqual([['OT_DAILY', '1.5', 60], ['REGULAR', '1', 480], ['WEEKEND', '1.5', 60]]);
    expect(segments.flatMap((s) => s.entries.map((e) => e.id))).not.toContain('internal');
  });
});
