/**
 * A month of Harvest time for the demo firm's US entity (le-us), generated the same way every time so
 * that running the demo twice sends the same records (the second run is counted as duplicates).
 *
 * People: harvest-user-1001…1008 (1009 starts in April). Projects: 2001 Globex platform build (time and
 * materials; task 3001 Development, 3002 Internal Meeting not billable) and 2002 Initech discovery
 * (fixed fee; task 3003 Consulting).
 */

const USERS = [1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008];
const NAMES = ['Noah', 'Emma', 'Liam', 'Olivia', 'Mason', 'Sophia', 'Ethan', 'Mila', 'Lucas'];
const PROJECTS = {
  2001: { name: 'Globex platform build', client: { id: 501, name: 'Globex Corporation' } },
  2002: { name: 'Initech fixed-price discovery', client: { id: 502, name: 'Initech' } },
  2999: { name: 'Hooli pilot', client: { id: 599, name: 'Hooli' } },
};
const TASKS = { 3001: 'Development', 3002: 'Internal Meeting', 3003: 'Consulting' };
const NOTES = ['API integration', 'Sprint planning', 'Data model review', 'Bug fixing', 'Deployment pipeline', 'Workshop with client', 'Code review', 'Performance tuning'];

/** Kinds of bad record, one per working day in turn; each is refused by intake with the code given. */
export const BAD_KINDS = [
  { kind: 'unknown-project', code: 'TE_UNKNOWN_PROJECT' },
  { kind: 'closed-period', code: 'TE_PERIOD_CLOSED' },
  { kind: 'not-yet-employed', code: 'TE_EMPLOYEE_INACTIVE' },
  { kind: 'running-timer', code: 'D3141' },
  { kind: 'too-many-hours', code: 'TE_DAILY_HOURS_EXCEEDED' },
];

/** mulberry32: small, seeded, good enough to make a believable timesheet. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function workingDays(start, count) {
  const days = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); days.length < count; t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

/** A Harvest v2 time_entry as the API returns it; `approved` is Harvest's locked state (is_closed). */
export function harvestRecord({ id, user, project, task, date, hours, notes, approved = false, updatedAt, running = false }) {
  const p = PROJECTS[project];
  return {
    id, spent_date: date, user: { id: user, name: `${NAMES[user - 1001]} Miller` }, client: p.client, project: { id: project, name: p.name },
    task: { id: task, name: TASKS[task] }, user_assignment: null, task_assignment: null, external_reference: null, invoice: null,
    hours, hours_without_timer: hours, rounded_hours: hours, notes, is_locked: approved, locked_reason: approved ? 'Approved' : null,
    is_closed: approved, is_billed: false, timer_started_at: running ? `${date}T09:00:00Z` : null, started_time: null, ended_time: null,
    is_running: running, billable: task !== 3002, budgeted: true, billable_rate: null, cost_rate: null,
    created_at: `${date}T17:00:00Z`, updated_at: updatedAt ?? `${date}T17:05:00Z`,
  };
}

/**
 * The plan, day by day: the day's entries (sent as one batch, as a PSA sync would), the approvals of
 * the previous day's entries, corrections (a changed record with a later updated_at) and one bad record.
 */
export function buildDemoPlan({ start = '2026-03-02', days = 22, seed = 20260302 } = {}) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const quarter = (lo, hi) => Math.round((lo + rnd() * (hi - lo)) * 4) / 4;
  const dates = workingDays(start, days);
  const plan = [];
  let pendingApproval = [];
  let nextId = 71_000_000;
  const latest = new Map();
  for (let d = 0; d < dates.length; d++) {
    const date = dates[d];
    const entries = [];
    for (const user of USERS) {
      const project = user === 1003 || user === 1006 ? 2002 : 2001;
      const main = quarter(5, 7.5);
      entries.push(harvestRecord({ id: nextId++, user, project, task: project === 2002 ? 3003 : 3001, date, hours: main, notes: pick(NOTES) }));
      if (rnd() < 0.35) entries.push(harvestRecord({ id: nextId++, user, project: 2001, task: 3002, date, hours: 0.5, notes: 'Stand-up and planning' }));
    }
    for (const e of entries) latest.set(e.id, e);
    // Approvals arrive the next working day for the previous day's time; a few are left for later.
    const approvals = pendingApproval.filter(() => rnd() > 0.04).map((e) => ({ externalId: String(e.id), action: 'approve' }));
    const approvedIds = new Set(approvals.map((a) => Number(a.externalId)));
    const carried = pendingApproval.filter((e) => !approvedIds.has(e.id));
    // Corrections: someone fixes yesterday's hours after approval (a delta journal), or today's before it.
    const corrections = [];
    for (const source of [...pendingApproval.filter((e) => approvedIds.has(e.id)), ...entries]) {
      if (source.task === 3002 || rnd() > 0.03) continue;
      const wasApproved = approvedIds.has(source.id);
      const corrected = harvestRecord({
        id: source.id, user: source.user.id, project: source.project.id, task: source.task.id, date: source.spent_date,
        hours: Math.max(0.25, source.hours + (rnd() < 0.5 ? -0.5 : 0.75)), notes: `${source.notes} (corrected)`, approved: wasApproved, updatedAt: `${date}T18:30:00Z`,
      });
      latest.set(source.id, corrected);
      corrections.push(corrected);
    }
    pendingApproval = [...carried, ...entries];
    const bad = BAD_KINDS[d % BAD_KINDS.length];
    const badRecord = (() => {
      const id = 79_000_000 + d;
      switch (bad.kind) {
        case 'unknown-project': return harvestRecord({ id, user: 1002, project: 2999, task: 3001, date, hours: 2, notes: 'Pilot work' });
        case 'closed-period': return harvestRecord({ id, user: 1004, project: 2001, task: 3001, date: '2025-12-19', hours: 3, notes: 'Late December time' });
        case 'not-yet-employed': return harvestRecord({ id, user: 1009, project: 2001, task: 3001, date, hours: 4, notes: 'Onboarding' });
        case 'running-timer': return harvestRecord({ id, user: 1005, project: 2001, task: 3001, date, hours: 1.5, notes: 'Timer left running', running: true });
        default: return harvestRecord({ id, user: 1007, project: 2001, task: 3001, date, hours: 15, notes: 'Overnight release' });
      }
    })();
    plan.push({ date, entries: [...entries, badRecord], approvals, corrections, bad: { ...bad, externalId: String(badRecord.id) } });
  }
  const lastDay = plan[plan.length - 1];
  // Month end: the remaining approvals, and one approval for an entry Harvest never sent.
  lastDay.closing = [...pendingApproval.map((e) => ({ externalId: String(e.id), action: 'approve' })), { externalId: '78999999', action: 'approve' }];
  return { dates, plan, periodEnd: lastDay.date };
}
