import { simulate } from '../simulate';
import { goldenScenario } from '../testing/scenario.fixtures';
import { ScenarioValidationError, validateScenario } from './scenario.validator';

/** A valid scenario to break one thing at a time. */
function base(): Record<string, any> {
  return JSON.parse(JSON.stringify(goldenScenario('capped-block')));
}

describe('validateScenario', () => {
  it('accepts every shipped scenario', () => {
    expect(validateScenario(base())).toEqual([]);
  });

  it('points at a missing top-level member', () => {
    const s = base();
    delete s.events;
    expect(validateScenario(s)).toEqual([{ code: 'SCENARIO_SCHEMA', pointer: '/events', message: expect.stringContaining('required') }]);
  });

  it('points at the bad field of the bad event', () => {
    const s = base();
    s.events[3].periodEnd = '2026-13-01';
    expect(validateScenario(s)).toEqual([expect.objectContaining({ code: 'SCENARIO_SCHEMA', pointer: '/events/3/periodEnd' })]);
  });

  it('points at an unknown event type and at a member an event does not have', () => {
    const s = base();
    s.events[1] = { type: 'teleport', date: '2026-03-03' };
    s.events[2].colour = 'blue';
    const issues = validateScenario(s);
    expect(issues.map((i) => i.pointer)).toEqual(expect.arrayContaining(['/events/1/type', '/events/2/colour']));
    expect(issues.every((i) => i.code === 'SCENARIO_SCHEMA')).toBe(true);
  });

  it('requires a line and an amount for a write-down', () => {
    const s = base();
    s.events[4] = { type: 'review', date: '2026-04-01', candidateId: 'run-1:ctr-cap', action: 'writeDown', by: 'dave' };
    expect(validateScenario(s).map((i) => i.pointer)).toEqual(expect.arrayContaining(['/events/4/lineNumber', '/events/4/amount']));
  });

  it('checks contracts against the canonical Contract schema, pointing into the contract', () => {
    const s = base();
    delete s.masterData.contracts[0].cap.overCapPolicy;
    expect(validateScenario(s)).toEqual([expect.objectContaining({ code: 'SCENARIO_CANONICAL', pointer: '/masterData/contracts/0/cap/overCapPolicy' })]);
  });

  it('reports duplicate ids and references to master data that is not there', () => {
    const s = base();
    s.masterData.employees.push({ ...s.masterData.employees[0] });
    s.masterData.projects[0].customerId = 'cus-nobody';
    s.events[3].legalEntityId = 'le-nowhere';
    expect(validateScenario(s).map((i) => [i.code, i.pointer])).toEqual([
      ['SCENARIO_DUPLICATE_ID', '/masterData/employees/2/id'],
      ['SCENARIO_UNKNOWN_REFERENCE', '/masterData/projects/0/customerId'],
      ['SCENARIO_UNKNOWN_REFERENCE', '/events/3/legalEntityId'],
    ]);
  });

  it('makes simulate throw a coded error that carries the issues', () => {
    const s = base();
    s.events[0].date = 'yesterday';
    expect(() => simulate(s)).toThrow(ScenarioValidationError);
    try {
      simulate(s);
    } catch (err) {
      expect((err as ScenarioValidationError).code).toBe('SCENARIO_INVALID');
      expect((err as ScenarioValidationError).issues).toEqual([expect.objectContaining({ pointer: '/events/0/date' })]);
    }
  });
});
