import { validateCanonical, type TimeEntry } from '@mapwright/canonical-model';
import type { ScenarioTimeEntry } from '../model/scenario.types';
import { canonicalTimeEntry } from '../validation/scenario.defaults';
import type { EnrichedEntry, SimulationState } from './simulation.state';

export type EntryCheck = { ok: true; entry: EnrichedEntry } | { ok: false; code: EntryExceptionCode; message: string };

export type EntryExceptionCode =
  | 'ENTRY_SCHEMA_INVALID'
  | 'ENTRY_UNKNOWN_EMPLOYEE'
  | 'ENTRY_EMPLOYEE_INACTIVE'
  | 'ENTRY_UNKNOWN_PROJECT'
  | 'ENTRY_PROJECT_CLOSED'
  | 'ENTRY_LEGAL_ENTITY_MISMATCH'
  | 'ENTRY_PERIOD_CLOSED'
  | 'ENTRY_COST_CENTER_INVALID'
  | 'ENTRY_INVALID_STATUS';

const fail = (code: EntryExceptionCode, message: string): EntryCheck => ({ ok: false, code, message });

/**
 * Business validation of one delivered time entry against master data, in
 * the order an operator would fix things: shape first, then who, then
 * where, then when. The entry is enriched with the project's customer and
 * legal entity and the employee's role and cost centre when it omits them.
 */
export function checkEntry(st: SimulationState, raw: ScenarioTimeEntry): EntryCheck {
  const canonical: TimeEntry = canonicalTimeEntry(raw);
  const schema = validateCanonical('TimeEntry', canonical);
  if (schema.length > 0) return fail('ENTRY_SCHEMA_INVALID', `Entry ${raw.id}: ${schema.map((e) => `${e.pointer} ${e.message}`).join('; ')}.`);
  if (canonical.status === 'invoiced') return fail('ENTRY_INVALID_STATUS', `Entry ${raw.id} arrives as invoiced; only the billing flow invoices time.`);

  const employee = st.employees.get(canonical.employeeId);
  if (!employee) return fail('ENTRY_UNKNOWN_EMPLOYEE', `Entry ${raw.id} names employee ${canonical.employeeId}, who is not in master data.`);
  const left = employee.terminationDate !== undefined && canonical.date > employee.terminationDate;
  if (employee.status === 'inactive' || employee.status === 'terminated' || left) {
    return fail('ENTRY_EMPLOYEE_INACTIVE', `Employee ${employee.id} is ${left ? `terminated on ${employee.terminationDate}` : employee.status}; time on ${canonical.date} cannot be accepted.`);
  }
  const project = st.projects.get(canonical.projectId);
  if (!project) return fail('ENTRY_UNKNOWN_PROJECT', `Entry ${raw.id} names project ${canonical.projectId}, which is not in master data.`);
  if (project.status === 'closed') return fail('ENTRY_PROJECT_CLOSED', `Project ${project.id} is closed; book the time to an open project.`);
  if (canonical.legalEntityId !== undefined && canonical.legalEntityId !== project.legalEntityId) {
    return fail('ENTRY_LEGAL_ENTITY_MISMATCH', `Entry ${raw.id} is booked to ${canonical.legalEntityId} but project ${project.id} belongs to ${project.legalEntityId}.`);
  }
  const le = st.legalEntities.get(project.legalEntityId);
  if (le?.closedPeriods?.includes(canonical.date.slice(0, 7))) {
    return fail('ENTRY_PERIOD_CLOSED', `Period ${canonical.date.slice(0, 7)} of ${project.legalEntityId} is closed; book the time in an open period.`);
  }
  const costCenterId = canonical.costCenterId ?? employee.costCenterId;
  if (le?.costCenterIds && costCenterId !== undefined && !le.costCenterIds.includes(costCenterId)) {
    return fail('ENTRY_COST_CENTER_INVALID', `Cost centre ${costCenterId} is not valid for legal entity ${le.id}.`);
  }
  const entry: EnrichedEntry = { ...canonical, customerId: project.customerId, legalEntityId: project.legalEntityId };
  if (costCenterId !== undefined) entry.costCenterId = costCenterId;
  const roleCode = canonical.roleCode ?? employee.roleCode;
  if (roleCode !== undefined) entry.roleCode = roleCode;
  return { ok: true, entry };
}
