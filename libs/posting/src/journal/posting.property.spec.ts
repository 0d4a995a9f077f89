import fc from 'fast-check';
import type { FxContext } from '../fx/fx.converter';
import { Dec, minorUnits } from '../money/posting.money';
import { defaultPostingRules } from '../rules/default-posting-rules';
import { event, rated } from '../testing/posting.fixtures';
import { assertBalanced, ledgerBalances } from './journal.balance';
import { buildDeltaJournal, buildJournal } from './journal.builder';
import { buildReversal } from './journal.reversal';
import type { JournalEntry } from './journal.types';
import type { RatedEntry } from './rated-entry.types';

const rules = defaultPostingRules();

/** Two legal entities with different functional currencies and rates that move inside the month. */
const BOOKS: Record<string, FxContext> = {
  'le-eu': {
    functionalCurrency: 'EUR',
    rates: [
      { baseCurrency: 'USD', quoteCurrency: 'EUR', rate: '0.9235', rateType: 'spot', effectiveDate: '2026-01-01' },
      { baseCurrency: 'USD', quoteCurrency: 'EUR', rate: '0.9371', rateType: 'spot', effectiveDate: '2026-03-10' },
      { baseCurrency: 'JPY', quoteCurrency: 'EUR', rate: '0.006137', rateType: 'spot', effectiveDate: '2026-01-01' },
      { baseCurrency: 'EUR', quoteCurrency: 'BHD', rate: '0.4113', rateType: 'spot', effectiveDate: '2026-01-01' },
    ],
  },
  'le-jp': {
    functionalCurrency: 'JPY',
    rates: [
      { baseCurrency: 'USD', quoteCurrency: 'JPY', rate: '150.37', rateType: 'spot', effectiveDate: '2026-01-01' },
      { baseCurrency: 'EUR', quoteCurrency: 'JPY', rate: '162.955', rateType: 'spot', effectiveDate: '2026-01-01' },
      { baseCurrency: 'BHD', quoteCurrency: 'JPY', rate: '398.77', rateType: 'spot', effectiveDate: '2026-01-01' },
    ],
  },
};

const amountArb = (currency: string) => fc.integer({ min: 1, max: 5_000_000 }).map((minor) => new Dec(minor).div(new Dec(10).pow(minorUnits(currency))).toFixed(minorUnits(currency)));
const partsArb = (currency: string) =>
  fc.uniqueArray(fc.constantFrom('REGULAR', 'OT_DAILY', 'OT_WEEKLY', 'WEEKEND'), { minLength: 1, maxLength: 4 })
    .chain((codes) => fc.tuple(...codes.map((code) => fc.tuple(fc.constant(code), fc.integer({ min: 1, max: 600 }), amountArb(currency)))));

/** One state of an entry: billable or not, billed in any of four currencies, costed in EUR or USD. */
const stateArb = fc.record({
  date: fc.constantFrom('2026-03-02', '2026-03-09', '2026-03-10', '2026-03-21'),
  billingCurrency: fc.constantFrom('USD', 'EUR', 'JPY', 'BHD'),
  costCurrency: fc.constantFrom('USD', 'EUR'),
  billable: fc.boolean(),
}).chain((s) => fc.record({ s: fc.constant(s), billing: partsArb(s.billingCurrency), cost: partsArb(s.costCurrency) }));

/** An entry and the chain of its revisions, all in one legal entity. */
const chainArb = (id: string) =>
  fc.tuple(fc.constantFrom('le-eu', 'le-jp'), fc.array(stateArb, { minLength: 1, maxLength: 5 })).map(([le, states]): RatedEntry[] =>
    states.map(({ s, billing, cost }, i) => rated({
      id, revision: i + 1, date: s.date, legalEntityId: le, billing: s.billable ? billing : null, billingCurrency: s.billingCurrency, cost, costCurrency: s.costCurrency,
    })));

const entriesArb = fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => chainArb(`te-${i}`))));

const fxOf = (s: RatedEntry) => BOOKS[s.entry.legalEntityId as string];

function initial(s: RatedEntry): JournalEntry | null {
  return buildJournal(event('timeEntry.approved', `${s.entry.id}-r${s.entry.revision}`), s, rules, fxOf(s));
}

/** What a worker does on each delivery: first sight posts, a newer revision posts the delta, anything else is ignored. */
function processDeliveries(deliveries: RatedEntry[]): JournalEntry[] {
  const posted = new Map<string, RatedEntry>();
  const journals: JournalEntry[] = [];
  for (const s of deliveries) {
    const last = posted.get(s.entry.id);
    if (last && s.entry.revision <= last.entry.revision) continue;
    const j = last ? buildDeltaJournal(last, s, event('timeEntry.corrected', `${s.entry.id}-r${s.entry.revision}`), rules, fxOf(s)) : initial(s);
    if (j) journals.push(j);
    posted.set(s.entry.id, s);
  }
  return journals;
}

function independentlyBalanced(j: JournalEntry): boolean {
  const txn = new Map<string, Dec>();
  let fn = new Dec(0);
  for (const l of j.lines) {
    txn.set(l.currency, (txn.get(l.currency) ?? new Dec(0)).add(l.debit).sub(l.credit));
    fn = fn.add(l.functionalDebit).sub(l.functionalCredit);
  }
  return fn.isZero() && [...txn.values()].every((v) => v.isZero());
}

describe('posting properties', () => {
  it('every journal, delta and reversal balances in transaction and functional currency', () => {
    fc.assert(fc.property(chainArb('te-p'), (chain) => {
      const journals = processDeliveries(chain);
      const reversals = journals.map((j, i) => buildReversal(j, { eventId: `rev-${i}`, postingDate: '2026-04-01', correlationId: 'c' }));
      for (const j of [...journals, ...reversals]) {
        expect(() => assertBalanced(j)).not.toThrow();
        expect(independentlyBalanced(j)).toBe(true);
      }
      expect(ledgerBalances([...journals, ...reversals])).toEqual([]);
    }));
  });

  it('the sum of delta journals after a chain of corrections equals the journal of the final state', () => {
    fc.assert(fc.property(chainArb('te-c'), (chain) => {
      const final = chain[chain.length - 1];
      const direct = initial(final);
      expect(ledgerBalances(processDeliveries(chain))).toEqual(ledgerBalances(direct ? [direct] : []));
    }));
  });

  it('the final ledger does not depend on delivery order or duplicates', () => {
    fc.assert(fc.property(entriesArb, fc.infiniteStream(fc.integer()), fc.infiniteStream(fc.nat(3)), (chains, keys, copies) => {
      const k = keys[Symbol.iterator]();
      const c = copies[Symbol.iterator]();
      const deliveries = chains.flat().flatMap((s) => Array.from({ length: 1 + (c.next().value as number) }, () => s));
      const shuffled = deliveries.map((s) => ({ s, key: k.next().value as number })).sort((a, b) => a.key - b.key).map(({ s }) => s);
      const finals = chains.map((chain) => chain[chain.length - 1]);
      const expected = ledgerBalances(finals.map(initial).filter((j): j is JournalEntry => j !== null));
      expect(ledgerBalances(processDeliveries(shuffled))).toEqual(expected);
      expect(ledgerBalances(processDeliveries([...finals].reverse()))).toEqual(expected);
    }));
  });

  it('is deterministic: the same inputs give the same journal', () => {
    fc.assert(fc.property(chainArb('te-d'), (chain) => {
      const s = chain[chain.length - 1];
      expect(initial(s)).toEqual(initial(structuredClone(s)));
    }));
  });
});
