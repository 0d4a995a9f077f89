import { client, type Client } from '../timesheet/timesheet-harness';
import type { Harness } from '../runtime/runtime-harness';

const XERO_PROJECT = '9a7e1c55-0000-4000-8000-0000000000aa';
const XERO_USERS = ['4f3c2a10-0000-4000-8000-000000000001', '4f3c2a10-0000-4000-8000-000000000002', '4f3c2a10-0000-4000-8000-000000000003'];
let seq = 0;

/** A locked (approved) Xero Projects entry on the UK time-and-materials contract ctr-umbrella-tm. */
export function xeroEntry(o: { date: string; minutes: number; user?: number; id?: string }) {
  const id = o.id ?? `0b6f3c1e-0000-4000-8000-${String(900000 + ++seq).padStart(12, '0')}`;
  return {
    timeEntryId: id, userId: XERO_USERS[o.user ?? 0], projectId: XERO_PROJECT, dateUtc: `${o.date}T00:00:00Z`, dateEnteredUtc: `${o.date}T17:10:00Z`,
    duration: o.minutes, description: 'Reporting work', status: 'LOCKED',
  };
}

export const entryIdOf = (xero: { timeEntryId: string }) => `xero-te-${xero.timeEntryId}`;

export interface BillingApi extends Client {
  intake(entries: ReturnType<typeof xeroEntry>[]): Promise<void>;
  run(body: Record<string, unknown>): Promise<any>;
  approveAndFinalise(candidateId: string, issueDate: string): Promise<any>;
}

export function billingClient(h: () => Harness): BillingApi {
  const api = client(h);
  return {
    ...api,
    async intake(entries) {
      const res = await api.post('/inbound/xero-projects/time-entries?taskChargeType=TIME', entries);
      if (res.status !== 200 || res.body.results.some((r: any) => r.status !== 'accepted' || !r.rating?.ok)) throw new Error(`intake failed: ${res.text}`);
    },
    async run(body) {
      const res = await api.post('/billing-runs', body, 'dave');
      if (res.status !== 201) throw new Error(`billing run failed: ${res.text}`);
      return res.body;
    },
    async approveAndFinalise(candidateId, issueDate) {
      const ok = await api.post(`/invoice-candidates/${encodeURIComponent(candidateId)}/approve`, { reason: 'checked' }, 'dave');
      if (ok.status !== 200) throw new Error(`approve failed: ${ok.text}`);
      const fin = await api.post(`/invoice-candidates/${encodeURIComponent(candidateId)}/finalise`, { issueDate }, 'dave');
      if (fin.status !== 200) throw new Error(`finalise failed: ${fin.text}`);
      return fin.body;
    },
  };
}
