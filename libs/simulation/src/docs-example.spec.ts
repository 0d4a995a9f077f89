import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { simulate } from './simulate';

const doc = readFileSync(resolve(__dirname, '..', '..', '..', 'docs', 'simulation.md'), 'utf8');

describe('the worked example in docs/simulation.md', () => {
  const yaml = /## Worked example\s+```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
  const totals = /- totals:\s+```json\n([\s\S]*?)```/.exec(doc)?.[1];

  it('gives the output the page shows', () => {
    expect(yaml).toBeDefined();
    const result = simulate(parse(yaml as string));
    expect(result.totals).toEqual(JSON.parse(totals as string));
    expect(result.exceptions).toEqual([{ code: 'ENTRY_UNKNOWN_PROJECT', source: 'intake', eventIndex: 1, pointer: '/events/1', message: 'Entry te-2 names project prj-mars, which is not in master data.', blocking: true, entryId: 'te-2' }]);
    expect(result.invoices.map((i) => [i.id, i.invoiceNumber, i.dueDate, i.total.amount])).toEqual([['inv:US-INV-000001', 'US-INV-000001', '2026-04-30', '1237.50']]);
    expect(result.journals.map((j) => j.id)).toEqual(['je-te-1@1', 'je:inv:US-INV-000001']);
  });
});
