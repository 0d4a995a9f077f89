import Decimal from 'decimal.js';
import { describeTimesheet, isBalanced, micros } from '../timesheet/timesheet-harness';
import { billingClient, xeroEntry } from './billing-harness';

const enc = encodeURIComponent;
const TM = { legalEntityId: 'le-uk', contractIds: ['ctr-umbrella-tm'] };
// Seeded EUR→GBP 0.86 from 2026-01-01; the April rate is loaded below. GBP→EUR is the inverse, kept to 12 places.
const ACCRUAL_RATE = new Decimal(1).div('0.86').toDecimalPlaces(12, Decimal.ROUND_HALF_UP);
const INVOICE_RATE = new Decimal(1).div('0.85').toDecimalPlaces(12, Decimal.ROUND_HALF_UP);
const eur = (gbp: Decimal | string, rate: Decimal) => new Decimal(gbp).mul(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const sum = (lines: any[], pick: (l: any) => string) => lines.reduce((n: Decimal, l: any) => n.add(pick(l)), new Decimal(0));

describeTimesheet('foreign-currency invoices', (h) => {
  const api = billingClient(h);

  beforeAll(async () => {
    // The UK entity keeps its books in EUR from here on, so its GBP invoices are foreign-currency documents.
    const le = (await api.get('/master-data/legalEntity/le-uk')).body;
    expect([200, 201]).toContain((await api.post('/master-data/legalEntity', { sourceSystem: 'erp', object: { ...le.object, functionalCurrency: 'EUR' }, attributes: le.attributes }, 'dave')).status);
    const rate = { id: 'fx-eur-gbp-2026-04-01', externalRefs: [], baseCurrency: 'EUR', quoteCurrency: 'GBP', rate: '0.85', rateType: 'spot', effectiveDate: '2026-04-01', source: 'ECB' };
    expect([200, 201]).toContain((await api.post('/master-data/fxRate', { sourceSystem: 'treasury', object: rate }, 'dave')).status);
  });

  it('finalises a GBP invoice in a EUR-books entity: both amounts per line, balanced in both currencies, the rate change to FX gain; a missing rate is refused and queued', async () => {
    await api.intake([xeroEntry({ date: '2026-03-02', minutes: 480 })]);
    const run = await api.run({ ...TM, periodStart: '2026-03-01', periodEnd: '2026-03-31' });
    const candidate = run.invoiceCandidates[0];
    expect(candidate.currency).toBe('GBP');
    expect((await api.post(`/invoice-candidates/${enc(candidate.id)}/approve`, {}, 'dave')).status).toBe(200);

    // No rate on or before a backdated issue date: refused, never converted at 1, and raised for finance.
    const early = await api.post(`/invoice-candidates/${enc(candidate.id)}/finalise`, { issueDate: '2025-12-31' }, 'dave');
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'BILLING_REFUSED', billingCode: 'BILLING_NO_FX_RATE' });
    const queued = (await api.get('/exceptions?category=billing&code=BILLING_NO_FX_RATE')).body;
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ objectId: candidate.id, legalEntityId: 'le-uk', category: 'billing' });
    const [series] = await h().sql<{ n: number | string }>("SELECT COUNT(*) AS n FROM invoices WHERE legal_entity_id = 'le-uk'");
    expect(Number(series.n)).toBe(0);

    const res = await api.post(`/invoice-candidates/${enc(candidate.id)}/finalise`, { issueDate: '2026-04-01' }, 'dave');
    expect(res.status).toBe(200);
    const invoice = res.body;
    const net = new Decimal(invoice.subtotal.amount);
    const total = new Decimal(invoice.total.amount);
    expect(invoice).toMatchObject({ currency: 'GBP', functionalCurrency: 'EUR', fxRate: INVOICE_RATE.toString(), functionalTotal: { amount: eur(total, INVOICE_RATE).toFixed(2), currency: 'EUR' } });

    const journal = invoice.journal;
    expect(isBalanced(journal)).toBe(true);
    expect(journal.functionalCurrency).toBe('EUR');
    expect(journal.lines.every((l: any) => l.currency === 'GBP' && l.functionalCurrency === 'EUR')).toBe(true);
    const line = (account: string) => journal.lines.find((l: any) => l.glAccountId === account);
    expect(line('1100')).toMatchObject({ debit: total.toFixed(2), functionalDebit: eur(total, INVOICE_RATE).toFixed(2), fxRate: INVOICE_RATE.toString() });
    // Unbilled is relieved at the rate it was accrued at (the work date's), not the invoice date's.
    expect(line('1210')).toMatchObject({ credit: net.toFixed(2), functionalCredit: eur(net, ACCRUAL_RATE).toFixed(2), fxRate: ACCRUAL_RATE.toString() });
    const gain = eur(total, INVOICE_RATE).sub(eur(net, ACCRUAL_RATE)).sub(eur(line('2200').credit, INVOICE_RATE));
    expect(gain.gt(0)).toBe(true);
    expect(line('7100')).toMatchObject({ role: 'fxDifference', debit: '0.00', credit: '0.00', functionalCredit: gain.toFixed(2) });
    expect(line('7200')).toBeUndefined();
    expect(sum(journal.lines, (l) => l.debit).toFixed(2)).toBe(sum(journal.lines, (l) => l.credit).toFixed(2));
    expect(sum(journal.lines, (l) => l.functionalDebit).toFixed(2)).toBe(sum(journal.lines, (l) => l.functionalCredit).toFixed(2));

    // The accrual (at the work-date rate) and the invoice's relief cancel in both currencies.
    const entryId = invoice.billableTransactionIds[0].slice(3, invoice.billableTransactionIds[0].lastIndexOf(':'));
    const accruals = (await api.get(`/time-entries/${enc(entryId)}/lineage`)).body.journals.map((j: any) => j.journal);
    const unbilled = [...accruals, journal].flatMap((j: any) => j.lines).filter((l: any) => l.glAccountId === '1210');
    expect(unbilled.reduce((n: bigint, l: any) => n + micros(l.debit) - micros(l.credit), 0n)).toBe(0n);
    expect(unbilled.reduce((n: bigint, l: any) => n + micros(l.functionalDebit) - micros(l.functionalCredit), 0n)).toBe(0n);

    // A credit note of a foreign-currency invoice is balanced in both currencies too, at its own date's rate.
    const corrected = await api.post(`/invoices/${enc(invoice.id)}/corrections`, { policy: 'difference', issueDate: '2026-04-10', lines: [{ lineId: invoice.lines[0].id, amount: net.sub('50.00').toFixed(2) }] }, 'dave');
    expect(corrected.status).toBe(201);
    expect(isBalanced(corrected.body.creditNote.journal)).toBe(true);
    expect(corrected.body.creditNote.journal.lines.find((l: any) => l.glAccountId === '1100')).toMatchObject({ credit: '60.00', functionalCredit: eur('60.00', INVOICE_RATE).toFixed(2) });
  });
});
