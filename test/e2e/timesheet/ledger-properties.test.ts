import fc from 'fast-check';
import { client, describeTimesheet, harvestEntry, isBalanced, netByAccount } from './timesheet-harness';

/** One entry: a unique (employee, day) slot so the daily maximum never depends on delivery order. */
const entryArb = fc.record({
  slot: fc.integer({ min: 0, max: 20 }),
  quarters: fc.integer({ min: 1, max: 40 }),
  billable: fc.boolean(),
  project: fc.constantFrom(2001, 2002),
  correction: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
});
const scenarioArb = fc.record({
  entries: fc.uniqueArray(entryArb, { selector: (e) => e.slot, minLength: 1, maxLength: 6 }),
  order: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 24, maxLength: 24 }),
  duplicates: fc.array(fc.nat({ max: 11 }), { maxLength: 4 }),
});

const USERS = [1001, 1005, 1006];
const TASKS: Record<number, { id: number; name: string }> = { 2001: { id: 3001, name: 'Development' }, 2002: { id: 3003, name: 'Consulting' } };
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describeTimesheet('timesheet ledger properties', (h) => {
  const api = client(h);
  let run = 0;

  it('every journal balances, no entry is rated twice, and the ledger does not depend on duplicated or reordered delivery', async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, async ({ entries, order, duplicates }) => {
      run += 1;
      // Sequence A and B use their own weeks and ids, so they never share overtime thresholds.
      const weekA = addDays('2026-04-06', (run - 1) * 14);
      const deliveries = (week: string, base: number) => entries.flatMap((e, i) => {
        const common = { id: base + i, user: USERS[e.slot % 3], project: e.project, task: TASKS[e.project], date: addDays(week, Math.floor(e.slot / 3)), billable: e.billable, closed: true };
        const first = harvestEntry({ ...common, hours: e.quarters / 4, updatedAt: `${common.date}T17:00:00Z` });
        return e.correction === undefined ? [first] : [first, harvestEntry({ ...common, hours: e.correction / 4, updatedAt: `${common.date}T18:00:00Z` })];
      });
      const baseA = 100_000 + run * 1000;
      const baseB = baseA + 500;
      const inOrder = deliveries(weekA, baseA);
      const scrambled = deliveries(addDays(weekA, 7), baseB);
      const shuffled = [...scrambled, ...duplicates.filter((d) => d < scrambled.length).map((d) => scrambled[d])]
        .map((d, i) => ({ d, key: order[i % order.length] * 100 + i })).sort((a, b) => a.key - b.key).map((x) => x.d);

      for (const d of inOrder) expect((await api.post('/inbound/harvest/time-entries', [d])).body.results[0].status).not.toBe('rejected');
      for (const d of shuffled) expect((await api.post('/inbound/harvest/time-entries', [d])).body.results[0].status).not.toBe('rejected');

      const idsA = new Set(entries.map((_, i) => `harvest-te-${baseA + i}`));
      const idsB = new Set(entries.map((_, i) => `harvest-te-${baseB + i}`));
      const journals = (await api.get('/journals')).body.journals as any[];
      const of = (ids: Set<string>) => journals.filter((j) => ids.has(j.lines[0].source.entryId));
      expect(journals.every(isBalanced)).toBe(true);
      expect(netByAccount(of(idsB))).toEqual(netByAccount(of(idsA)));

      for (const id of [...idsA, ...idsB]) {
        const l = (await api.get(`/time-entries/${id}/lineage`)).body;
        expect(l.journals.filter((j: any) => j.kind === 'original').length).toBeLessThanOrEqual(1);
        const states = l.ratings.map((r: any) => JSON.stringify(r.snapshot));
        expect(states.every((s: string, i: number) => i === 0 || s !== states[i - 1])).toBe(true);
      }
      // A full redelivery changes nothing.
      const before = journals.length;
      for (const d of shuffled) expect((await api.post('/inbound/harvest/time-entries', [d])).body.results[0].status).toBe('duplicate');
      expect((await api.get('/journals')).body.journals.length).toBe(before);
    }), { numRuns: 5, seed: 20260315 });
  }, 300_000);
});
