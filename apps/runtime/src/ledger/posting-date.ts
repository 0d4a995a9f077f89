/**
 * The date a journal is posted on: the work date, unless its period is closed, in which case the
 * first day of the next open period. A neighbour's re-rating (an overtime threshold moved by a
 * later entry of the same week) can otherwise land in a month finance has already closed.
 */
export function openPostingDate(workDate: string, closedPeriods: readonly string[]): string {
  let date = workDate;
  for (let guard = 0; closedPeriods.includes(date.slice(0, 7)) && guard < 1200; guard++) {
    const [y, m] = date.slice(0, 7).split('-').map(Number);
    date = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  }
  return date;
}
