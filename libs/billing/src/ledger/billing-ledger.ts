import { BillingError } from '../errors/billing.error';

interface CreditRelease {
  invoiceId: string;
  transactionIds: string[];
  cancelled: boolean;
}

/**
 * Billed-once guarantee as an immutable value: each transaction links to at
 * most one live invoice. A full credit note frees its invoice's transactions
 * for re-billing; cancelling that credit note links them back, unless
 * another invoice has billed them since. Every change returns a new ledger.
 */
export class BillingLedger {
  private constructor(
    private readonly links: ReadonlyMap<string, string>,
    private readonly releases: ReadonlyMap<string, CreditRelease>,
  ) {}

  static empty(): BillingLedger {
    return new BillingLedger(new Map(), new Map());
  }

  /** The live invoice a transaction is billed on, or null when it is free to bill. */
  liveInvoiceOf(transactionId: string): string | null {
    return this.links.get(transactionId) ?? null;
  }

  isBillable(transactionId: string): boolean {
    return !this.links.has(transactionId);
  }

  transactionsOf(invoiceId: string): string[] {
    return [...this.links].filter(([, inv]) => inv === invoiceId).map(([tx]) => tx).sort();
  }

  /** Links an invoice's transactions; refuses the whole batch if any is already on a live invoice. */
  link(invoiceId: string, transactionIds: readonly string[]): BillingLedger {
    const seen = new Set<string>();
    const conflicts = transactionIds.filter((tx) => {
      const dup = seen.has(tx);
      seen.add(tx);
      return dup || this.links.has(tx);
    });
    if (conflicts.length > 0) {
      throw new BillingError('BILLING_ALREADY_BILLED', `Transactions ${conflicts.join(', ')} are already on a live invoice (${conflicts.map((tx) => this.links.get(tx) ?? invoiceId).join(', ')}); credit that invoice in full before billing them again.`, { invoiceId, transactionIds: conflicts });
    }
    const links = new Map(this.links);
    for (const tx of transactionIds) links.set(tx, invoiceId);
    return new BillingLedger(links, this.releases);
  }

  /** A full credit note of `invoiceId`: all its transactions become billable again. */
  releaseForCreditNote(creditNoteId: string, invoiceId: string): BillingLedger {
    if (this.releases.has(creditNoteId)) {
      throw new BillingError('BILLING_INVALID_CORRECTION', `Credit note ${creditNoteId} has already released its transactions.`, { creditNoteId });
    }
    const transactionIds = this.transactionsOf(invoiceId);
    if (transactionIds.length === 0) {
      throw new BillingError('BILLING_NOT_LINKED', `Invoice ${invoiceId} has no live transactions to release.`, { invoiceId, creditNoteId });
    }
    const links = new Map(this.links);
    for (const tx of transactionIds) links.delete(tx);
    const releases = new Map(this.releases);
    releases.set(creditNoteId, { invoiceId, transactionIds, cancelled: false });
    return new BillingLedger(links, releases);
  }

  /** Cancelling a full credit note re-links its transactions to the original invoice. */
  cancelCreditNote(creditNoteId: string): BillingLedger {
    const release = this.releases.get(creditNoteId);
    if (!release || release.cancelled) {
      throw new BillingError('BILLING_UNKNOWN_CREDIT_NOTE', `Credit note ${creditNoteId} released nothing, or is already cancelled.`, { creditNoteId });
    }
    const rebilled = release.transactionIds.filter((tx) => this.links.has(tx));
    if (rebilled.length > 0) {
      throw new BillingError('BILLING_RELINK_CONFLICT', `Cannot cancel credit note ${creditNoteId}: ${rebilled.join(', ')} are billed again on ${[...new Set(rebilled.map((tx) => this.links.get(tx)))].join(', ')}; credit that invoice first.`, { creditNoteId, transactionIds: rebilled });
    }
    const links = new Map(this.links);
    for (const tx of release.transactionIds) links.set(tx, release.invoiceId);
    const releases = new Map(this.releases);
    releases.set(creditNoteId, { ...release, cancelled: true });
    return new BillingLedger(links, releases);
  }

  /** Plain data for storage; `fromSnapshot` restores it. */
  toSnapshot(): { links: Array<[string, string]>; releases: Array<[string, CreditRelease]> } {
    return { links: [...this.links].sort(([a], [b]) => (a < b ? -1 : 1)), releases: [...this.releases].sort(([a], [b]) => (a < b ? -1 : 1)) };
  }

  static fromSnapshot(snapshot: { links: Array<[string, string]>; releases: Array<[string, CreditRelease]> }): BillingLedger {
    return new BillingLedger(new Map(snapshot.links), new Map(snapshot.releases.map(([id, r]) => [id, { ...r, transactionIds: [...r.transactionIds] }])));
  }
}
