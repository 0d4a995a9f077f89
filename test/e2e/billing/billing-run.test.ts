import Decimal from 'decimal.js';
import { describeTimesheet, isBalanced } from '../timesheet/timesheet-harness';
import { billingClient, entryIdOf, xeroEntry } from './billing-harness';

const TM = { legalEntityId: 'le-uk', periodStart: '2026-03-01', periodEnd: '2026-03-31', contractIds: ['ctr-umbrella-tm'] };
const enc = encodeURIComponent;

describeTimesheet('billing runs, review and finalisation', (h) => {
  const api = billingClient(h);
  const first = [xeroEntry({ date: '2026-03-02', minutes: 480 }), xeroEntry({ date: '2026-03-03', minutes: 90, user: 1 }), xeroEntry({ date: '2026-03-04', minutes: 240, user: 2 })];
  let invoiceId = '';

  it('bills T&M time through review and finalisation: gapless number, VAT from the tax rule, balanced journal, lineage per line', async () => {
    await api.intake(first);
    const run = await api.run(TM);
    expect(run.transactions).toBe(3);
    expect(run.invoiceCandidates).toHaveLength(1);
    // A small run answers in full: every candidate with its lines, and the same ids listed.
    expect(run).toMatchObject({ candidates: 1, invoiceCandidatesTruncated: false, candidateIds: [run.invoiceCandidates[0].id] });
    const candidate = run.invoiceCandidates[0];
    expect(candidate).toMatchObject({ contractId: 'ctr-umbrella-tm', status: 'pendingReview', currency: 'GBP' });
    expect(candidate.billableTransactionIds.sort()).toEqual(first.map((e) => `bt:${entryIdOf(e)}:REGULAR`).sort());

    const early = await api.post(`/invoice-candidates/${enc(candidate.id)}/finalise`, {}, 'dave');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'BILLING_CONFLICT', billingCode: 'BILLING_CANDIDATE_STATE' });
    expect((await api.post(`/invoice-candidates/${enc(candidate.id)}/approve`, {}, 'erin')).status).toBe(403);

    const invoice = await api.approveAndFinalise(candidate.id, '2026-04-01');
    invoiceId = invoice.id;
    expect(invoice.invoiceNumber).toBe('UK-INV-001001');
    expect(invoice.subtotal.amount).toBe(candidate.subtotal.amount);
    const net = new Decimal(invoice.subtotal.amount);
    expect(invoice.taxTotal).toEqual({ amount: net.mul('0.2').toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2), currency: 'GBP' });
    expect(invoice.lines.every((l: any) => l.tax.ruleId === 'tr-uk-standard' && l.tax.rate === '20')).toBe(true);

    const stored = (await api.get(`/invoices/${enc(invoiceId)}`, 'erin')).body;
    expect(stored.status).toBe('issued');
    expect(isBalanced(stored.journal)).toBe(true);
    const receivable = stored.journal.lines.find((l: any) => l.glAccountId === '1100');
    expect(receivable.debit).toBe(invoice.total.amount);
    const unbilled = stored.journal.lines.filter((l: any) => l.glAccountId === '1210').reduce((n: Decimal, l: any) => n.add(l.credit), new Decimal(0));
    expect(unbilled.toFixed(2)).toBe(net.toFixed(2));
    const refs = stored.lines.flatMap((l: any) => l.lineageRefs);
    for (const e of first) expect(refs).toContain(`timeEntry:${entryIdOf(e)}@1`);
    expect(refs.some((r: string) => r.startsWith('contract:ctr-umbrella-tm@'))).toBe(true);
    expect(refs.some((r: string) => r.startsWith('rateCard:rc-uk@'))).toBe(true);
    expect(refs).toContain('taxRule:tr-uk-standard@1');
    expect(stored.links.map((l: any) => l.entryId).sort()).toEqual(first.map(entryIdOf).sort());

    const journals = (await api.get('/journals?legalEntity=le-uk&period=2026-04')).body.journals;
    expect(journals.map((j: any) => j.id)).toContain(`je:${invoiceId}`);
    const csv = await api.get('/journals?legalEntity=le-uk&period=2026-04&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n').filter((row) => row.startsWith(`je:${invoiceId},invoice,`)).length).toBe(stored.journal.lines.length);
    const lineage = (await api.get(`/time-entries/${enc(entryIdOf(first[0]))}/lineage`)).body;
    expect(lineage.entry.status).toBe('invoiced');
    const [outbox] = await h().sql<{ n: number | string }>(`SELECT COUNT(*) AS n FROM outbox_messages WHERE type = 'invoice.finalised' AND partition_key = 'le-uk:invoice:${invoiceId}'`);
    expect(Number(outbox.n)).toBe(1);
  });

  it('bills a transaction once: a second run does not pick up invoiced time, only new time', async () => {
    const again = await api.run(TM);
    expect(again.transactions).toBe(0);
    expect(again.invoiceCandidates).toEqual([]);
    const late = xeroEntry({ date: '2026-03-05', minutes: 60 });
    await api.intake([late]);
    const next = await api.run(TM);
    expect(next.invoiceCandidates).toHaveLength(1);
    expect(next.invoiceCandidates[0].billableTransactionIds).toEqual([`bt:${entryIdOf(late)}:REGULAR`]);
    // While that candidate is open, a further run does not propose the same time twice.
    expect((await api.run(TM)).transactions).toBe(0);
    await api.approveAndFinalise(next.invoiceCandidates[0].id, '2026-04-02');
    const [dup] = await h().sql<{ n: number | string }>(`SELECT COUNT(*) AS n FROM invoice_links WHERE transaction_id = 'bt:${entryIdOf(late)}:REGULAR'`);
    expect(Number(dup.n)).toBe(1);
  });

  it('refuses a direct change to invoiced time: approval transition 409, a corrected revision is queued TE_ALREADY_INVOICED', async () => {
    const direct = await api.post(`/time-entries/${enc(entryIdOf(first[0]))}/approve`, {}, 'dave');
    expect(direct.status).toBe(409);
    const corrected = await api.post('/inbound/xero-projects/time-entries?taskChargeType=TIME', { ...first[0], duration: 300, dateEnteredUtc: '2026-03-09T09:00:00Z' });
    expect(corrected.status).toBe(422);
    const ex = (await api.get('/exceptions?code=TE_ALREADY_INVOICED')).body;
    expect(ex.length).toBeGreaterThanOrEqual(1);
  });

  it('records reviewer write-downs and holds, audited, and only approved candidates are finalised', async () => {
    const held = xeroEntry({ date: '2026-03-10', minutes: 120 });
    const other = xeroEntry({ date: '2026-03-11', minutes: 60, user: 1 });
    await api.intake([held, other]);
    const run = await api.run(TM);
    const c = run.invoiceCandidates[0];
    const line = c.lines[0];
    const bad = await api.post(`/invoice-candidates/${enc(c.id)}/write-down`, { lineId: line.id, amount: '1000000.00', reason: 'goodwill' }, 'dave');
    expect(bad.status).toBe(422);
    expect(bad.body.billingCode).toBeDefined();
    const wd = await api.post(`/invoice-candidates/${enc(c.id)}/write-down`, { lineId: line.id, amount: '10.00', reason: 'goodwill' }, 'dave');
    expect(wd.status).toBe(200);
    expect(wd.body.subtotal.amount).toBe(new Decimal(c.subtotal.amount).sub('10.00').toFixed(2));
    const noReason = await api.post(`/invoice-candidates/${enc(c.id)}/hold`, { lineId: line.id }, 'dave');
    expect(noReason.status).toBe(422);
    const rejected = await api.post(`/invoice-candidates/${enc(c.id)}/reject`, { reason: 'client disputes the week' }, 'dave');
    expect(rejected.body.status).toBe('rejected');
    expect((await api.post(`/invoice-candidates/${enc(c.id)}/finalise`, {}, 'dave')).status).toBe(409);
    const audit = await h().sql<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = '${c.id}' ORDER BY action`);
    expect(audit.map((a) => a.action)).toEqual(['invoiceCandidate.reject', 'invoiceCandidate.write-down']);
    // The rejected candidate's time is proposed again.
    const rerun = await api.run(TM);
    expect(rerun.invoiceCandidates[0].billableTransactionIds.sort()).toEqual([held, other].map((e) => `bt:${entryIdOf(e)}:REGULAR`).sort());
  });

  it('reports approval-to-invoice latency, candidates pending review and write-offs by reason in the KPIs', async () => {
    const before = (await api.get('/kpis')).body;
    expect(before.invoicesPendingReview.candidates).toBe(1);
    expect(before.approvalToInvoiceLatencyHours.count).toBe(4);
    expect(before.writeOffsByReason).toEqual({});
    const [open] = await h().sql<{ id: string; content: string }>("SELECT id, content FROM invoice_candidates WHERE status = 'pendingReview'");
    const line = JSON.parse(open.content).lines[0];
    expect((await api.post(`/invoice-candidates/${enc(open.id)}/write-down`, { lineId: line.id, amount: '5.50', reason: 'training time' }, 'dave')).status).toBe(200);
    await api.approveAndFinalise(open.id, '2026-04-03');
    const after = (await api.get('/kpis')).body;
    expect(after.invoicesPendingReview).toEqual({ candidates: 0, amount: {} });
    expect(after.approvalToInvoiceLatencyHours.count).toBe(6);
    expect(after.writeOffsByReason).toEqual({ 'training time': { GBP: '5.50' } });
  });

  it('honours Idempotency-Key on billing runs: the replay answers the first run and stores nothing new', async () => {
    await api.intake([xeroEntry({ date: '2026-03-20', minutes: 45 })]);
    const token = await h().token('dave');
    const send = () => h().http().post('/api/v1/billing-runs').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', 'run-march-20').send({ ...TM, periodEnd: '2026-03-20' });
    const a = await send();
    const b = await send();
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect(a.body.invoiceCandidates).toHaveLength(1);
    const runs = await h().sql("SELECT id FROM billing_runs WHERE period_end = '2026-03-20'");
    expect(runs).toHaveLength(1);
  });
});
