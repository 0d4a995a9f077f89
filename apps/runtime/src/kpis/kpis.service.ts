import { Inject, Injectable } from '@nestjs/common';
import { minorUnits } from '@mapwright/rating';
import Decimal from 'decimal.js';
import { AppError } from '../common/app-error';
import { KpisRepository } from './kpis.repository';

const HOUR = 3_600_000;
const round2 = (n: number) => Math.round(n * 100) / 100;

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Billable amount per currency, summed as decimals from the stored snapshots. */
function sumByCurrency(amounts: { amount: string; currency: string }[]): Record<string, string> {
  const totals = new Map<string, Decimal>();
  for (const a of amounts) totals.set(a.currency, (totals.get(a.currency) ?? new Decimal(0)).add(a.amount));
  return Object.fromEntries([...totals].sort(([a], [b]) => a.localeCompare(b)).map(([c, d]) => [c, d.toFixed(minorUnits(c))]));
}

/** Count, mean, p50 and p90 of sorted hours, rounded to two places for display. */
function latencyStats(sorted: number[]) {
  const p = (q: number) => (percentile(sorted, q) === null ? null : round2(percentile(sorted, q) as number));
  return { count: sorted.length, mean: sorted.length ? round2(sorted.reduce((a, b) => a + b, 0) / sorted.length) : null, p50: p(50), p90: p(90) };
}

@Injectable()
export class KpisService {
  constructor(@Inject(KpisRepository) private readonly repo: KpisRepository) {}

  async kpis(q: { leakageDays?: string }, now = Date.now()) {
    const leakageDays = q.leakageDays === undefined ? 30 : Number(q.leakageDays);
    if (!Number.isInteger(leakageDays) || leakageDays < 0) throw new AppError('VALIDATION_FAILED', 'leakageDays must be a whole number of days >= 0.', [{ pointer: '/leakageDays', message: 'invalid' }]);
    const [entries, exceptions, receipts, snapshots, billing] = await Promise.all([this.repo.entries(), this.repo.openExceptions(), this.repo.receipts(), this.repo.latestSnapshots(), this.repo.billing()]);

    const latencies = entries.filter((e) => e.submittedAt && e.approvedAt).map((e) => (Date.parse(e.approvedAt as string) - Date.parse(e.submittedAt as string)) / HOUR).sort((a, b) => a - b);
    const billableOf = (id: string) => (JSON.parse(snapshots.get(id)?.snapshot ?? 'null') as { billing?: { amount: { amount: string; currency: string } } | null } | null)?.billing?.amount;
    const pending = entries.filter((e) => e.status === 'approved' && e.billable === 1);
    const leaking = pending.filter((e) => e.approvedAt && now - Date.parse(e.approvedAt) > leakageDays * 24 * HOUR);
    const amounts = (list: typeof pending) => sumByCurrency(list.map((e) => billableOf(e.id)).filter((a): a is { amount: string; currency: string } => Boolean(a)));

    const byReason: Record<string, number> = {};
    const byAge = { under1Day: 0, from1To7Days: 0, over7Days: 0 };
    for (const x of exceptions) {
      byReason[x.code] = (byReason[x.code] ?? 0) + 1;
      const age = (now - Date.parse(x.raisedAt)) / (24 * HOUR);
      if (age < 1) byAge.under1Day += 1;
      else if (age <= 7) byAge.from1To7Days += 1;
      else byAge.over7Days += 1;
    }
    const toInvoice = billing.invoicedEntries.filter((e) => e.approvedAt).map((e) => (Date.parse(e.invoicedAt) - Date.parse(e.approvedAt as string)) / HOUR).sort((a, b) => a - b);
    const writeOffsByReason: Record<string, Record<string, string>> = {};
    for (const reason of [...new Set(billing.writeOffs.map((w) => w.reason))].sort()) writeOffsByReason[reason] = sumByCurrency(billing.writeOffs.filter((w) => w.reason === reason));
    const deliveries = receipts.reduce((n, r) => n + r.deliveries, 0);
    const duplicates = receipts.reduce((n, r) => n + r.deliveries - 1, 0);
    return {
      approvalLatencyHours: {
        count: latencies.length, mean: latencies.length ? round2(latencies.reduce((a, b) => a + b, 0) / latencies.length) : null,
        p50: percentile(latencies, 50) === null ? null : round2(percentile(latencies, 50) as number), p90: percentile(latencies, 90) === null ? null : round2(percentile(latencies, 90) as number),
      },
      pendingBilling: { entries: pending.length, amount: amounts(pending) },
      exceptions: { open: exceptions.length, byReason, byAge },
      revenueLeakage: { afterDays: leakageDays, entries: leaking.length, amount: amounts(leaking) },
      approvalToInvoiceLatencyHours: latencyStats(toInvoice),
      invoicesPendingReview: { candidates: billing.pendingReview.length, amount: sumByCurrency(billing.pendingReview) },
      writeOffsByReason,
      duplicateTransactions: { deliveries, duplicates, rate: deliveries === 0 ? 0 : round2((duplicates / deliveries) * 10000) / 10000 },
    };
  }
}
