/** Master data an entry is checked against; absent objects are `undefined`. */
export interface RuleLookups {
  project?: { object: Record<string, any> };
  task?: { object: Record<string, any> };
  employee?: { object: Record<string, any> };
  legalEntity?: { object: Record<string, any>; attributes: Record<string, any> };
  costCenter?: { object: Record<string, any> };
  /** Hours the employee already booked that day on other entries. */
  otherHoursThatDay: number;
}

export interface EntryFacts {
  id: string;
  projectId: string;
  taskId?: string;
  employeeId: string;
  costCenterId?: string;
  date: string;
  hours: number;
}

export interface RuleViolation {
  code: string;
  message: string;
  pointer: string;
}

const isEffective = (date: string, from?: string, to?: string) => (!from || date >= from) && (!to || date < to);

/**
 * The business checks every mapped entry passes before it is stored. Pure: the caller loads the
 * master data; every failed rule is reported (not just the first) so one fix covers them all.
 */
export function checkBusinessRules(e: EntryFacts, m: RuleLookups): RuleViolation[] {
  const v: RuleViolation[] = [];
  const project = m.project?.object;
  if (!project) v.push({ code: 'TE_UNKNOWN_PROJECT', pointer: '/projectId', message: `Project ${e.projectId} is not in master data; sync it from the PSA and retry.` });
  else if (project.status === 'closed') v.push({ code: 'TE_PROJECT_CLOSED', pointer: '/projectId', message: `Project ${e.projectId} is closed and takes no new time; book to an open project.` });
  // A task can only be judged against a known project; an unknown project is the one reason to fix.
  if (e.taskId && project) {
    const task = m.task?.object;
    if (!task || task.projectId !== e.projectId || task.status === 'closed') {
      v.push({ code: 'TE_UNKNOWN_TASK', pointer: '/taskId', message: task ? `Task ${e.taskId} belongs to project ${task.projectId}, not ${e.projectId}.` : `Task ${e.taskId} is not in master data; sync it from the PSA and retry.` });
    }
  }
  const employee = m.employee?.object;
  if (!employee) v.push({ code: 'TE_UNKNOWN_EMPLOYEE', pointer: '/employeeId', message: `Employee ${e.employeeId} is not in master data; sync it from the HR system and retry.` });
  else {
    const ended = employee.terminationDate && e.date > employee.terminationDate;
    if (['inactive', 'terminated'].includes(employee.status) || e.date < employee.hireDate || ended) {
      v.push({ code: 'TE_EMPLOYEE_INACTIVE', pointer: '/employeeId', message: `Employee ${e.employeeId} was not employed on ${e.date} (hired ${employee.hireDate}${employee.terminationDate ? `, left ${employee.terminationDate}` : ''}, status ${employee.status}).` });
    }
  }
  const le = m.legalEntity;
  if (project && !le) v.push({ code: 'TE_UNKNOWN_LEGAL_ENTITY', pointer: '/projectId', message: `Legal entity ${project.legalEntityId} of project ${e.projectId} is not in master data.` });
  if (le) {
    const cc = m.costCenter?.object;
    if (!e.costCenterId || !cc || cc.legalEntityId !== le.object.id || cc.status !== 'active' || !isEffective(e.date, cc.effectivePeriod?.validFrom, cc.effectivePeriod?.validTo)) {
      v.push({ code: 'TE_COST_CENTER_INVALID', pointer: '/costCenterId', message: `Cost centre ${e.costCenterId ?? '(none)'} is not valid for legal entity ${le.object.id} on ${e.date}.` });
    }
    const period = e.date.slice(0, 7);
    if ((le.attributes.closedPeriods ?? []).includes(period)) {
      v.push({ code: 'TE_PERIOD_CLOSED', pointer: '/date', message: `Period ${period} is closed for ${le.object.id}; book the time in an open period or ask finance to reopen it.` });
    }
    const max = Number(le.attributes.maxDailyHours);
    if (Number.isFinite(max) && m.otherHoursThatDay + e.hours > max) {
      v.push({ code: 'TE_DAILY_HOURS_EXCEEDED', pointer: '/quantity', message: `${e.employeeId} would have ${m.otherHoursThatDay + e.hours} h on ${e.date}; the maximum for ${le.object.id} is ${max} h.` });
    }
  }
  return v;
}
