import { CONTEXT, entry } from '../testing/rating.fixtures';
import { rateEntry } from './entry.rater';
import { diffSnapshots, rerate } from './snapshot.rerater';

describe('rerate', () => {
  const original = rateEntry(entry({ minutes: 120 }), CONTEXT);

  it('returns the new snapshot and only the difference', () => {
    const { snapshot, delta } = rerate(original, entry({ revision: 2, minutes: 90 }), CONTEXT);
    expect(snapshot.entry.revision).toBe(2);
    expect(snapshot.billing?.amount.amount).toBe('150.00');
    expect(delta).toEqual({
      entryId: 'te-1',
      fromRevision: 1,
      toRevision: 2,
      billable: [{ amount: '-50.00', currency: 'USD' }],
      cost: [{ amount: '-20.00', currency: 'USD' }],
      payroll: [{ employeeId: 'emp-ana', payCode: 'REGULAR', minutes: -30, hours: '-0.5000' }],
    });
  });

  it('reports a move from billable to non-billable as a full billing reversal', () => {
    const { delta } = rerate(original, entry({ revision: 2, minutes: 120, billable: false }), CONTEXT);
    expect(delta.billable).toEqual([{ amount: '-200.00', currency: 'USD' }]);
    expect(delta.cost).toEqual([]);
    expect(delta.payroll).toEqual([]);
  });

  it('moves hours between pay codes when a correction lands on a weekend', () => {
    const { delta } = rerate(original, entry({ revision: 2, minutes: 120, date: '2026-03-07' }), CONTEXT);
    expect(delta.payroll.map((p) => [p.payCode, p.minutes])).toEqual([['REGULAR', -120], ['WEEKEND', 120]]);
    expect(delta.billable).toEqual([{ amount: '100.00', currency: 'USD' }]);
  });

  it('refuses a duplicate or late revision and a different entry', () => {
    expect(() => rerate(original, entry({ revision: 1, minutes: 90 }), CONTEXT)).toThrow(expect.objectContaining({ code: 'RATING_STALE_REVISION' }));
    expect(() => rerate(original, entry({ id: 'te-2', revision: 2 }), CONTEXT)).toThrow(expect.objectContaining({ code: 'RATING_ENTRY_MISMATCH' }));
    expect(() => diffSnapshots(original, rateEntry(entry({ id: 'te-2' }), CONTEXT))).toThrow(expect.objectContaining({ code: 'RATING_ENTRY_MISMATCH' }));
  });

  it('gives an empty delta when nothing that matters changed', () => {
    const { delta } = rerate(original, entry({ revision: 2, minutes: 120, taskId: 'tsk-9' }), CONTEXT);
    expect([delta.billable, delta.cost, delta.payroll]).toEqual([[], [], []]);
  });
});
