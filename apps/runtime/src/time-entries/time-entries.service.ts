import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { weekStart } from '@mapwright/rating';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { ExceptionsService } from '../exceptions/exceptions.service';
import { LedgerService, ratingFailure } from '../ledger/ledger.service';
import { TimeEntryEntity, TimeEntryStatus, TimeEntryTransitionEntity } from './entities/time-entry.entities';
import { TimeEntriesRepository } from './time-entries.repository';

export type TransitionAction = 'submit' | 'approve' | 'reject';

const TARGET: Record<TransitionAction, TimeEntryStatus> = { submit: 'submitted', approve: 'approved', reject: 'rejected' };
const ALLOWED_FROM: Record<TransitionAction, TimeEntryStatus[]> = {
  submit: ['draft', 'rejected'],
  approve: ['draft', 'submitted'],
  reject: ['draft', 'submitted'],
};

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface RatingResult {
  ok: boolean;
  ratedEntries?: { entryId: string; ratingSeq: number; journalId: string | null }[];
  exceptionId?: string;
  code?: string;
}

@Injectable()
export class TimeEntriesService implements OnModuleInit {
  constructor(
    @Inject(TimeEntriesRepository) private readonly repo: TimeEntriesRepository,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(ExceptionsService) private readonly exceptions: ExceptionsService,
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // A rating exception is retried by rating the entry's week again, once master data is fixed.
    this.exceptions.registerRetryHandler('rating', async (exception, actor) => {
      const outcome = await this.tx.write(async (manager) => {
        const entry = await this.repo.find(exception.objectId ?? '', manager);
        if (!entry) throw new AppError('TIME_ENTRY_NOT_FOUND', `Time entry ${exception.objectId} no longer exists.`);
        return this.rate(manager, actor, entry, 'retry', false);
      });
      return { ok: outcome.ok, outcome };
    });
  }

  async requireEntry(id: string, manager?: EntityManager): Promise<TimeEntryEntity> {
    const row = await this.repo.find(id, manager);
    if (!row) throw new AppError('TIME_ENTRY_NOT_FOUND', `No time entry "${id}".`);
    return row;
  }

  /** By API: an operator or the integration account moves an entry and names the system it acts from. */
  async transitionById(principal: Principal, id: string, action: TransitionAction, body: { reason?: unknown; viaSystem?: unknown }) {
    const via = typeof body?.viaSystem === 'string' && body.viaSystem.length > 0 ? body.viaSystem : 'mapwright';
    const reason = typeof body?.reason === 'string' ? body.reason : null;
    if (action === 'reject' && !reason) throw new AppError('VALIDATION_FAILED', 'Give the reason for the rejection.', [{ pointer: '/reason', message: 'is required' }]);
    return this.tx.write(async (manager) => {
      await this.tx.lock(manager, `te:${id}`);
      const entry = await this.requireEntry(id, manager);
      return this.transition(manager, principal.name, via, entry, action, reason);
    });
  }

  /** Records a state change (who, when, from which system); approval rates the week and posts. */
  async transition(manager: EntityManager, actor: string, via: string, entry: TimeEntryEntity, action: TransitionAction, reason: string | null) {
    const to = TARGET[action];
    if (entry.status === to) return { entry: this.view(entry), changed: false, rating: null };
    if (!ALLOWED_FROM[action].includes(entry.status)) {
      const hint = entry.status === 'approved' ? ' Approved time is posted: send a corrected revision instead.' : '';
      throw new AppError('INVALID_TRANSITION', `Time entry ${entry.id} is ${entry.status}; it cannot be ${to}.${hint}`);
    }
    const from = entry.status;
    const now = new Date().toISOString();
    entry.status = to;
    entry.updatedAt = now;
    if (to === 'submitted') entry.submittedAt = entry.submittedAt ?? now;
    if (to === 'approved') entry.approvedAt = now;
    await this.repo.save(manager, entry);
    await this.recordTransition(manager, entry, from, actor, via, reason);
    const rating = to === 'approved' ? await this.rate(manager, actor, entry, 'approval') : null;
    return { entry: this.view((await this.repo.find(entry.id, manager)) ?? entry), changed: true, rating };
  }

  async recordTransition(manager: EntityManager, entry: TimeEntryEntity, from: string | null, actor: string, via: string, reason: string | null): Promise<void> {
    await this.repo.insertTransition(manager, Object.assign(new TimeEntryTransitionEntity(), {
      id: randomUUID(), entryId: entry.id, revision: entry.revision, fromStatus: from, toStatus: entry.status, actor, viaSystem: via, reason,
      at: new Date().toISOString(), correlationId: requestContext.correlationId(),
    }));
    await this.audit.append(manager, { actor, action: `timeEntry.${entry.status}`, entityType: 'timeEntry', entityId: entry.id, details: { from, to: entry.status, via, revision: entry.revision } });
  }

  /**
   * Rates the employee's week around the entry. A failure the business can fix (no rate, no FX
   * rate, missing master data) becomes a rating exception; the approval itself stands.
   */
  async rate(manager: EntityManager, actor: string, entry: TimeEntryEntity, reason: string, raise = true): Promise<RatingResult> {
    // One rating of an employee's week at a time: snapshots and journals chain on the last one.
    await this.tx.lock(manager, `emp:${entry.employeeId}`);
    const from = weekStart(entry.workDate);
    const week = await this.repo.between(entry.employeeId, from, addDays(from, 7), manager);
    try {
      const outcomes = await this.ledger.rateWeek(manager, actor, week, (id) => (id === entry.id ? reason : 'neighbour'));
      for (const o of outcomes) {
        const row = week.find((w) => w.id === o.entryId) as TimeEntryEntity;
        Object.assign(row, { ratingSeq: o.ratingSeq, ratedRevision: o.revision });
        await this.repo.save(manager, row);
      }
      return { ok: true, ratedEntries: outcomes.map((o) => ({ entryId: o.entryId, ratingSeq: o.ratingSeq, journalId: o.journalId })) };
    } catch (err) {
      const failure = ratingFailure(err);
      if (!failure) throw err;
      if (!raise) return { ok: false, code: failure.code };
      const ex = await this.exceptions.raise(manager, actor, {
        code: failure.code, category: 'rating', message: failure.message, sourceSystem: entry.sourceSystem, legalEntityId: entry.legalEntityId,
        objectId: entry.id, record: { entryId: entry.id, revision: entry.revision }, details: { canonical: JSON.parse(entry.content) },
      });
      return { ok: false, code: failure.code, exceptionId: ex.id };
    }
  }

  async get(id: string) {
    return this.view(await this.requireEntry(id));
  }

  /** Everything that produced the entry's money: revisions with their mapping, ratings with their inputs, journals. */
  async lineage(id: string) {
    const entry = await this.requireEntry(id);
    const [revisions, transitions, snapshots, journals] = await Promise.all([
      this.repo.revisions(id), this.repo.transitions(id), this.ledger.snapshots(id), this.ledger.journalsForEntry(id),
    ]);
    return {
      entry: this.view(entry),
      revisions: revisions.map((r) => ({ revision: r.revision, mappingSpec: r.specRef, sourceHash: r.sourceHash, contentHash: r.contentHash, receivedAt: r.receivedAt, correlationId: r.correlationId, content: JSON.parse(r.content) })),
      transitions: transitions.map((t) => ({ from: t.fromStatus, to: t.toStatus, revision: t.revision, actor: t.actor, viaSystem: t.viaSystem, reason: t.reason, at: t.at, correlationId: t.correlationId })),
      ratings: snapshots.map((s) => {
        const snapshot = JSON.parse(s.snapshot);
        const billing = snapshot.billing?.resolution;
        return {
          ratingSeq: s.ratingSeq, revision: s.revision, reason: s.reason, ratedAt: s.createdAt, correlationId: s.correlationId,
          rateCard: billing ? `${billing.rateCardId}@${billing.rateCardVersion}` : null, rateRow: billing?.rowId ?? null, rateRule: billing?.rule ?? null, rateReason: billing?.reason ?? null,
          masterData: JSON.parse(s.contextRefs), snapshot,
        };
      }),
      journals: journals.map((j) => ({ id: j.id, kind: j.kind, ratingSeq: j.ratingSeq, period: j.period, postingRule: j.postingRuleRef, createdAt: j.createdAt, journal: JSON.parse(j.content) })),
    };
  }

  view(e: TimeEntryEntity) {
    return {
      id: e.id, sourceSystem: e.sourceSystem, externalId: e.externalId, revision: e.revision, status: e.status, employeeId: e.employeeId, projectId: e.projectId,
      legalEntityId: e.legalEntityId, date: e.workDate, billable: e.billable === 1, ratedRevision: e.ratedRevision, ratingSeq: e.ratingSeq,
      submittedAt: e.submittedAt, approvedAt: e.approvedAt, updatedAt: e.updatedAt, content: JSON.parse(e.content),
    };
  }
}
