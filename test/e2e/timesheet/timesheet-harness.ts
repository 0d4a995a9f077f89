import * as path from 'node:path';
import { Dialect, Harness, POSTGRES_AVAILABLE, startRuntime } from '../runtime/runtime-harness';

export const SPECS_DIR = path.resolve(__dirname, '../../../mapping-specs');

/** Like the runtime suites' describeEachDialect, but with the shipped specs published and the demo firm seeded. */
export function describeTimesheet(name: string, body: (h: () => Harness, dialect: Dialect) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const available = dialect === 'sqlite' || POSTGRES_AVAILABLE;
    if (!available) console.warn(`SKIPPED: "${name}" on PostgreSQL: 127.0.0.1:5432 is not reachable (CI=true makes this a failure)`);
    (available ? describe : describe.skip)(`${name} [${dialect}]`, () => {
      let harness: Harness | undefined;
      beforeAll(async () => {
        harness = await startRuntime(dialect, { SPECS_DIR, LOG_LEVEL: 'warn' });
      }, 60_000);
      afterAll(async () => {
        await harness?.close();
      });
      body(() => {
        if (!harness) throw new Error('runtime not started');
        return harness;
      }, dialect);
    });
  }
}

export interface Client {
  post(path: string, body: unknown, user?: string): Promise<{ status: number; body: any; text: string }>;
  get(path: string, user?: string): Promise<{ status: number; body: any; text: string; headers: Record<string, string> }>;
}

/** Calls as a demo user: psa-bot (integration) unless another is named. */
export function client(h: () => Harness): Client {
  const tokens = new Map<string, string>();
  const token = async (user: string) => {
    if (!tokens.has(user)) tokens.set(user, await h().token(user));
    return tokens.get(user) as string;
  };
  return {
    async post(p, body, user = 'psa-bot') {
      const res = await h().http().post(`/api/v1${p}`).set('Authorization', `Bearer ${await token(user)}`).send(body as object);
      return { status: res.status, body: res.body, text: res.text };
    },
    async get(p, user = 'dave') {
      const res = await h().http().get(`/api/v1${p}`).set('Authorization', `Bearer ${await token(user)}`);
      return { status: res.status, body: res.body, text: res.text, headers: res.headers as Record<string, string> };
    },
  };
}

let rowSeq = 100000;
/** A legacy CSV row (always approved on arrival). `date` is ISO; the row carries dd/mm/yyyy. */
export function csvRow(o: { id?: string; emp?: string; project?: string; task?: string; date: string; hours: string; billable?: boolean; unit?: string }): Record<string, string> {
  const [y, m, d] = o.date.split('-');
  return {
    RowId: o.id ?? String(++rowSeq), EmployeeNo: o.emp ?? '0042', ProjectCode: o.project ?? 'ACME-ERP', TaskCode: o.task ?? 'CONS', WorkDate: `${d}/${m}/${y}`,
    Quantity: o.hours, Unit: o.unit ?? 'H', Billable: o.billable === false ? 'N' : 'Y', Narrative: 'work', UomProfile: '',
  };
}

/** A Harvest v2 time entry as the API returns it. */
export function harvestEntry(o: { id: number; user?: number; project?: number; task?: { id: number; name: string }; date: string; hours: number; billable?: boolean; rate?: number; closed?: boolean; updatedAt?: string }) {
  return {
    id: o.id, spent_date: o.date, user: { id: o.user ?? 1005, name: 'Someone' }, client: { id: 1, name: 'Client' }, project: { id: o.project ?? 2001, name: 'Project' },
    task: o.task ?? { id: 3001, name: 'Development' }, user_assignment: null, task_assignment: null, external_reference: null, invoice: null,
    hours: o.hours, hours_without_timer: o.hours, rounded_hours: o.hours, notes: 'work', is_locked: false, locked_reason: null, is_closed: o.closed ?? false, is_billed: false,
    timer_started_at: null, started_time: null, ended_time: null, is_running: false, billable: o.billable ?? true, budgeted: true,
    billable_rate: o.rate ?? null, cost_rate: null, created_at: `${o.date}T17:00:00Z`, updated_at: o.updatedAt ?? `${o.date}T17:05:00Z`,
  };
}

/** Decimal string to integer millionths, so sums never touch floating point. */
export function micros(s: string): bigint {
  const neg = s.startsWith('-');
  const [i, f = ''] = s.replace('-', '').split('.');
  const v = BigInt(i + f.padEnd(6, '0').slice(0, 6));
  return neg ? -v : v;
}

/** Net per legal entity, account and currency pair over journal documents (transaction and functional). */
export function netByAccount(journals: any[]): Record<string, string> {
  const net = new Map<string, bigint>();
  const add = (k: string, v: bigint) => net.set(k, (net.get(k) ?? 0n) + v);
  for (const j of journals) {
    for (const l of j.lines) {
      const key = `${j.legalEntityId}|${l.glAccountId}|${l.currency}>${l.functionalCurrency}`;
      add(`${key}|tx`, micros(l.debit) - micros(l.credit));
      add(`${key}|fn`, micros(l.functionalDebit) - micros(l.functionalCredit));
    }
  }
  return Object.fromEntries([...net].filter(([, v]) => v !== 0n).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v.toString()]));
}

/** Debits equal credits per transaction currency and in the functional currency. */
export function isBalanced(journal: any): boolean {
  const byCcy = new Map<string, bigint>();
  let functional = 0n;
  for (const l of journal.lines) {
    byCcy.set(l.currency, (byCcy.get(l.currency) ?? 0n) + micros(l.debit) - micros(l.credit));
    functional += micros(l.functionalDebit) - micros(l.functionalCredit);
  }
  return functional === 0n && [...byCcy.values()].every((v) => v === 0n);
}
