import { checkBusinessRules, EntryFacts, RuleLookups } from './business-rules';

const entry: EntryFacts = { id: 'te-1', projectId: 'p1', taskId: 't1', employeeId: 'e1', costCenterId: 'cc1', date: '2026-03-10', hours: 8 };
const good = (): RuleLookups => ({
  project: { object: { id: 'p1', status: 'active', legalEntityId: 'le1' } },
  task: { object: { id: 't1', projectId: 'p1', status: 'open' } },
  employee: { object: { id: 'e1', status: 'active', hireDate: '2025-01-01' } },
  legalEntity: { object: { id: 'le1' }, attributes: { closedPeriods: ['2026-02'], maxDailyHours: '12' } },
  costCenter: { object: { id: 'cc1', legalEntityId: 'le1', status: 'active', effectivePeriod: { validFrom: '2025-01-01' } } },
  otherHoursThatDay: 0,
});
const codes = (e: EntryFacts, m: RuleLookups) => checkBusinessRules(e, m).map((v) => v.code);

describe('checkBusinessRules', () => {
  it('accepts an entry that passes every rule', () => {
    expect(checkBusinessRules(entry, good())).toEqual([]);
  });

  it('names each failed rule with its own code', () => {
    expect(codes(entry, { ...good(), project: undefined, legalEntity: undefined })).toEqual(['TE_UNKNOWN_PROJECT']);
    expect(codes(entry, { ...good(), project: { object: { status: 'closed' } } })).toEqual(['TE_PROJECT_CLOSED']);
    expect(codes(entry, { ...good(), task: { object: { projectId: 'p2', status: 'open' } } })).toEqual(['TE_UNKNOWN_TASK']);
    expect(codes(entry, { ...good(), employee: { object: { status: 'active', hireDate: '2025-01-01', terminationDate: '2026-03-01' } } })).toEqual(['TE_EMPLOYEE_INACTIVE']);
    expect(codes(entry, { ...good(), costCenter: { object: { legalEntityId: 'le2', status: 'active', effectivePeriod: { validFrom: '2025-01-01' } } } })).toEqual(['TE_COST_CENTER_INVALID']);
    expect(codes({ ...entry, date: '2026-02-27' }, good())).toEqual(['TE_PERIOD_CLOSED']);
    expect(codes(entry, { ...good(), otherHoursThatDay: 4.5 })).toEqual(['TE_DAILY_HOURS_EXCEEDED']);
  });

  it('allows exactly the daily maximum and reports every failure at once', () => {
    expect(codes(entry, { ...good(), otherHoursThatDay: 4 })).toEqual([]);
    expect(codes({ ...entry, date: '2026-02-27' }, { ...good(), employee: undefined, otherHoursThatDay: 10 })).toEqual(['TE_UNKNOWN_EMPLOYEE', 'TE_PERIOD_CLOSED', 'TE_DAILY_HOURS_EXCEEDED']);
  });
});
