import type { BillingCreditNote, BillingInvoice } from '@mapwright/billing';
import { CURRENCY_MINOR_UNITS } from '@mapwright/canonical-model';
import Decimal from 'decimal.js';
import type { GlTotal, MoneyTotals, ScenarioTotals, SimulationJournal } from '../model/result.types';

type Doc = Pick<BillingInvoice, 'currency' | 'subtotal' | 'taxTotal' | 'total' | 'lines'>;

function places(currency: string): number {
  const p = CURRENCY_MINOR_UNITS[currency as keyof typeof CURRENCY_MINOR_UNITS];
  if (p === undefined) throw new Error(`Currency ${currency} has no minor units in the canonical model.`);
  return p;
}

function fixed(n: Decimal, currency: string): string {
  return n.toFixed(places(currency));
}

function byCurrency(docs: readonly Doc[]): Record<string, MoneyTotals> {
  const acc = new Map<string, [Decimal, Decimal, Decimal]>();
  for (const d of docs) {
    const [s, t, g] = acc.get(d.currency) ?? [new Decimal(0), new Decimal(0), new Decimal(0)];
    acc.set(d.currency, [s.add(d.subtotal.amount), t.add(d.taxTotal.amount), g.add(d.total.amount)]);
  }
  const out: Record<string, MoneyTotals> = {};
  for (const c of [...acc.keys()].sort()) {
    const [s, t, g] = acc.get(c) as [Decimal, Decimal, Decimal];
    out[c] = { subtotal: fixed(s, c), tax: fixed(t, c), total: fixed(g, c) };
  }
  return out;
}

function taxByCode(invoices: readonly Doc[], notes: readonly Doc[]): Record<string, Record<string, string>> {
  const acc = new Map<string, Map<string, Decimal>>();
  const add = (docs: readonly Doc[], sign: number) => {
    for (const d of docs) {
      for (const l of d.lines) {
        const per = acc.get(l.taxCodeId) ?? new Map<string, Decimal>();
        per.set(d.currency, (per.get(d.currency) ?? new Decimal(0)).add(new Decimal(l.taxAmount.amount).mul(sign)));
        acc.set(l.taxCodeId, per);
      }
    }
  };
  add(invoices, 1);
  add(notes, -1);
  const out: Record<string, Record<string, string>> = {};
  for (const code of [...acc.keys()].sort()) {
    const per = acc.get(code) as Map<string, Decimal>;
    out[code] = Object.fromEntries([...per.keys()].sort().map((c) => [c, fixed(per.get(c) as Decimal, c)]));
  }
  return out;
}

function glTotals(journals: readonly SimulationJournal[]): GlTotal[] {
  const acc = new Map<string, { legalEntityId: string; account: string; functionalCurrency: string; debit: Decimal; credit: Decimal }>();
  for (const j of journals) {
    for (const l of j.lines) {
      const key = `${j.legalEntityId}\u0000${l.glAccountId}\u0000${l.functionalCurrency}`;
      const row = acc.get(key) ?? { legalEntityId: j.legalEntityId, account: l.glAccountId, functionalCurrency: l.functionalCurrency, debit: new Decimal(0), credit: new Decimal(0) };
      row.debit = row.debit.add(l.functionalDebit);
      row.credit = row.credit.add(l.functionalCredit);
      acc.set(key, row);
    }
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => ({
      legalEntityId: r.legalEntityId, account: r.account, functionalCurrency: r.functionalCurrency,
      debit: fixed(r.debit, r.functionalCurrency), credit: fixed(r.credit, r.functionalCurrency), balance: fixed(r.debit.sub(r.credit), r.functionalCurrency),
    }));
}

/**
 * The figures a governance board compares before and after a change:
 * invoice and credit note totals per currency, the net, tax per tax code,
 * and functional-currency GL totals per legal entity and account.
 */
export function scenarioTotals(result: { invoices: readonly BillingInvoice[]; creditNotes: readonly BillingCreditNote[]; journals: readonly SimulationJournal[] }): ScenarioTotals {
  const live = result.creditNotes.filter((n) => n.status !== 'void');
  const inv = byCurrency(result.invoices);
  const cn = byCurrency(live);
  const net: Record<string, MoneyTotals> = {};
  for (const c of [...new Set([...Object.keys(inv), ...Object.keys(cn)])].sort()) {
    const zero = { subtotal: '0', tax: '0', total: '0' };
    const a = inv[c] ?? zero;
    const b = cn[c] ?? zero;
    net[c] = {
      subtotal: fixed(new Decimal(a.subtotal).sub(b.subtotal), c), tax: fixed(new Decimal(a.tax).sub(b.tax), c), total: fixed(new Decimal(a.total).sub(b.total), c),
    };
  }
  return {
    invoices: { count: result.invoices.length, byCurrency: inv },
    creditNotes: { count: live.length, byCurrency: cn },
    net,
    taxByCode: taxByCode(result.invoices, live),
    gl: glTotals(result.journals),
  };
}
