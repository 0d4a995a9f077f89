import { Inject, Injectable } from '@nestjs/common';
import type { BillingCandidate, FxContext as DocumentFx } from '@mapwright/billing';
import { fxRateFor, PostingError, type FxContext, type FxRateInput } from '@mapwright/posting';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { MasterDataService } from '../master-data/master-data.service';
import { BillingCorrectionsRepository } from './billing-corrections.repository';

/** `bt:<entry>:<payCode>` → entry id (kept here: the candidates service imports this file). */
const entryOf = (transactionId: string) => transactionId.slice(3, transactionId.lastIndexOf(':'));

/** Rates are kept to 12 places, as posting keeps inverse rates. */
const RATE_PLACES = 12;

/**
 * FX for billing documents from the effective-dated FxRate master data: the rate on the document
 * date, and the rate unbilled was accrued at (posting converts each entry at its work date, so a
 * candidate's approval rate is its transactions' rates weighted by amount). A document in the
 * functional currency needs none. A missing rate is refused with BILLING_NO_FX_RATE, never 1.
 */
@Injectable()
export class BillingFxService {
  constructor(
    @Inject(MasterDataService) private readonly masterData: MasterDataService,
    @Inject(BillingCorrectionsRepository) private readonly corrections: BillingCorrectionsRepository,
  ) {}

  private async context(manager: EntityManager, functionalCurrency: string): Promise<FxContext> {
    return { functionalCurrency, rates: (await this.masterData.all('fxRate', manager)).map((r) => r.object as FxRateInput) };
  }

  private rate(ctx: FxContext, currency: string, date: string): Decimal {
    try {
      return fxRateFor(ctx, currency, date);
    } catch (err) {
      if (!(err instanceof PostingError) || err.code !== 'POSTING_NO_FX_RATE') throw err;
      throw new AppError('BILLING_REFUSED', `No spot rate from ${currency} to ${ctx.functionalCurrency} on or before ${date}; load the FX rate in master data, then finalise again.`, undefined,
        { billingCode: 'BILLING_NO_FX_RATE', details: { currency, functionalCurrency: ctx.functionalCurrency, date } });
    }
  }

  /** FX of an invoice finalised from a candidate on `issueDate`. */
  async forCandidate(manager: EntityManager, functionalCurrency: string, candidate: BillingCandidate, issueDate: string): Promise<DocumentFx | undefined> {
    if (candidate.currency === functionalCurrency) return undefined;
    const ctx = await this.context(manager, functionalCurrency);
    const rate = this.rate(ctx, candidate.currency, issueDate);
    const accrued = candidate.lines.filter((l) => !l.held).flatMap((l) => l.accruals);
    let weighted = new Decimal(0);
    let total = new Decimal(0);
    for (const a of accrued) {
      const date = (await this.corrections.workDate(manager, entryOf(a.id))) ?? candidate.period.to;
      weighted = weighted.add(this.rate(ctx, candidate.currency, date).mul(a.amount.amount));
      total = total.add(a.amount.amount);
    }
    const approvalRate = total.isZero() ? this.rate(ctx, candidate.currency, candidate.period.to) : weighted.div(total).toDecimalPlaces(RATE_PLACES, Decimal.ROUND_HALF_UP);
    return { functionalCurrency, rate: rate.toString(), approvalRate: approvalRate.toString() };
  }

  /**
   * FX of a credit note or re-invoice of `invoice` issued on `date`: the rate of that date, and the
   * rate the original relieved unbilled at (kept on its journal's unbilled lines).
   */
  async forCorrection(manager: EntityManager, invoice: { currency: string; functionalCurrency?: string; fxRate?: string }, journal: { lines: { role: string; fxRate: string }[] } | null, date: string): Promise<DocumentFx | undefined> {
    if (!invoice.functionalCurrency || invoice.functionalCurrency === invoice.currency) return undefined;
    const ctx = await this.context(manager, invoice.functionalCurrency);
    const rate = this.rate(ctx, invoice.currency, date).toString();
    const relieved = journal?.lines.find((l) => l.role === 'unbilled')?.fxRate ?? invoice.fxRate ?? rate;
    return { functionalCurrency: invoice.functionalCurrency, rate, approvalRate: relieved };
  }
}
