import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { runBilling, type BillingCandidate, type BillingContract, type ContractBillingState, type TransactionDisposition } from '@mapwright/billing';
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
 * Work per batch transaction: at most `contracts` contracts and about `entries` entries (a contract
 * is never split, so one very large contract makes one large batch). A run answer carries the first
 * `candidatesInResponse` candidates in full; `candidateIds` lists them all.
 */
export interface BillingBatching {
  contracts: number;
  entries: number;
  candidatesInResponse: number;
}

export const DEFAULT_BATCHING: BillingBatching = { contracts: 250, entries: 25_000, candidatesInResponse: 100 };

interface Batch {
  contracts: BillingContract[];
  /** Contracts whose open candidates may hold this batch's time (its own, or the unknown ones its projects name). */
  contractIds: string[];
  projectIds: string[];
}

interface RunPlan {
  reviewPolicy: { autoApproveMax?: Record<string, string> };
  projects: Map<string, { contractId?: string; serviceType?: string }>;
  batches: Batch[];
}

type RunException = { code: string; message: string; blocking: boolean; contractId: string | null; transactionIds: string[] };

const content = (raw: string) => (JSON.parse(raw) as { object: Record<string, any> }).object;

/** Contracts in id order, each with its projects, then projects naming no contract of the legal entity; cut by size. */
function planBatches(contracts: BillingContract[], projectsByContract: Map<string, string[]>, orphanProjects: string[], counts: Map<string, number>, batching: BillingBatching): Batch[] {
  const batches: Batch[] = [];
  let current: Batch = { contracts: [], contractIds: [], projectIds: [] };
  let entries = 0;
  const flush = () => {
    if (current.contracts.length > 0 || current.projectIds.length > 0) batches.push(current);
    current = { contracts: [], contractIds: [], projectIds: [] };
    entries = 0;
  };
  for (const contract of contracts) {
    const projectIds = projectsByContract.get(contract.id) ?? [];
    const n = projectIds.reduce((sum, p) => sum + (counts.get(p) ?? 0), 0);
    if (current.contracts.length >= batching.contracts || (current.contracts.length > 0 && entries + n > batching.entries)) flush();
    current.contracts.push(contract);
    current.contractIds.push(contract.id);
    current.projectIds.push(...projectIds);
    entries += n;
  }
  flush();
  for (const projectId of orphanProjects) {
    const n = counts.get(projectId) ?? 0;
    if (current.projectIds.length > 0 && entries + n > batching.entries) flush();
    current.projectIds.push(projectId);
    entries += n;
  }
  flush();
  return batches;
}

/**
 * Groups approved, rated, unbilled time into invoice candidates with the pure billing run. Storage
 * decides what is unbilled: entries still `approved`, transactions without a live invoice link and
 * not already on an open candidate, so two runs never propose the same work twice.
 *
 * A run streams: contracts (with the time booked to their projects) are billed in batches, each in
 * its own transaction under the legal entity's run lock, so memory and lock time stay bounded by
 * the batch, not the month. Billing one contract never depends on another, so the candidates are
 * the ones a single pass over the whole legal entity would give.
 */
@Injectable()
export class BillingRunService {
  private batching: BillingBatching = DEFAULT_BATCHING;

  constructor(
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(BillingRepository) private readonly repo: BillingRepository,
    @Inject(MasterDataService) private readonly masterData: MasterDataService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Batch size of later runs; tests use small batches to exercise the cuts. */
  configureBatching(batching: Partial<BillingBatching>): void {
    this.batching = { ...this.batching, ...batching };
  }

  async run(actor: string, req: BillingRunRequest) {
    const correlationId = requestContext.correlationId();
    const runId = `run-${randomUUID()}`;
    const period = { from: req.periodStart ?? `${req.periodEnd.slice(0, 8)}01`, to: req.periodEnd };
    const plan = await this.tx.write(async (manager) => {
      const le = await this.masterData.find('legalEntity', req.legalEntityId, manager);
      if (!le) throw new AppError('MASTER_DATA_NOT_FOUND', `Legal entity ${req.legalEntityId} is not in master data.`);
      const p = await this.plan(manager, req, period.to);
      await this.repo.insertRun(manager, {
        id: runId, legalEntityId: req.legalEntityId, periodStart: period.from, periodEnd: period.to, contractIds: req.contractIds ?? null,
        summary: { status: 'running', batches: p.batches.length }, actor, now: new Date().toISOString(), correlationId,
      });
      return { ...p, reviewPolicy: (le.attributes.billingReviewPolicy ?? {}) as RunPlan['reviewPolicy'] };
    });
    const totals = { transactions: 0, exceptions: [] as RunException[], candidateIds: [] as string[], views: [] as ReturnType<typeof candidateView>[] };
    try {
      for (const batch of plan.batches) {
        const out = await this.tx.write((manager) => this.runBatch(manager, { runId, correlationId, legalEntityId: req.legalEntityId, period, plan, batch }));
        totals.transactions += out.transactions;
        totals.exceptions.push(...out.exceptions);
        for (const c of out.candidates) {
          totals.candidateIds.push(c.id);
          if (totals.views.length < this.batching.candidatesInResponse) totals.views.push(candidateView(c));
        }
      }
    } catch (err) {
      // Batches already committed keep their candidates (open, so no later run proposes that time again); the run says where it stopped.
      await this.tx.write((manager) => this.repo.updateRunSummary(manager, runId, {
        status: 'failed', transactions: totals.transactions, candidates: totals.candidateIds.length, error: err instanceof AppError ? err.code : 'INTERNAL',
      }));
      throw err;
    }
    const summary = { transactions: totals.transactions, candidates: totals.candidateIds.length, exceptions: totals.exceptions };
    await this.tx.write(async (manager) => {
      await this.repo.updateRunSummary(manager, runId, { ...summary, status: 'completed', batches: plan.batches.length });
      await this.audit.append(manager, { actor, action: 'billingRun.completed', entityType: 'billingRun', entityId: runId, details: { legalEntityId: req.legalEntityId, period, candidates: totals.candidateIds } });
    });
    return {
      id: runId, legalEntityId: req.legalEntityId, period, ...summary,
      invoiceCandidates: totals.views, invoiceCandidatesTruncated: totals.candidateIds.length > totals.views.length, candidateIds: totals.candidateIds,
    };
  }

  /** Which contracts and projects each batch bills: one grouped count over the entries and one lookup per chunk of projects. */
  private async plan(manager: EntityManager, req: BillingRunRequest, periodEnd: string): Promise<Omit<RunPlan, 'reviewPolicy'>> {
    const only = req.contractIds ? new Set(req.contractIds) : null;
    const all = (await this.repo.contractsOf(manager, req.legalEntityId)).map((r) => ({ ...content(r.content), version: r.version }) as BillingContract);
    const known = new Set(all.map((c) => c.id));
    // The pure run orders contracts by JavaScript string order; batches follow it so candidates come out in the same order.
    const contracts = all.filter((c) => !only || only.has(c.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
    const counts = await this.repo.billableEntryCounts(manager, req.legalEntityId, periodEnd);
    const projects = new Map<string, { contractId?: string; serviceType?: string }>();
    for (const [id, row] of await this.repo.masterDataByIds(manager, 'project', [...counts.keys()])) {
      const o = content(row.content);
      projects.set(id, { ...(o.contractId ? { contractId: String(o.contractId) } : {}), ...(o.serviceType ? { serviceType: String(o.serviceType) } : {}) });
    }
    const byContract = new Map<string, string[]>();
    const orphans: string[] = [];
    for (const projectId of [...counts.keys()].sort()) {
      const contractId = projects.get(projectId)?.contractId;
      if (contractId !== undefined && known.has(contractId)) {
        if (!only || only.has(contractId)) byContract.set(contractId, [...(byContract.get(contractId) ?? []), projectId]);
      } else if (!only || (contractId !== undefined && only.has(contractId))) {
        // No contract of this legal entity: the pure run still sees the time, to raise CONTRACT_MISSING for it.
        orphans.push(projectId);
      }
    }
    const batches = planBatches(contracts, byContract, orphans, counts, this.batching);
    for (const b of batches.filter((x) => x.contracts.length === 0)) b.contractIds = [...new Set(b.projectIds.map((p) => projects.get(p)?.contractId).filter((c): c is string => c !== undefined))];
    return { projects, batches };
  }

  private async runBatch(manager: EntityManager, o: { runId: string; correlationId: string; legalEntityId: string; period: { from: string; to: string }; plan: RunPlan; batch: Batch }) {
    const { batch, plan } = o;
    // Runs of one legal entity queue on PostgreSQL, so two runs never propose the same time.
    await this.tx.lock(manager, `billing-run:${o.legalEntityId}`);
    // Open candidates first: a finalisation committing meanwhile then shows up as links or as an invoiced entry.
    const proposed = await this.repo.openCandidateTransactions(manager, o.legalEntityId, batch.contractIds);
    const rated = await this.repo.ratedEntriesOfProjects(manager, o.legalEntityId, o.period.to, batch.projectIds);
    const live = await this.repo.liveTransactionsOfProjects(manager, o.legalEntityId, o.period.to, batch.projectIds);
    const transactions: BillableTransaction[] = [];
    for (const row of rated) {
      const project = plan.projects.get(row.project_id);
      const ctx = { correlationId: o.correlationId, ...(project?.contractId ? { contractId: project.contractId } : {}), ...(project?.serviceType ? { serviceType: project.serviceType } : {}) };
      for (const t of toBillableTransactions(JSON.parse(row.snapshot) as RatingSnapshot, ctx)) {
        if (!live.has(t.id) && !proposed.has(t.id)) transactions.push(t);
      }
    }
    const states = (await this.repo.contractStates(manager, batch.contracts.map((c) => c.id))) as Record<string, ContractBillingState>;
    let result;
    try {
      result = runBilling({
        billingRunId: o.runId, correlationId: o.correlationId, period: o.period, contracts: batch.contracts, transactions, states, revenueAccounts: REVENUE_ACCOUNTS, reviewPolicy: plan.reviewPolicy,
        // Posting accrues the rated amount of tax-exclusive time, which is every demo and default rule.
        accruals: Object.fromEntries(transactions.map((t) => [t.id, t.amount])),
      });
    } catch (err) {
      throw billingProblem(err);
    }
    const now = new Date().toISOString();
    const byCandidate = new Map<string, TransactionDisposition[]>();
    for (const d of result.dispositions) {
      if (!d.candidateId) continue;
      const list = byCandidate.get(d.candidateId);
      if (list) list.push(d);
      else byCandidate.set(d.candidateId, [d]);
    }
    for (const c of result.candidates) {
      await this.repo.insertCandidate(manager, {
        id: c.id, runId: o.runId, legalEntityId: c.legalEntityId, contractId: c.contractId, status: c.status, content: c, pendingState: result.states[c.contractId],
        dispositions: byCandidate.get(c.id) ?? [], now, correlationId: o.correlationId,
      });
    }
    const exceptions = result.exceptions.map((x) => ({ code: x.code, message: x.message, blocking: x.blocking, contractId: x.contractId ?? null, transactionIds: x.transactionIds }));
    return { transactions: transactions.length, candidates: result.candidates as BillingCandidate[], exceptions };
  }
}
