import Decimal from 'decimal.js';
import { describeTimesheet, isBalanced, micros } from '../timesheet/timesheet-harness';
import { billingClient, entryIdOf, xeroEntry } from './billing-harness';

const enc = encodeURIComponent;
const TM = { legalEntityId: 'le-uk', periodStart: '2026-03-01', contractIds: ['ctr-umbrella-tm'] };
const INTAKE = '/inbound/xero-projects/time-entries?taskChargeType=TIME';

/** Net debit − credit of one account over journals, in micro-units (both currencies are GBP here). */
function net(journals: any[], account: string): bigint {
  return journals.flatMap((j) => j.lines).filter((l: any) => l.glAccountId === account).reduce((n: bigint, l: any) => n + micros(l.debit) - micros(l.credit), 0n);
}
const gbp = (d: Decimal) => d.toFixed(2);

describeTimesheet('corrections of invoiced time through intake', (h) => {
  const api = billingClient(h);

  async function invoiced(date: string, minutes: number) {
    const entry = xeroEntry({ date, minutes });
    await api.intake([entry]);
    const run = await api.run({ ...TM, periodEnd: date, periodStart: date });
    expect(run.invoiceCandidates).toHaveLength(1);
    const invoice = await api.approveAndFinalise(run.invoiceCandidates[0].id, '2026-04-01');
    return { entry, invoice, hourly: new Decimal(invoice.lines[0].unitPrice.amount) };
  }
  const correct = (entry: ReturnType<typeof xeroEntry>, minutes: number, enteredAt: string, marked = true) =>
    api.post(`${INTAKE}${marked ? '&correction=true' : ''}`, { ...entry, duration: minutes, dateEnteredUtc: enteredAt });
  const entryJournals = async (entryId: string) => (await api.get(`/time-entries/${enc(entryId)}/lineage`)).body.journals.map((j: any) => j.journal);
  /** Each invoice's journal and the journals of its credit notes. */
  const documentJournals = async (invoiceIds: string[]) => {
    const out: any[] = [];
    for (const id of invoiceIds) {
      const inv = (await api.get(`/invoices/${enc(id)}`)).body;
      out.push(inv.journal);
      for (const n of inv.creditNotes) out.push((await api.get(`/credit-notes/${enc(n.id)}`)).body.journal);
    }
    return out;
  };
  const setPolicy = async (policy: string | null) => {
    const current = (await api.get('/master-data/contract/ctr-umbrella-tm')).body;
    const res = await api.post('/master-data/contract', { sourceSystem: 'crm', object: current.object, attributes: policy ? { correctionPolicy: policy } : {} }, 'dave');
    expect([200, 201]).toContain(res.status);
  };

  it('refuses a plain new revision of invoiced time; the same change sent as a correction is re-rated and credited for the difference with delta journals', async () => {
    const { entry, invoice, hourly } = await invoiced('2026-03-02', 480);
    const id = entryIdOf(entry);
    const plain = await correct(entry, 360, '2026-04-05T09:00:00Z', false);
    expect(plain.status).toBe(422);
    expect(plain.body.errors[0].message).toMatch(/^TE_ALREADY_INVOICED/);

    const res = await correct(entry, 360, '2026-04-05T09:00:00Z');
    expect(res.status).toBe(200);
    const result = res.body.results[0];
    expect(result).toMatchObject({ status: 'corrected', entryStatus: 'invoiced', revision: 2 });
    expect(result.rating.ok).toBe(true);
    const [credited] = result.billing.invoices;
    expect(credited).toMatchObject({ invoiceId: invoice.id, policy: 'difference', reinvoice: null });
    const difference = hourly.mul(2);
    expect(credited.creditNote.total.amount).toBe(gbp(difference.mul('1.2')));

    const stored = (await api.get(`/invoices/${enc(invoice.id)}`)).body;
    expect(stored.status).toBe('issued');
    expect(stored.total).toEqual(invoice.total);
    expect(stored.links.every((l: any) => l.live)).toBe(true);
    const note = (await api.get(`/credit-notes/${enc(credited.creditNote.id)}`)).body;
    expect(note).toMatchObject({ kind: 'difference', originalInvoiceId: invoice.id, status: 'finalised', cancellation: null });
    expect(isBalanced(note.journal)).toBe(true);
    // The note relieves the accrual delta rating posted, so unbilled nets to zero and revenue to the corrected value.
    expect(note.journal.lines.find((l: any) => l.glAccountId === '1210')).toMatchObject({ debit: gbp(difference) });
    const ratingJournals = await entryJournals(id);
    expect(ratingJournals).toHaveLength(2);
    expect(ratingJournals.every(isBalanced)).toBe(true);
    const all = [...ratingJournals, stored.journal, note.journal];
    expect(net(all, '1210')).toBe(0n);
    expect(net(all, '4000')).toBe(-micros(gbp(hourly.mul(6))));
    expect(net(all, '1100')).toBe(micros(gbp(hourly.mul(6).mul('1.2'))));
    expect((await api.get(`/time-entries/${enc(id)}`)).body.status).toBe('invoiced');
    // History is never reprocessed: the invoice journal is the one first posted.
    expect(stored.journal).toMatchObject(invoice.journal);
    const [audit] = await h().sql<{ details: string }>(`SELECT details FROM audit_events WHERE action = 'invoice.corrected' AND entity_id = '${invoice.id}'`);
    expect(JSON.parse(audit.details).origin).toEqual({ entryId: id, revision: 2 });
  });

  it('full credit and re-invoice by contract policy nets to the same amount as the difference, and an increase is always re-invoiced', async () => {
    const { entry, invoice, hourly } = await invoiced('2026-03-03', 480);
    await setPolicy('fullCreditAndReinvoice');
    try {
      const res = await correct(entry, 360, '2026-04-06T09:00:00Z');
      expect(res.status).toBe(200);
      const [credited] = res.body.results[0].billing.invoices;
      expect(credited.policy).toBe('fullCreditAndReinvoice');
      expect(credited.creditNote.total).toEqual(invoice.total);
      // Full credit − re-invoice = the difference note's total under the other policy.
      expect(new Decimal(credited.creditNote.total.amount).sub(credited.reinvoice.total.amount).toFixed(2)).toBe(gbp(hourly.mul(2).mul('1.2')));
      const original = (await api.get(`/invoices/${enc(invoice.id)}`)).body;
      expect(original.status).toBe('credited');
      const reissued = (await api.get(`/invoices/${enc(credited.reinvoice.id)}`)).body;
      expect(reissued.links).toEqual([{ transactionId: `bt:${entryIdOf(entry)}:REGULAR`, entryId: entryIdOf(entry), live: true }]);
      const all = [...(await entryJournals(entryIdOf(entry))), ...(await documentJournals([invoice.id, credited.reinvoice.id]))];
      expect(all.every(isBalanced)).toBe(true);
      expect(net(all, '1210')).toBe(0n);
      expect(net(all, '4000')).toBe(-micros(gbp(hourly.mul(6))));
    } finally {
      await setPolicy(null);
    }
    // Policy back to difference, but an increase cannot be a credit note: it is credited in full and re-invoiced.
    const up = await correct(entry, 420, '2026-04-07T09:00:00Z');
    expect(up.status).toBe(200);
    const [raised] = up.body.results[0].billing.invoices;
    expect(raised.policy).toBe('fullCreditAndReinvoice');
    expect(raised.reinvoice.total.amount).toBe(gbp(hourly.mul(7).mul('1.2')));
    const all = [...(await entryJournals(entryIdOf(entry))), ...(await documentJournals([invoice.id, raised.invoiceId, raised.reinvoice.id]))];
    expect(all.every(isBalanced)).toBe(true);
    expect(net(all, '1210')).toBe(0n);
    expect(net(all, '4000')).toBe(-micros(gbp(hourly.mul(7))));
  });

  it('a correction that creates a charge no invoice line carries (daily overtime) credits the invoice in full and releases the time for the next run', async () => {
    const { entry, invoice } = await invoiced('2026-03-17', 480);
    const id = entryIdOf(entry);
    const res = await correct(entry, 600, '2026-04-08T09:00:00Z');
    expect(res.status).toBe(200);
    const [credited] = res.body.results[0].billing.invoices;
    expect(credited).toMatchObject({ invoiceId: invoice.id, policy: 'fullCredit', reinvoice: null, releasedEntryIds: [id] });
    expect(credited.creditNote.total).toEqual(invoice.total);
    expect((await api.get(`/invoices/${enc(invoice.id)}`)).body.status).toBe('credited');
    expect((await api.get(`/time-entries/${enc(id)}`)).body.status).toBe('approved');
    const run = await api.run({ ...TM, periodStart: '2026-03-17', periodEnd: '2026-03-17' });
    const proposed = run.invoiceCandidates[0].billableTransactionIds;
    expect(proposed).toHaveLength(2);
    expect(proposed).toContain(`bt:${id}:REGULAR`);
    const again = await api.approveAndFinalise(run.invoiceCandidates[0].id, '2026-04-09');
    const all = [...(await entryJournals(id)), ...(await documentJournals([invoice.id, again.id]))];
    expect(all.every(isBalanced)).toBe(true);
    expect(net(all, '1210')).toBe(0n);
    expect(net(all, '1100')).toBe(micros(again.total.amount));
    const revenue = all.flatMap((j: any) => j.lines).filter((l: any) => l.glAccountId.startsWith('40')).reduce((n: bigint, l: any) => n + micros(l.debit) - micros(l.credit), 0n);
    expect(revenue).toBe(-micros(again.subtotal.amount));
  });

  it('recalculates an open candidate when time it proposes is corrected, keeping the reviewer’s write-down', async () => {
    const entry = xeroEntry({ date: '2026-03-10', minutes: 240 });
    await api.intake([entry]);
    const run = await api.run({ ...TM, periodStart: '2026-03-10', periodEnd: '2026-03-10' });
    const candidate = run.invoiceCandidates[0];
    const hourly = new Decimal(candidate.lines[0].unitPrice.amount);
    expect((await api.post(`/invoice-candidates/${enc(candidate.id)}/write-down`, { lineId: candidate.lines[0].id, amount: '5.00', reason: 'goodwill' }, 'dave')).status).toBe(200);
    expect((await api.post(`/invoice-candidates/${enc(candidate.id)}/approve`, {}, 'dave')).status).toBe(200);
    const res = await api.post(INTAKE, { ...entry, duration: 300, dateEnteredUtc: '2026-03-11T09:00:00Z' });
    expect(res.status).toBe(200);
    expect(res.body.results[0].billing.candidates).toEqual([{ candidateId: candidate.id, status: 'pendingReview', subtotalBefore: { amount: gbp(hourly.mul(4).sub(5)), currency: 'GBP' }, subtotalAfter: { amount: gbp(hourly.mul(5).sub(5)), currency: 'GBP' } }]);
    const after = (await api.get(`/invoice-candidates/${enc(candidate.id)}`)).body;
    expect(after.status).toBe('pendingReview');
    expect(after.lines[0].writeOff.amount).toBe('5.00');
    expect(Number(after.lines[0].quantity.value)).toBe(5);
    const invoice = await api.approveAndFinalise(candidate.id, '2026-04-02');
    expect(invoice.subtotal.amount).toBe(gbp(hourly.mul(5).sub(5)));
    expect(isBalanced(invoice.journal)).toBe(true);
    const audit = await h().sql<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = '${candidate.id}' AND action = 'invoiceCandidate.recalculated'`);
    expect(audit).toHaveLength(1);
  });
});
