import { BillingError } from '../errors/billing.error';

/**
 * One gapless number series per legal entity and document type. The
 * allocator is pure: given the last number issued it returns the next and
 * the advanced series. Gaplessness across processes is the store's job: see
 * docs/billing.md, "Numbering contract".
 */
export interface NumberSeries {
  legalEntityId: string;
  documentType: 'invoice' | 'creditNote';
  /** e.g. "UK-INV-". */
  prefix: string;
  /** Zero-padded digits, e.g. 6 → "000123". */
  width: number;
  /** Last number issued; 0 before the first. */
  lastNumber: number;
}

export interface AllocatedNumber {
  number: string;
  sequence: number;
  series: NumberSeries;
}

export function formatDocumentNumber(prefix: string, sequence: number, width: number): string {
  return `${prefix}${String(sequence).padStart(width, '0')}`;
}

function validate(series: NumberSeries): void {
  if (!Number.isSafeInteger(series.lastNumber) || series.lastNumber < 0 || !Number.isInteger(series.width) || series.width < 1) {
    throw new BillingError('BILLING_INVALID_SEQUENCE', `Series ${series.legalEntityId}/${series.documentType} has last number ${series.lastNumber} and width ${series.width}; both must be whole, the width at least 1.`, { ...series });
  }
}

export function allocateNumber(series: NumberSeries): AllocatedNumber {
  validate(series);
  const sequence = series.lastNumber + 1;
  const number = formatDocumentNumber(series.prefix, sequence, series.width);
  if (String(sequence).length > series.width) {
    throw new BillingError('BILLING_INVALID_SEQUENCE', `Number ${sequence} no longer fits ${series.width} digits in series ${series.legalEntityId}/${series.documentType}; widen the series.`, { ...series });
  }
  return { number, sequence, series: { ...series, lastNumber: sequence } };
}

/** `count` consecutive numbers, for a run finalising several invoices in one store transaction. */
export function allocateNumbers(series: NumberSeries, count: number): { numbers: string[]; series: NumberSeries } {
  const numbers: string[] = [];
  let current = series;
  for (let i = 0; i < count; i++) {
    const next = allocateNumber(current);
    numbers.push(next.number);
    current = next.series;
  }
  return { numbers, series: current };
}

/** Checks issued numbers form 1..n (or from..n) with no gap or repeat; returns the first problem found. */
export function findSequenceGap(prefix: string, issued: readonly string[], from = 1): { missing: number[]; duplicates: number[] } {
  const seen = new Map<number, number>();
  for (const n of issued) {
    if (!n.startsWith(prefix) || !/^\d+$/.test(n.slice(prefix.length))) {
      throw new BillingError('BILLING_INVALID_SEQUENCE', `${n} does not belong to series ${prefix}.`, { number: n, prefix });
    }
    const seq = Number(n.slice(prefix.length));
    seen.set(seq, (seen.get(seq) ?? 0) + 1);
  }
  const max = Math.max(from - 1, ...seen.keys());
  const missing: number[] = [];
  for (let s = from; s <= max; s++) if (!seen.has(s)) missing.push(s);
  const duplicates = [...seen].filter(([, c]) => c > 1).map(([s]) => s).sort((a, b) => a - b);
  return { missing, duplicates };
}
