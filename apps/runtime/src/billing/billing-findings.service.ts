import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { TransactionService } from '../database/transaction.service';
import { ExceptionsRepository } from '../exceptions/exceptions.repository';
import { ExceptionsService } from '../exceptions/exceptions.service';
import { BillingRepository } from './billing.repository';

/** A finding of a billing run as the run reports it. */
export interface RunFinding {
  code: string;
  message: string;
  blocking: boolean;
  contractId: string | null;
  transactionIds: string[];
}

/** Refusals at finalisation that finance fixes in master data (tax rules, FX rates, currencies), not by retrying the request. */
const MASTER_DATA_REFUSALS = new Set(['BILLING_NO_TAX_RULE', 'BILLING_AMBIGUOUS_TAX_RULE', 'BILLING_MIXED_TAX_MODES', 'BILLING_UNKNOWN_CURRENCY', 'BILLING_CURRENCY_MISMATCH', 'BILLING_NO_FX_RATE']);

/**
 * Billing findings in the business exception queue, so finance sees them beside intake and rating
 * failures: run findings (cap exceeded or blocked, contract and currency problems, forfeited
 * hours) and finalisation refusals that need master data fixed. A finding still open for the same
 * contract is not raised twice, since the next run reports it again until it is dealt with.
 */
@Injectable()
export class BillingFindingsService {
  constructor(
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(ExceptionsService) private readonly exceptions: ExceptionsService,
    @Inject(ExceptionsRepository) private readonly exceptionRows: ExceptionsRepository,
    @Inject(BillingRepository) private readonly billing: BillingRepository,
  ) {}

  async raiseRunFindings(actor: string, run: { id: string; legalEntityId: string; exceptions: RunFinding[] }): Promise<string[]> {
    if (run.exceptions.length === 0) return [];
    return this.tx.write(async (manager) => {
      const ids: string[] = [];
      for (const f of run.exceptions) {
        const objectId = f.contractId ?? run.id;
        if (await this.alreadyOpen(f.code, run.legalEntityId, objectId, f.message)) continue;
        const ex = await this.exceptions.raise(manager, actor, {
          code: f.code, category: 'billing', message: f.message, sourceSystem: 'billing', legalEntityId: run.legalEntityId, objectId,
          record: { billingRunId: run.id, finding: f }, details: { billingRunId: run.id, blocking: f.blocking, contractId: f.contractId, transactionIds: f.transactionIds },
        });
        ids.push(ex.id);
      }
      return ids;
    });
  }

  /** Called with a refused finalisation: raises it when master data has to change, then the caller rethrows. */
  async raiseRefusal(actor: string, candidateId: string, err: unknown): Promise<void> {
    if (!(err instanceof AppError) || err.code !== 'BILLING_REFUSED') return;
    const billingCode = String(err.extra?.billingCode ?? '');
    if (!MASTER_DATA_REFUSALS.has(billingCode)) return;
    const legalEntityId = (await this.billing.candidate(candidateId))?.legal_entity_id ?? null;
    if (await this.alreadyOpen(billingCode, legalEntityId, candidateId, err.message)) return;
    await this.tx.write((manager) => this.exceptions.raise(manager, actor, {
      code: billingCode, category: 'billing', message: err.message, sourceSystem: 'billing', legalEntityId, objectId: candidateId,
      record: { invoiceCandidateId: candidateId, billingCode, details: err.extra?.details ?? null }, details: { invoiceCandidateId: candidateId, blocking: true },
    }));
  }

  private async alreadyOpen(code: string, legalEntityId: string | null, objectId: string, message: string): Promise<boolean> {
    const open = await this.exceptionRows.list({ code, state: 'open', ...(legalEntityId ? { legalEntity: legalEntityId } : {}), limit: 1000 });
    return open.some((e) => e.objectId === objectId && e.message === message);
  }
}
