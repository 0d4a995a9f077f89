import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { runBilling, type BillingCandidate, type BillingContract, type ContractBillingState } from '@mapwright/billing';
import type { BillableTransaction } from '@mapwright/canonical-model';
import type { RatingSnapshot } from '@mapwright/rating';
import { toBillableTransactions } from '@mapwright/simulation';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { MasterDataService } from '../master-data/master-data.service';
import { BillingRepository } from './billing.repository';
import { billingProblem, REVENUE_ACCOUNTS } from './billing-settings';
import { candidateView } from './billing.views';

export interface BillingRunRequest {
  legalEntityId: string;
  periodEnd: string;
  periodStart?: string;
  contractIds?: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks the body by hand: four members, each with a pointer when wrong. */
export function parseRunRequest(body: unknown): BillingRunRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors: { pointer: string; message: string }[] = [];
  if (typeof b.legalEntityId !== 'string' || b.legalEntityId === '') errors.push({ pointer: '/legalEntityId', message: 'required: the legal entity to bill' });
  if (typeof b.periodEnd !== 'string' || !DATE.test(b.periodEnd)) errors.push({ pointer: '/periodEnd', message: 'required: YYYY-MM-DD' });
  if (b.periodStart !== undefined && (typeof b.periodStart !== 'string' || !DATE.test(b.periodStart))) errors.push({ pointer: '/periodStart', message: 'YYYY-MM-DD' });
  if (b.contractIds !== undefined && (!Array.isArray(b.contractIds) || !b.contractIds.every((c) => typeof c === 'string'))) errors.push({ pointer: '/contractIds', message: 'an array of contract ids' });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The billing run request is invalid; see errors.', errors);
  return b as unknown as BillingRunRequest;
}

/**
 * Groups approved, rated, unbilled time into invoice candidates with the pure billing run. Storage
 * decides what is unbilled: entries still `approved`, transactions without a live invoice link and
 * not already on an open candidate, so two runs never propose the same work twice.
 */
@Injectable()
export class BillingRunService {
  constructor(
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(BillingRepository) private readonly repo: BillingRepository,
    @Inject(MasterDataService) private readonly masterData: MasterDataService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async run(actor: string, req: BillingRunRequest) {
    const correlationId = requestContext.correlationId();
    const runId = `run-${randomUUID()}`;
    const period = { from: req.periodStart ?? `${req.periodEnd.slice(0, 8)}01`, to: req.periodEnd };
    return this.tx.write(async (manager) => {
      // Runs of one legal entity queue on PostgreSQL, so two runs never propose the same time.
      await this.tx.lock(manager, `billing-run:${req.legalEntityId}`);
      const le = await this.masterData.find('legalEntity', req.legalEntityId, manager);
      if (!le) throw new AppError('MASTER_DATA_NOT_FOUND', `Legal entity ${req.legalEntityId} is not in master data.`);
      const only = req.contractIds ? new Set(req.contractIds) : null;
      const contracts = (await this.masterData.all('contract', manager))
        .filter((c) => c.object.legalEntityId === req.legalEntityId && (!only || only.has(c.id)))
        .map((c) => ({ ...c.object, version: c.version }) as BillingContract);
      const transactions = (await this.unbilled(manager, req.legalEntityId, period.to, correlationId))
        .filter((t) => !only || (t.contractId !== undefined && only.has(t.contractId)));
      const states = (await this.repo.contractStates(manager)) as Record<string, ContractBillingState>;
      const reviewPolicy = (le.attributes.billingReviewPolicy ?? {}) as { autoApproveMax?: Record<string, string> };
      let result;
      try {
        result = runBilling({
          billingRunId: runId, correlationId, period, contracts, transactions, states, revenueAccounts: REVENUE_ACCOUNTS, reviewPolicy,
          // Posting accrues the rated amount of tax-exclusive time, which is every demo and default rule.
          accruals: Object.fromEntries(transactions.map((t) => [t.id, t.amount])),
        });
      } catch (err) {
        throw billingProblem(err);
      }
      const now = new Date().toISOString();
      const summary = {
        transactions: transactions.length, candidates: result.candidates.length,
        exceptions: result.exceptions.map((x) => ({ code: x.code, message: x.message, blocking: x.blocking, contractId: x.contractId ?? null, transactionIds: x.transactionIds })),
      };
      await this.repo.insertRun(manager, { id: runId, legalEntityId: req.legalEntityId, periodStart: period.from, periodEnd: period.to, contractIds: req.contractIds ?? null, summary, actor, now, correlationId });
      for (const c of result.candidates) {
        await this.repo.insertCandidate(manager, {
          id: c.id, runId, legalEntityId: c.legalEntityId, contractId: c.contractId, status: c.status, content: c, pendingState: result.states[c.contractId],
          dispositions: result.dispositions.filter((d) => d.candidateId === c.id), now, correlationId,
        });
      }
      await this.audit.append(manager, { actor, action: 'billingRun.completed', entityType: 'billingRun', entityId: runId, details: { legalEntityId: req.legalEntityId, period, candidates: result.candidates.map((c) => c.id) } });
      return { id: runId, legalEntityId: req.legalEntityId, period, ...summary, invoiceCandidates: result.candidates.map((c: BillingCandidate) => candidateView(c)) };
    });
  }

  /** Billable transactions of approved entries up to the period end, minus billed or already proposed ones. */
  private async unbilled(manager: EntityManager, legalEntityId: string, periodEnd: string, correlationId: string): Promise<BillableTransaction[]> {
    const rated = await this.repo.approvedEntries(manager, legalEntityId, periodEnd);
    const all: BillableTransaction[] = [];
    for (const { entry, snapshot } of rated) {
      const project = await this.masterData.find('project', entry.projectId, manager);
      const parsed = JSON.parse(snapshot.snapshot) as RatingSnapshot;
      const ctx = { correlationId, ...(project?.object.contractId ? { contractId: project.object.contractId as string } : {}), ...(project?.object.serviceType ? { serviceType: project.object.serviceType as string } : {}) };
      all.push(...toBillableTransactions(parsed, ctx));
    }
    const live = await this.repo.liveLinks(manager, all.map((t) => t.id));
    const proposed = new Set<string>();
    for (const row of await this.repo.openCandidates(manager, legalEntityId)) {
      for (const d of JSON.parse(row.dispositions) as { transactionId: string }[]) proposed.add(d.transactionId);
    }
    return all.filter((t) => !live.has(t.id) && !proposed.has(t.id));
  }
}
