import Decimal from 'decimal.js';
import { describeTimesheet, isBalanced } from '../timesheet/timesheet-harness';
import { billingClient, entryIdOf, xeroEntry } from './billing-harness';

const enc = encodeURIComponent;
const TM = { legalEntityId: 'le-uk', periodStart: '2026-03-01', contractIds: ['ctr-umbrella-tm'] };

describeTimesheet('corrections after invoicing', (h) => {
  const api = billingClient(h);

  async function invoiceFor(date: string, minutes: number) {
    await api.intake([xeroEntry({ date, minutes })]);
    const run = await api.run({ ...TM, periodEnd: date });
    return api.approveAndFinalise(run.invoiceCandidates[0].id, '2026-04-01');
  }

  it('a difference correction issues a credit note for the difference with its own balanced delta journal; the invoice stays untouched', async () => {
    const invoice = await invoiceFor('2026-03-02', 480);
    const line = invoice.lines[0];
    const corrected = new Decimal(line.amount.amount).sub('100.00').toFixed(2);
    const increase = await api.post(`/invoices/${enc(invoice.id)}/corrections`, { policy: 'difference', lines: [{ lineId: line.id, amount: new Decimal(line.amount.amount).add(1).toFixed(2) }] }, 'dave');
    expect(increase.status).toBe(422);
    expect(increase.body).toMatchObject({ code: 'BILLING_REFUSED', billingCode: 'BILLING_INVALID_CORRECTION' });

    const res = await api.post(`/invoices/${enc(invoice.id)}/corrections`, { policy: 'difference', reason: 'rateChange', issueDate: '2026-04-10', lines: [{ lineId: line.id, amount: corrected }] }, 'dave');
    expect(res.status).toBe(201);
    const note = res.body.creditNote;
    expect(note).toMatchObject({ creditNoteNumber: 'UK-CN-000001', kind: 'difference', originalInvoiceId: invoice.id });
    expect(note.subtotal.amount).toBe('100.00');
    expect(note.taxTotal.amount).toBe('20.00');
    expect(note.total.amount).toBe('120.00');
    expect(res.body.reinvoice).toBeNull();
    expect(isBalanced(note.journal)).toBe(true);
    expect(note.journal.lines.find((l: any) => l.glAccountId === '1100')).toMatchObject({ credit: '120.00' });
    expect(note.journal.lines.find((l: any) => l.glAccountId === '2200')).toMatchObject({ debit: '20.00' });

    const stored = (await api.get(`/invoices/${enc(invoice.id)}`)).body;
    expect(stored.status).toBe('issued');
    expect(stored.total).toEqual(invoice.total);
    expect(stored.creditNotes.map((n: any) => n.creditNoteNumber)).toEqual(['UK-CN-000001']);
    expect(stored.links.every((l: any) => l.live)).toBe(true);
    const april = (await api.get('/journals?legalEntity=le-uk&period=2026-04')).body.journals.map((j: any) => j.id);
    expect(april).toEqual(expect.arrayContaining([`je:${invoice.id}`, `je:${note.id}`]));
    // Journals are never edited, the invoice's included.
    await expect(h().sql(`UPDATE journals SET period = '2026-05' WHERE id = 'je:${invoice.id}'`)).rejects.toThrow();
  });

  it('full credit and re-invoice: the original is credited in full, the corrected invoice takes the next number and the work', async () => {
    const entry = xeroEntry({ date: '2026-03-09', minutes: 240 });
    await api.intake([entry]);
    const run = await api.run({ ...TM, periodEnd: '2026-03-09' });
    const invoice = await api.approveAndFinalise(run.invoiceCandidates[0].id, '2026-04-01');
    const line = invoice.lines[0];
    const corrected = new Decimal(line.amount.amount).sub('40.00').toFixed(2);
    const res = await api.post(`/invoices/${enc(invoice.id)}/corrections`, { policy: 'fullCreditAndReinvoice', reason: 'correction', issueDate: '2026-04-11', lines: [{ lineId: line.id, amount: corrected }] }, 'dave');
    expect(res.status).toBe(201);
    const { creditNote, reinvoice } = res.body;
    expect(creditNote).toMatchObject({ kind: 'full', total: invoice.total });
    const next = Number(invoice.invoiceNumber.slice(-6)) + 1;
    expect(reinvoice.invoiceNumber).toBe(`UK-INV-${String(next).padStart(6, '0')}`);
    expect(reinvoice.subtotal.amount).toBe(corrected);
    expect(isBalanced(creditNote.journal)).toBe(true);
    expect(isBalanced(reinvoice.journal)).toBe(true);
    // Difference note total = full credit total − re-invoice total.
    expect(new Decimal(creditNote.total.amount).sub(reinvoice.total.amount).toFixed(2)).toBe('48.00');

    const original = (await api.get(`/invoices/${enc(invoice.id)}`)).body;
    expect(original.status).toBe('credited');
    expect(original.links.every((l: any) => !l.live)).toBe(true);
    const reissued = (await api.get(`/invoices/${enc(reinvoice.id)}`)).body;
    expect(reissued.links).toEqual([{ transactionId: `bt:${entryIdOf(entry)}:REGULAR`, entryId: entryIdOf(entry), live: true }]);
    expect(reissued.lines[0].lineageRefs).toContain(`timeEntry:${entryIdOf(entry)}@1`);
    const again = await api.post(`/invoices/${enc(invoice.id)}/corrections`, { policy: 'difference', lines: [{ lineId: line.id, amount: '1.00' }] }, 'dave');
    expect(again.status).toBe(409);
    // The work is still billed once: no run picks it up.
    expect((await api.run({ ...TM, periodEnd: '2026-03-31' })).transactions).toBe(0);
  });
});
