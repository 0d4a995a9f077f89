import Decimal from 'decimal.js';
import { describeTimesheet, isBalanced } from '../timesheet/timesheet-harness';
import { billingClient, entryIdOf, xeroEntry } from './billing-harness';

const enc = encodeURIComponent;
const TM = { legalEntityId: 'le-uk', contractIds: ['ctr-umbrella-tm'] };

describeTimesheet('full credit notes and their cancellation', (h) => {
  const api = billingClient(h);
  const day = (date: string) => ({ ...TM, periodStart: date, periodEnd: date });

  async function invoiced(date: string, minutes: number) {
    const entry = xeroEntry({ date, minutes });
    await api.intake([entry]);
    const run = await api.run(day(date));
    return { entry, invoice: await api.approveAndFinalise(run.invoiceCandidates[0].id, '2026-04-01') };
  }
  const cancel = (id: string, body: Record<string, unknown>, user = 'dave') => api.post(`/credit-notes/${enc(id)}/cancel`, body, user);

  it('a full credit releases the work for re-billing; cancelling it links the work back, journals the reversal and audits it', async () => {
    const { entry, invoice } = await invoiced('2026-03-02', 300);
    const id = entryIdOf(entry);
    const res = await api.post(`/invoices/${enc(invoice.id)}/corrections`, { policy: 'fullCredit', reason: 'dispute', issueDate: '2026-04-05' }, 'dave');
    expect(res.status).toBe(201);
    const note = res.body.creditNote;
    expect(note).toMatchObject({ kind: 'full', total: invoice.total, releasedTransactionIds: [`bt:${id}:REGULAR`] });
    expect(res.body.reinvoice).toBeNull();
    expect(res.body.releasedEntryIds).toEqual([id]);
    expect(isBalanced(note.journal)).toBe(true);
    // It gives back exactly what the invoice relieved.
    expect(note.journal.lines.find((l: any) => l.glAccountId === '1210').debit).toBe(invoice.journal.lines.find((l: any) => l.glAccountId === '1210').credit);
    const credited = (await api.get(`/invoices/${enc(invoice.id)}`)).body;
    expect(credited.status).toBe('credited');
    expect(credited.links).toEqual([{ transactionId: `bt:${id}:REGULAR`, entryId: id, live: false }]);
    expect((await api.get(`/time-entries/${enc(id)}`)).body.status).toBe('approved');

    // The next run proposes the released work; while it is proposed the note cannot be cancelled.
    const rerun = await api.run(day('2026-03-02'));
    expect(rerun.invoiceCandidates[0].billableTransactionIds).toEqual([`bt:${id}:REGULAR`]);
    const blocked = await cancel(note.id, { reason: 'dispute withdrawn', date: '2026-04-06' });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'BILLING_CONFLICT', billingCode: 'BILLING_RELINK_CONFLICT' });
    expect((await api.post(`/invoice-candidates/${enc(rerun.invoiceCandidates[0].id)}/reject`, { reason: 'the credit note is being cancelled' }, 'dave')).status).toBe(200);

    expect((await cancel(note.id, { reason: 'dispute withdrawn', date: '2026-04-06' }, 'erin')).status).toBe(403);
    expect((await cancel(note.id, {})).status).toBe(422);
    const token = await h().token('dave');
    const send = () => h().http().post(`/api/v1/credit-notes/${enc(note.id)}/cancel`).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', `cancel-${note.id}`)
      .send({ reason: 'dispute withdrawn', date: '2026-04-06' });
    const first = await send();
    const replay = await send();
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(replay.body).toEqual(first.body);
    expect(first.body).toMatchObject({ status: 'void', relinkedEntryIds: [id], cancellation: { reason: 'dispute withdrawn', actor: 'dave' } });
    const reversal = first.body.cancellation.journal;
    expect(reversal).toMatchObject({ id: `je:${note.id}:cancel`, date: '2026-04-06', period: '2026-04' });
    expect(isBalanced(reversal)).toBe(true);
    expect(reversal.lines.map((l: any) => [l.glAccountId, l.debit, l.credit])).toEqual(note.journal.lines.map((l: any) => [l.glAccountId, l.credit, l.debit]));

    const relinked = (await api.get(`/invoices/${enc(invoice.id)}`)).body;
    expect(relinked.status).toBe('issued');
    expect(relinked.links).toEqual([{ transactionId: `bt:${id}:REGULAR`, entryId: id, live: true }]);
    expect(relinked.creditNotes.map((n: any) => [n.id, n.status])).toEqual([[note.id, 'void']]);
    expect((await api.get(`/time-entries/${enc(id)}`)).body.status).toBe('invoiced');
    expect((await api.get(`/credit-notes/${enc(note.id)}`, 'erin')).body.status).toBe('void');
    expect((await cancel(note.id, { reason: 'again' })).status).toBe(409);
    expect((await api.run(day('2026-03-02'))).transactions).toBe(0);
    const audit = await h().sql<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = '${note.id}'`);
    expect(audit.map((a) => a.action)).toEqual(['creditNote.cancelled']);
    const journals = (await api.get('/journals?legalEntity=le-uk&period=2026-04')).body.journals.map((j: any) => j.id);
    expect(journals).toEqual(expect.arrayContaining([`je:${note.id}`, `je:${note.id}:cancel`]));
    expect((await api.get('/credit-notes/cn:none')).status).toBe(404);
  });

  it('refuses to cancel a full credit note once its work is invoiced again, and to credit in full over a standing difference note', async () => {
    const { entry, invoice } = await invoiced('2026-03-03', 240);
    const full = (await api.post(`/invoices/${enc(invoice.id)}/corrections`, { policy: 'fullCredit', issueDate: '2026-04-05' }, 'dave')).body.creditNote;
    const rerun = await api.run(day('2026-03-03'));
    const again = await api.approveAndFinalise(rerun.invoiceCandidates[0].id, '2026-04-06');
    expect(again.billableTransactionIds).toEqual([`bt:${entryIdOf(entry)}:REGULAR`]);
    const refused = await cancel(full.id, { reason: 'mistake' });
    expect(refused.status).toBe(409);
    expect(refused.body.billingCode).toBe('BILLING_RELINK_CONFLICT');

    const line = again.lines[0];
    const diff = await api.post(`/invoices/${enc(again.id)}/corrections`, { policy: 'difference', lines: [{ lineId: line.id, amount: new Decimal(line.amount.amount).sub('10.00').toFixed(2) }], issueDate: '2026-04-07' }, 'dave');
    expect(diff.status).toBe(201);
    const over = await api.post(`/invoices/${enc(again.id)}/corrections`, { policy: 'fullCredit', issueDate: '2026-04-07' }, 'dave');
    expect(over.status).toBe(422);
    expect(over.body.billingCode).toBe('BILLING_INVALID_CORRECTION');
    // Cancelling the difference note voids it (nothing to relink), after which the full credit goes through.
    const voided = await cancel(diff.body.creditNote.id, { reason: 'superseded by a full credit', date: '2026-04-07' });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: 'void', relinkedEntryIds: [] });
    expect(isBalanced(voided.body.cancellation.journal)).toBe(true);
    expect((await api.post(`/invoices/${enc(again.id)}/corrections`, { policy: 'fullCredit', issueDate: '2026-04-07' }, 'dave')).status).toBe(201);
  });
});
