import type { ContractMilestone } from '@mapwright/canonical-model';
import fc from 'fast-check';
import { milestoneAmounts } from '../contracts/milestone.biller';
import { Dec, add, fromMinor, roundToMinor, sub, sum, toMinor, zero, type Money } from '../money/billing.money';
import { writeDownLine } from '../review/candidate.editor';
import { contract, runInput, tx } from '../testing/billing.fixtures';
import { currencyArb, moneyArb, transactionsArb } from '../testing/billing.arbitraries';
import { runBilling } from './billing-run';

const ctx = { actor: 'dave', at: '2026-04-01T00:00:00Z', reason: 'property' };

describe('billing properties', () => {
  it('invoiced amount = rated billable − write-offs (cap and operator) for time-based contracts', () => {
    fc.assert(fc.property(
      currencyArb.chain((currency) => fc.record({
        currency: fc.constant(currency),
        txs: transactionsArb(currency),
        type: fc.constantFrom('timeAndMaterials', 'capped') as fc.Arbitrary<'timeAndMaterials' | 'capped'>,
        policy: fc.constantFrom('block', 'writeOff', 'defer') as fc.Arbitrary<'block' | 'writeOff' | 'defer'>,
        cap: moneyArb(currency, 0, 30_000_000),
        tolerance: fc.integer({ min: 0, max: 20 }),
        downs: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 12, maxLength: 12 }),
      })),
      ({ currency, txs, type, policy, cap, tolerance, downs }) => {
        const c = contract({ currency, type, invoiceApproval: 'review', cap: { capAmount: cap, tolerancePercent: String(tolerance), overCapPolicy: policy } });
        const run = runBilling(runInput([c], txs));
        const byId = new Map(txs.map((t) => [t.id, t]));
        const billed = run.dispositions.filter((d) => d.outcome === 'invoiced' || d.outcome === 'writtenOff');
        const rated = sum(billed.map((d) => byId.get(d.transactionId)!.amount), currency);
        const capWriteOffs = sum(billed.map((d) => d.writeOff ?? zero(currency)), currency);
        expect(run.dispositions).toHaveLength(txs.length);
        if (run.candidates.length === 0) {
          expect(rated).toEqual(zero(currency));
          return;
        }
        let candidate = run.candidates[0];
        let downTotal: Money = zero(currency);
        candidate.lines.forEach((line, i) => {
          const by = toMinor(line.amount).mul(downs[i % downs.length]).div(100).floor();
          if (by.gt(0)) {
            candidate = writeDownLine(candidate, line.id, fromMinor(by, currency).amount, ctx).candidate;
            downTotal = add(downTotal, fromMinor(by, currency));
          }
        });
        expect(candidate.subtotal).toEqual(sub(sub(rated, capWriteOffs), downTotal));
        if (type === 'capped' && run.exceptions.some((e) => e.code.startsWith('CAP_') && e.code !== 'CAP_WARNING')) {
          // Past the tolerance, billing never goes beyond the cap itself; writing off bills exactly up to it.
          expect(toMinor(run.candidates[0].subtotal).lte(toMinor(cap))).toBe(true);
          if (policy === 'writeOff') expect(run.candidates[0].subtotal).toEqual(cap);
        }
        for (const d of billed) expect(toMinor(d.writeOff ?? zero(currency)).lte(toMinor(byId.get(d.transactionId)!.amount))).toBe(true);
      },
    ), { numRuns: 150 });
  });

  it('milestone shares always add up to the fee', () => {
    fc.assert(fc.property(
      currencyArb, fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 7 }), fc.integer({ min: 0, max: 10_000_000 }),
      (currency, weights, totalMinor) => {
        // Percentages with three decimals that add up to exactly 100.
        const totalW = weights.reduce((a, b) => a + b, 0);
        const thousandths = weights.map((w) => Math.floor((w * 100_000) / totalW));
        thousandths[thousandths.length - 1] += 100_000 - thousandths.reduce((a, b) => a + b, 0);
        const items = thousandths.map((t, i) => ({ id: `m${i}`, name: `m${i}`, percentage: new Dec(t).div(1000).toString(), status: 'pending' })) as ContractMilestone[];
        const total = fromMinor(new Dec(totalMinor), currency);
        const amounts = milestoneAmounts({ totalAmount: total, items: items as [ContractMilestone, ...ContractMilestone[]] }, 'c');
        expect(sum([...amounts.values()], currency)).toEqual(total);
      },
    ));
  });

  it('retainer: invoiced = fee + overage, and fees = revenue released + deferred balance, period after period', () => {
    fc.assert(fc.property(
      currencyArb.chain((currency) => fc.record({
        currency: fc.constant(currency),
        fee: moneyArb(currency, 1, 10_000_000),
        included: fc.integer({ min: 1, max: 60 }),
        cap: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        months: fc.array(fc.array(fc.integer({ min: 1, max: 48 }), { maxLength: 5 }), { minLength: 1, maxLength: 6 }),
      })),
      ({ currency, fee, included, cap, months }) => {
        const c = contract({
          type: 'retainer', currency,
          retainer: { variant: 'recurring', period: 'month', fee, includedHours: { value: String(included), unit: 'HUR' }, overageRate: fee, ...(cap === undefined ? {} : { rolloverCapHours: { value: String(cap), unit: 'HUR' } }) },
        });
        let states = {};
        let released = zero(currency);
        months.forEach((quarters, m) => {
          const month = String(m + 1).padStart(2, '0');
          const period = { from: `2026-${month}-01`, to: `2026-${month}-28` };
          const txs = quarters.map((q, i) => tx({ id: `r${m}-${i}`, date: period.from, hours: new Dec(q).div(4).toString(), rate: fee }));
          const carried = new Dec((states as Record<string, { retainer?: { rolloverHours: string } }>)['ctr-1']?.retainer?.rolloverHours ?? '0');
          const run = runBilling(runInput([c], txs, { period, states, billingRunId: `run-${m}` }));
          // Invoiced = the period fee + hours beyond those available at the overage rate.
          const worked = quarters.reduce((a, q) => a.add(new Dec(q).div(4)), new Dec(0));
          const overage = Dec.max(worked.sub(carried.add(included)), 0);
          expect(run.candidates[0].subtotal).toEqual(add(fee, fromMinor(roundToMinor(overage.mul(fee.amount), currency), currency)));
          states = run.states;
          // Carried hours never exceed the rollover cap.
          expect(new Dec(run.states['ctr-1'].retainer!.rolloverHours).lte(cap ?? 0)).toBe(true);
          released = add(released, sum(run.revenueReleases.map((r) => r.amount), currency));
          for (const r of run.revenueReleases) expect(toMinor(r.amount).gte(0)).toBe(true);
        });
        const deferred = (states as Record<string, { retainer?: { deferredBalance: Money } }>)['ctr-1'].retainer!.deferredBalance;
        expect(add(released, deferred)).toEqual(fromMinor(toMinor(fee).mul(months.length), currency));
      },
    ));
  });
});
