import { describeTimesheet } from '../timesheet/timesheet-harness';
import { billingClient, xeroEntry } from './billing-harness';

const enc = encodeURIComponent;

describeTimesheet('gapless invoice numbers under concurrent finalisation', (h) => {
  const api = billingClient(h);

  it('finalises several candidates of one legal entity at once: numbers unique and consecutive, a refusal burns none', async () => {
    const days = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'];
    await api.intake(days.map((date, i) => xeroEntry({ date, minutes: 60 + i * 30, user: i % 3 })));
    const candidates: string[] = [];
    for (const day of days) {
      const run = await api.run({ legalEntityId: 'le-uk', periodStart: '2026-03-01', periodEnd: day, contractIds: ['ctr-umbrella-tm'] });
      expect(run.invoiceCandidates).toHaveLength(1);
      candidates.push(run.invoiceCandidates[0].id);
    }
    const [refused, ...approved] = candidates;
    for (const id of approved) expect((await api.post(`/invoice-candidates/${enc(id)}/approve`, {}, 'dave')).status).toBe(200);
    // The unapproved candidate races with the others; its refusal must not consume a number.
    const results = await Promise.all(candidates.map((id) => api.post(`/invoice-candidates/${enc(id)}/finalise`, { issueDate: '2026-04-01' }, 'dave')));
    expect(results[0].status).toBe(409);
    expect(results.slice(1).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const numbers = results.slice(1).map((r) => r.body.invoiceNumber as string).sort();
    expect(numbers).toEqual(['UK-INV-001001', 'UK-INV-001002', 'UK-INV-001003', 'UK-INV-001004']);
    const stored = await h().sql<{ number: string }>("SELECT number FROM invoices WHERE legal_entity_id = 'le-uk' ORDER BY number");
    expect(stored.map((r) => r.number)).toEqual(numbers);
    const [series] = await h().sql<{ last_number: number | string }>("SELECT last_number FROM number_series WHERE legal_entity_id = 'le-uk' AND document_type = 'invoice'");
    expect(Number(series.last_number)).toBe(1004);

    // A late approval of the refused candidate takes the next number, not a gap or a reuse.
    await api.approveAndFinalise(refused, '2026-04-02').then((inv) => expect(inv.invoiceNumber).toBe('UK-INV-001005'));
  });

  it('backs billed-once with a partial unique index: a second live link of a transaction is refused, a released one is not', async () => {
    const [link] = await h().sql<{ invoice_id: string; transaction_id: string; entry_id: string; created_at: string }>('SELECT invoice_id, transaction_id, entry_id, created_at FROM invoice_links ORDER BY invoice_id LIMIT 1');
    const [other] = await h().sql<{ id: string }>(`SELECT id FROM invoices WHERE id <> '${link.invoice_id}' ORDER BY id LIMIT 1`);
    const p = h().dialect === 'postgres' ? ['$1', '$2', '$3', '$4', '$5'] : ['?', '?', '?', '?', '?'];
    const insert = (live: number) => h().sql(`INSERT INTO invoice_links (invoice_id, transaction_id, entry_id, live, created_at) VALUES (${p[0]}, ${p[1]}, ${p[2]}, ${p[3]}, ${p[4]})`, [other.id, link.transaction_id, link.entry_id, live, link.created_at]);
    await expect(insert(1)).rejects.toThrow();
    await expect(insert(0)).resolves.toBeDefined();
  });

  it('backs the sequence with a unique index on (legal entity, number)', async () => {
    const [row] = await h().sql<Record<string, string>>("SELECT * FROM invoices WHERE number = 'UK-INV-001001'");
    const copy = { ...row, id: 'inv:copy' };
    const cols = Object.keys(copy);
    const marks = h().dialect === 'postgres' ? cols.map((_, i) => `$${i + 1}`) : cols.map(() => '?');
    await expect(h().sql(`INSERT INTO invoices (${cols.join(', ')}) VALUES (${marks.join(', ')})`, cols.map((c) => (copy as Record<string, unknown>)[c]))).rejects.toThrow();
  });
});
