import { Inject, Injectable } from '@nestjs/common';
import {
  JournalEntry, PostingError, RatedEntry, aggregatePayrollInputs, buildDeltaJournal, buildJournal, journalsToCsvRows, toCsv,
} from '@mapwright/posting';
import { RatableTimeEntry, RatingError, RatingSnapshot, rateEntry } from '@mapwright/rating';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { canonicalHash, canonicalJson } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { MasterDataService } from '../master-data/master-data.service';
import type { TimeEntryEntity } from '../time-entries/entities/time-entry.entities';
import { JournalEntity, RatingSnapshotEntity } from './entities/ledger.entities';
import { LedgerRepository } from './ledger.repository';
import { openPostingDate } from './posting-date';
import { ContextUnavailableError, RatingContextBuilder } from './rating-context.builder';

export interface RatingOutcome {
  entryId: string;
  ratingSeq: number;
  revision: number;
  journalId: string | null;
}

/** A failure the finance team can fix in master data: becomes a business exception, never a 500. */
export function ratingFailure(err: unknown): { code: string; message: string } | undefined {
  if (err instanceof RatingError || err instanceof PostingError || err instanceof ContextUnavailableError) return { code: err.code, message: err.message };
  return undefined;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Posting reads the rating sequence as the revision, so a neighbour's re-rating is a newer state too. */
function postingView(snapshot: RatingSnapshot, seq: number): RatedEntry {
  return { ...snapshot, entry: { ...snapshot.entry, revision: seq } } as RatedEntry;
}

@Injectable()
export class LedgerService {
  constructor(
    @Inject(LedgerRepository) private readonly repo: LedgerRepository,
    @Inject(MasterDataService) private readonly masterData: MasterDataService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /**
   * Rates every approved entry of one employee's ISO week together (rounding per day and overtime
   * thresholds depend on neighbours) and posts, per entry whose snapshot changed, the original
   * journal or the delta against its last snapshot. Everything is computed before anything is
   * written, so a failure leaves the ledger untouched. Unchanged snapshots post nothing, which is
   * what makes redelivery and re-approval harmless.
   */
  async rateWeek(manager: EntityManager, actor: string, week: TimeEntryEntity[], reasonFor: (entryId: string) => string): Promise<RatingOutcome[]> {
    const builder = new RatingContextBuilder(this.masterData, manager);
    const ratable = new Map<string, RatableTimeEntry>();
    const projects = new Map<string, Promise<{ object: Record<string, any> } | undefined>>();
    for (const e of week.filter((w) => w.status === 'approved' || w.status === 'invoiced')) {
      const content = JSON.parse(e.content) as RatableTimeEntry;
      // A week's entries mostly share a project: one read each.
      if (!projects.has(e.projectId)) projects.set(e.projectId, this.masterData.find('project', e.projectId, manager));
      const project = await projects.get(e.projectId);
      ratable.set(e.id, { ...content, status: 'approved', legalEntityId: e.legalEntityId, customerId: project?.object.customerId ?? null });
    }
    const plans: { entry: TimeEntryEntity; snapshot: RatingSnapshot; text: string; seq: number; refs: Record<string, string>; journal: JournalEntry | null }[] = [];
    for (const entry of week.filter((w) => w.status === 'approved')) {
      const subject = ratable.get(entry.id) as RatableTimeEntry;
      const ctx = await builder.forEntry(subject);
      // Peers only shape minutes (rounding, overtime); their own billing is not this card's business.
      const peers = [...ratable.values()].filter((p) => p.id !== entry.id).map((p) => ({ ...p, billable: false }));
      const snapshot = rateEntry(subject, ctx.rating, peers);
      const previous = await this.repo.latestSnapshot(entry.id, manager);
      // Snapshots are stored in canonical form, so equal text is an unchanged rating.
      const text = canonicalJson(snapshot);
      if (previous && previous.snapshot === text) continue;
      const seq = entry.ratingSeq + 1;
      const event = (type: string) => ({ type, eventId: `${entry.id}.s${seq}`, postingDate: openPostingDate(snapshot.entry.date, ctx.closedPeriods), correlationId: requestContext.correlationId() });
      const journal = previous
        ? buildDeltaJournal(postingView(JSON.parse(previous.snapshot), previous.ratingSeq), postingView(snapshot, seq), event('timeEntry.corrected'), ctx.rules, ctx.fx)
        : buildJournal(event('timeEntry.approved'), postingView(snapshot, seq), ctx.rules, ctx.fx);
      plans.push({ entry, snapshot, text, seq, refs: ctx.refs, journal });
    }
    const now = new Date().toISOString();
    const correlationId = requestContext.correlationId();
    const outcomes: RatingOutcome[] = [];
    for (const p of plans) {
      await this.repo.insertSnapshot(manager, Object.assign(new RatingSnapshotEntity(), {
        entryId: p.entry.id, ratingSeq: p.seq, revision: p.entry.revision, snapshot: p.text, reason: reasonFor(p.entry.id),
        contextRefs: canonicalJson(p.refs), createdAt: now, correlationId,
      }));
      if (p.journal) {
        await this.repo.insertJournal(manager, Object.assign(new JournalEntity(), {
          id: p.journal.id, entryId: p.entry.id, ratingSeq: p.seq, kind: p.journal.kind, legalEntityId: p.journal.legalEntityId, period: p.journal.period,
          postingRuleRef: `${p.journal.postingRuleId}@${p.journal.postingRuleVersion}`, content: canonicalJson(p.journal), createdAt: now, correlationId,
        }));
      }
      await this.audit.append(manager, { actor, action: 'timeEntry.rated', entityType: 'timeEntry', entityId: p.entry.id, afterHash: canonicalHash(p.snapshot), details: { ratingSeq: p.seq, revision: p.entry.revision, journalId: p.journal?.id ?? null } });
      outcomes.push({ entryId: p.entry.id, ratingSeq: p.seq, revision: p.entry.revision, journalId: p.journal?.id ?? null });
    }
    return outcomes;
  }

  async journals(q: { legalEntity?: string; period?: string; format?: string }): Promise<{ contentType: string; body: unknown }> {
    if (q.period !== undefined && !PERIOD.test(q.period)) throw new AppError('VALIDATION_FAILED', 'period must be YYYY-MM.', [{ pointer: '/period', message: 'must be YYYY-MM' }]);
    const format = q.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new AppError('VALIDATION_FAILED', 'format must be json or csv.', [{ pointer: '/format', message: 'must be json or csv' }]);
    const journals = (await this.repo.journals(q.legalEntity, q.period)).map((j) => JSON.parse(j.content) as JournalEntry);
    if (format === 'json') return { contentType: 'application/json', body: { legalEntity: q.legalEntity ?? null, period: q.period ?? null, count: journals.length, journals } };
    const batches = journalsToCsvRows(journals);
    const header = batches[0]?.header ?? [];
    return { contentType: 'text/csv; charset=utf-8', body: toCsv(header, batches.flatMap((b) => b.rows)) };
  }

  async payrollInputs(q: { period?: string; legalEntity?: string }) {
    if (q.period === undefined || !PERIOD.test(q.period)) throw new AppError('VALIDATION_FAILED', 'period=YYYY-MM is required.', [{ pointer: '/period', message: 'must be YYYY-MM' }]);
    const snapshots = (await this.repo.latestSnapshots()).map((s) => JSON.parse(s.snapshot) as RatedEntry)
      .filter((s) => s.entry.date.startsWith(q.period as string) && (!q.legalEntity || s.entry.legalEntityId === q.legalEntity));
    return { period: q.period, payrollInputs: aggregatePayrollInputs(snapshots) };
  }

  latestSnapshot(entryId: string) {
    return this.repo.latestSnapshot(entryId);
  }

  snapshots(entryId: string) {
    return this.repo.snapshots(entryId);
  }

  journalsForEntry(entryId: string) {
    return this.repo.journalsForEntry(entryId);
  }

  allJournals() {
    return this.repo.journals();
  }
}
