import { openPostingDate } from './posting-date';

describe('openPostingDate', () => {
  it('keeps the work date when its period is open', () => {
    expect(openPostingDate('2026-03-14', ['2026-02'])).toBe('2026-03-14');
  });

  it('moves to the first day of the next open period, across year ends and several closed months', () => {
    expect(openPostingDate('2026-01-31', ['2026-01'])).toBe('2026-02-01');
    expect(openPostingDate('2025-12-29', ['2025-12', '2026-01'])).toBe('2026-02-01');
  });
});
