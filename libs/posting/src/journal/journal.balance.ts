import type Decimal from 'decimal.js';
import { PostingError } from '../errors/posting.error';
import { Dec, formatMinor, minorUnits, parseDecimal } from '../money/posting.money';
import type { JournalEntry } from './journal.types';

function sumBy(lines: JournalEntry['lines'], keyOf: (l: JournalEntry['lines'][number]) => string, amountOf: (l: JournalEntry['lines'][number]) => Decimal): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const l of lines) out.set(keyOf(l), (out.get(keyOf(l)) ?? new Dec(0)).add(amountOf(l)));
  return out;
}

/**
 * Throws unless debits equal credits per transaction currency and in the
 * functional currency, and every line uses the journal's functional currency.
 */
export function assertBalanced(journal: JournalEntry): void {
  const wrongFunctional = journal.lines.find((l) => l.functionalCurrency !== journal.functionalCurrency);
  if (wrongFunctional) {
    throw new PostingError('POSTING_FUNCTIONAL_CURRENCY_MISMATCH', `Line ${wrongFunctional.lineNumber} of journal ${journal.id} is in ${wrongFunctional.functionalCurrency}, the journal in ${journal.functionalCurrency}.`, { journalId: journal.id });
  }
  const txn = sumBy(journal.lines, (l) => l.currency, (l) => parseDecimal(l.debit, 'debit').sub(parseDecimal(l.credit, 'credit')));
  for (const [currency, net] of txn) {
    if (!net.isZero()) {
      throw new PostingError('POSTING_UNBALANCED_TRANSACTION', `Journal ${journal.id} is out of balance by ${net.toString()} ${currency}.`, { journalId: journal.id, currency, difference: net.toString() });
    }
  }
  const functional = journal.lines.reduce((sum, l) => sum.add(parseDecimal(l.functionalDebit, 'functionalDebit')).sub(parseDecimal(l.functionalCredit, 'functionalCredit')), new Dec(0));
  if (!functional.isZero()) {
    throw new PostingError('POSTING_UNBALANCED_FUNCTIONAL', `Journal ${journal.id} is out of balance by ${functional.toString()} ${journal.functionalCurrency} in the functional currency.`, {
      journalId: journal.id, currency: journal.functionalCurrency, difference: functional.toString(),
    });
  }
}

export interface LedgerBalance {
  legalEntityId: string;
  glAccountId: string;
  currency: string;
  functionalCurrency: string;
  /** Debit-positive net in the transaction currency. */
  net: string;
  /** Debit-positive net in the functional currency. */
  functionalNet: string;
}

/** Net by legal entity, account and currency over any set of journals; zero balances are kept out. */
export function ledgerBalances(journals: readonly JournalEntry[]): LedgerBalance[] {
  const acc = new Map<string, { b: Omit<LedgerBalance, 'net' | 'functionalNet'>; net: Decimal; fn: Decimal }>();
  for (const j of journals) {
    for (const l of j.lines) {
      const key = JSON.stringify([j.legalEntityId, l.glAccountId, l.currency, l.functionalCurrency]);
      const seen = acc.get(key) ?? { b: { legalEntityId: j.legalEntityId, glAccountId: l.glAccountId, currency: l.currency, functionalCurrency: l.functionalCurrency }, net: new Dec(0), fn: new Dec(0) };
      seen.net = seen.net.add(l.debit).sub(l.credit);
      seen.fn = seen.fn.add(l.functionalDebit).sub(l.functionalCredit);
      acc.set(key, seen);
    }
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .filter(([, v]) => !v.net.isZero() || !v.fn.isZero())
    .map(([, v]) => ({ ...v.b, net: formatMinor(v.net.mul(new Dec(10).pow(minorUnits(v.b.currency))), v.b.currency), functionalNet: formatMinor(v.fn.mul(new Dec(10).pow(minorUnits(v.b.functionalCurrency))), v.b.functionalCurrency) }));
}

