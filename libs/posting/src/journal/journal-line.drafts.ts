import type Decimal from 'decimal.js';
import { PostingError } from '../errors/posting.error';
import { convertMinor, fxRateFor, type FxContext } from '../fx/fx.converter';
import { Dec, toMinor, type Money } from '../money/posting.money';
import { resolveAccount, type AccountVariables } from '../rules/account.expression';
import type { LineDimension, PostingRule } from '../rules/posting-rule.types';
import type { RatedEntry } from './rated-entry.types';

export const FX_ROUNDING_ROLE = 'fxRounding';

/** A journal line before it is numbered: signed amounts, debit positive. */
export interface LineDraft {
  role: string;
  account: string;
  currency: string;
  payCode: string | null;
  txnMinor: Decimal;
  functionalMinor: Decimal;
  fxRate: Decimal;
  dims: { costCenterId?: string; projectId?: string; customerId?: string; employeeId?: string };
  description?: string;
  amountSource: 'billable' | 'cost' | null;
  snapshot: RatedEntry;
}

const DIMENSION_FIELDS: Record<LineDimension, keyof RatedEntry['entry']> = {
  costCenter: 'costCenterId',
  project: 'projectId',
  customer: 'customerId',
  employee: 'employeeId',
};

export function legalEntityOf(snapshot: RatedEntry): string {
  const le = snapshot.entry.legalEntityId;
  if (!le) {
    throw new PostingError('POSTING_MISSING_DIMENSION', `Entry ${snapshot.entry.id} has no legal entity; journals are kept per legal entity.`, { entryId: snapshot.entry.id });
  }
  return le;
}

function variables(snapshot: RatedEntry): AccountVariables {
  const e = snapshot.entry;
  return { legalEntityId: e.legalEntityId, costCenterId: e.costCenterId, projectId: e.projectId, customerId: e.customerId, employeeId: e.employeeId };
}

/** Sums the rated lines per pay code, keeping first-seen order. */
function byPayCode(lines: ReadonlyArray<{ payCode: string; amount: Money }>): Array<{ payCode: string | null; minor: Decimal; currency: string }> {
  const out = new Map<string, { minor: Decimal; currency: string }>();
  for (const l of lines) {
    const seen = out.get(l.payCode);
    out.set(l.payCode, { minor: (seen?.minor ?? new Dec(0)).add(toMinor(l.amount)), currency: l.amount.currency });
  }
  return [...out.entries()].map(([payCode, v]) => ({ payCode, ...v }));
}

/**
 * Lines a rule produces for one snapshot, plus the functional rounding
 * residual so the draft set balances in the functional currency too. FX is
 * taken on the work date, so re-drafting a stored snapshot always gives the
 * same functional amounts.
 */
export function draftLines(snapshot: RatedEntry, rule: PostingRule, fx: FxContext): LineDraft[] {
  const vars = variables(snapshot);
  const drafts: LineDraft[] = [];
  for (const line of rule.lines) {
    const source = line.amountSource === 'billable' ? snapshot.billing : snapshot.cost;
    if (!source) continue;
    const parts = line.splitBy === 'payCode' ? byPayCode(source.lines) : [{ payCode: null, minor: toMinor(source.amount), currency: source.amount.currency }];
    const dims: LineDraft['dims'] = {};
    for (const d of line.dimensions ?? []) {
      const value = snapshot.entry[DIMENSION_FIELDS[d]];
      if (typeof value === 'string' && value) (dims as Record<string, string>)[DIMENSION_FIELDS[d]] = value;
    }
    for (const part of parts) {
      if (part.minor.isZero()) continue;
      const txnMinor = line.side === 'debit' ? part.minor : part.minor.neg();
      const rate = fxRateFor(fx, part.currency, snapshot.entry.date, rule.fxRateType ?? 'spot');
      const expression = (part.payCode !== null && line.accountByPayCode?.[part.payCode]) || line.account;
      drafts.push({
        role: line.role,
        account: resolveAccount(expression, { ...vars, payCode: part.payCode }),
        currency: part.currency,
        payCode: part.payCode,
        txnMinor,
        functionalMinor: convertMinor(txnMinor, part.currency, fx.functionalCurrency, rate),
        fxRate: rate,
        dims,
        description: line.description,
        amountSource: line.amountSource,
        snapshot,
      });
    }
  }
  const residual = drafts.reduce((sum, d) => sum.add(d.functionalMinor), new Dec(0));
  if (!residual.isZero()) {
    drafts.push({
      role: FX_ROUNDING_ROLE,
      account: resolveAccount(rule.fxRoundingAccount, vars),
      currency: fx.functionalCurrency,
      payCode: null,
      txnMinor: new Dec(0),
      functionalMinor: residual.neg(),
      fxRate: new Dec(1),
      dims: {},
      description: 'Functional currency rounding',
      amountSource: null,
      snapshot,
    });
  }
  return drafts;
}

function draftKey(d: LineDraft): string {
  return JSON.stringify([d.role, d.account, d.currency, d.payCode, d.dims.costCenterId ?? null, d.dims.projectId ?? null, d.dims.customerId ?? null, d.dims.employeeId ?? null]);
}

/**
 * current − previous, netted per account, currency, pay code and dimensions.
 * Both sides are complete balanced draft sets, so the difference balances and
 * a chain of deltas adds up exactly to the drafts of the final state.
 */
export function netDrafts(current: LineDraft[], previous: LineDraft[]): LineDraft[] {
  const net = new Map<string, LineDraft>();
  for (const [drafts, sign] of [[current, 1], [previous, -1]] as const) {
    for (const d of drafts) {
      const key = draftKey(d);
      const seen = net.get(key);
      const txn = sign === 1 ? d.txnMinor : d.txnMinor.neg();
      const fun = sign === 1 ? d.functionalMinor : d.functionalMinor.neg();
      if (seen) {
        seen.txnMinor = seen.txnMinor.add(txn);
        seen.functionalMinor = seen.functionalMinor.add(fun);
      } else {
        net.set(key, { ...d, txnMinor: txn, functionalMinor: fun });
      }
    }
  }
  return [...net.values()].filter((d) => !d.txnMinor.isZero() || !d.functionalMinor.isZero());
}
