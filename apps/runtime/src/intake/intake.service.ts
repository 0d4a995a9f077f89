import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { validateCanonical } from '@mapwright/canonical-model';
import { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../auth/principal';
import { EntryCorrectionsService, type EntryBillingOutcome } from '../billing/entry-corrections.service';
import { AppError } from '../common/app-error';
import { canonicalHash, canonicalJson } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { ExceptionsService, RaiseException } from '../exceptions/exceptions.service';
import { MappingGateway } from '../mapping/mapping-gateway.service';
import { MasterDataRecord, MasterDataService } from '../master-data/master-data.service';
import { SpecsRepository } from '../specs/specs.repository';
import { SpecsService } from '../specs/specs.service';
import { TimeEntryEntity, TimeEntryRevisionEntity, TimeEntryStatus } from '../time-entries/entities/time-entry.entities';
import { TimeEntriesRepository } from '../time-entries/time-entries.repository';
import { RatingResult, TimeEntriesService } from '../time-entries/time-entries.service';
import { checkBusinessRules } from './business-rules';
import { IntakeReceiptEntity } from './entities/intake-receipt.entity';
import { IntakeSource, intakeSource, INTAKE_SOURCES } from './intake-sources';

export type IntakeStatus = 'accepted' | 'corrected' | 'duplicate' | 'stale' | 'rejected';

export interface IntakeResult {
  position: number | null;
  status: IntakeStatus;
  externalId: string | null;
  entryId?: string;
  revision?: number;
  entryStatus?: string;
  rating?: RatingResult | null;
  /** A corrected revision of time billing holds: credit notes issued, open candidates recalculated. */
  billing?: EntryBillingOutcome;
  errors?: { code: string; message: string; pointer?: string; exceptionId: string }[];
}

interface Rejection {
  code: string;
  category: RaiseException['category'];
  message: string;
  pointer?: string;
}

type MasterDataFind = (type: string, id: string) => Promise<MasterDataRecord | undefined>;

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const hoursOf = (q: { value: string; unit: string }) => (q.unit === 'MIN' ? Number(q.value) / 60 : Number(q.value));

@Injectable()
export class IntakeService implements OnModuleInit {
  private readonly loadedSpecs = new Map<string, { key: string; spec: ReturnType<MappingGateway['toLoaded']> }>();

  constructor(
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(MappingGateway) private readonly gateway: MappingGateway,
    @Inject(SpecsService) private readonly specs: SpecsService,
    @Inject(SpecsRepository) private readonly specsRepo: SpecsRepository,
    @Inject(MasterDataService) private readonly masterData: MasterDataService,
    @Inject(TimeEntriesRepository) private readonly entries: TimeEntriesRepository,
    @Inject(TimeEntriesService) private readonly timeEntries: TimeEntriesService,
    @Inject(ExceptionsService) private readonly exceptions: ExceptionsService,
    @Inject(EntryCorrectionsService) private readonly billingCorrections: EntryCorrectionsService,
  ) {}

  onModuleInit(): void {
    // Intake failures are retried by running the stored native record through intake again.
    this.exceptions.registerRetryHandler('approval', async (exception, actor) => {
      const stored = JSON.parse(exception.record) as { source: string; event: unknown };
      const out = await this.receiveApprovals(actor, stored.source, stored.event);
      return { ok: out.results[0].status === 'applied', outcome: out.results[0] };
    });
    for (const category of ['mapping', 'schema', 'business'] as const) {
      this.exceptions.registerRetryHandler(category, async (exception, actor) => {
        const stored = JSON.parse(exception.record) as { source: string; record: unknown; bindings?: Record<string, string> };
        const result = await this.processRecord(this.requireSource(stored.source), stored.record, null, actor, stored.bindings ?? {});
        return { ok: result.status !== 'rejected', outcome: result };
      });
    }
  }

  requireSource(source: string): IntakeSource {
    const def = intakeSource(source);
    if (!def) throw new AppError('INTAKE_SOURCE_UNKNOWN', `No inbound source "${source}"; known sources are ${INTAKE_SOURCES.map((s) => s.source).join(', ')}.`);
    return def;
  }

  /** One record or a batch; each record commits (or is rejected) on its own, reported by position. */
  async receive(actor: string, source: string, body: unknown, query: Record<string, string | undefined>) {
    const def = this.requireSource(source);
    const bindings = Object.fromEntries(def.bindings.filter((b) => typeof query[b] === 'string').map((b) => [b, query[b] as string]));
    const records = Array.isArray(body) ? body : [body];
    const results: IntakeResult[] = [];
    // `?correction=true` marks a corrected revision of invoiced time, which is credited rather than refused.
    const correction = query.correction === 'true';
    for (let i = 0; i < records.length; i++) results.push(await this.processRecord(def, records[i], Array.isArray(body) ? i : null, actor, bindings, correction));
    const count = (s: IntakeStatus) => results.filter((r) => r.status === s).length;
    const summary = { received: results.length, accepted: count('accepted'), corrected: count('corrected'), duplicate: count('duplicate'), stale: count('stale'), rejected: count('rejected') };
    if (!Array.isArray(body) && results[0].status === 'rejected') {
      const errors = results[0].errors ?? [];
      throw new AppError('TIME_ENTRY_REJECTED', `The time entry was refused: ${errors.map((e) => e.code).join(', ')}. Each reason is in the exception queue.`,
        errors.map((e) => ({ pointer: e.pointer ?? '/', message: `${e.code}: ${e.message}` })), { exceptionIds: errors.map((e) => e.exceptionId), result: results[0] });
    }
    return { source, specId: def.specId, summary, results };
  }

  async processRecord(def: IntakeSource, record: unknown, position: number | null, actor: string, bindings: Record<string, string>, correction = false): Promise<IntakeResult> {
    const externalId = def.externalId(record);
    const sourceHash = canonicalHash(record ?? null);
    const mapped = await this.map(def, record, bindings);
    return this.tx.write(async (manager) => {
      const reject = async (rejections: Rejection[], extra: { legalEntityId?: string | null; objectId?: string | null; canonical?: unknown }) => {
        const errors = [];
        for (const r of rejections) {
          const ex = await this.exceptions.raise(manager, actor, {
            code: r.code, category: r.category, message: r.message, sourceSystem: def.source, legalEntityId: extra.legalEntityId, objectId: extra.objectId ?? externalId,
            position, record: { source: def.source, record, bindings }, details: { pointer: r.pointer ?? null, specRef: mapped.specRef, ...(extra.canonical ? { canonical: extra.canonical } : {}) },
          });
          errors.push({ code: r.code, message: r.message, ...(r.pointer ? { pointer: r.pointer } : {}), exceptionId: ex.id });
        }
        return { position, status: 'rejected' as const, externalId, errors };
      };
      if (externalId) {
        await this.tx.lock(manager, `intake:${def.source}:${externalId}`);
        const receipt = await manager.getRepository(IntakeReceiptEntity).findOneBy({ sourceSystem: def.source, externalId, sourceHash });
        if (receipt) {
          Object.assign(receipt, { deliveries: receipt.deliveries + 1, lastAt: new Date().toISOString() });
          await manager.getRepository(IntakeReceiptEntity).save(receipt);
          return { position, status: 'duplicate', externalId, entryId: receipt.entryId, revision: receipt.revision };
        }
      }
      if (!mapped.ok) return reject([{ code: mapped.code, category: 'mapping', message: mapped.message }], {});
      if (!externalId) return reject([{ code: 'TE_NO_EXTERNAL_ID', category: 'schema', message: 'The record has no source id, so redeliveries could not be recognised.' }], {});
      // enrich and check read the same project and employee: one read each per record.
      const reads = new Map<string, Promise<MasterDataRecord | undefined>>();
      const find: MasterDataFind = (type, id) => {
        const key = `${type}:${id}`;
        if (!reads.has(key)) reads.set(key, this.masterData.find(type, id, manager));
        return reads.get(key)!;
      };
      const canonical = await this.enrich(find, mapped.output);
      const schemaErrors = validateCanonical('TimeEntry', canonical);
      if (schemaErrors.length > 0) {
        return reject(schemaErrors.map((e) => ({ code: 'TE_SCHEMA_INVALID', category: 'schema', message: `${e.pointer} ${e.message}`, pointer: e.pointer })), { objectId: canonical.id, canonical });
      }
      const violations = await this.check(manager, find, canonical);
      if (violations.length > 0) return reject(violations.map((v) => ({ ...v, category: 'business' })), { legalEntityId: canonical.legalEntityId ?? null, objectId: canonical.id, canonical });
      return this.store(manager, actor, def, externalId, sourceHash, mapped.specRef, canonical, position, correction);
    });
  }

  private async map(def: IntakeSource, record: unknown, bindings: Record<string, string>): Promise<{ ok: true; output: Record<string, any>; specRef: string } | { ok: false; code: string; message: string; specRef: string }> {
    const [published] = await this.specsRepo.findByStatus('PUBLISHED', def.specId);
    if (!published) throw new AppError('NO_PUBLISHED_VERSION', `Spec "${def.specId}" has no published version; publish it before sending ${def.source} time.`);
    const specRef = `${def.specId}@${published.version}`;
    // Parsing the stored content (schemas included) and hashing it cost more than mapping a record:
    // the published row's content hash keys one loaded spec, whose identity the engine caches by.
    const cacheKey = `${published.id}:${published.contentHash}`;
    let loaded = this.loadedSpecs.get(def.specId);
    if (loaded?.key !== cacheKey) {
      loaded = { key: cacheKey, spec: this.gateway.toLoaded(await this.specs.requireSpec(def.specId), published.version, JSON.parse(published.content)) };
      this.loadedSpecs.set(def.specId, loaded);
    }
    const result = await this.gateway.engine.run(loaded.spec.executable, record, { bindings: { ...bindings, correlationId: requestContext.correlationId() } });
    if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message, specRef };
    return { ok: true, output: result.output as Record<string, any>, specRef };
  }

  /** Fills what the source does not know: legal entity from the project, cost centre and role from the employee. */
  private async enrich(find: MasterDataFind, entry: Record<string, any>): Promise<Record<string, any>> {
    const project = await find('project', entry.projectId);
    const employee = await find('employee', entry.employeeId);
    const out = { ...entry };
    if (project && !out.legalEntityId) out.legalEntityId = project.object.legalEntityId;
    if (employee && !out.costCenterId) out.costCenterId = employee.object.costCenterId;
    if (employee && !out.roleCode) out.roleCode = employee.object.roleCode;
    return out;
  }

  private async check(manager: EntityManager, find: MasterDataFind, e: Record<string, any>) {
    const project = await find('project', e.projectId);
    const others = await this.entries.between(e.employeeId, e.date, nextDay(e.date), manager);
    const otherHoursThatDay = others.filter((o) => o.id !== e.id && o.status !== 'rejected').reduce((sum, o) => sum + hoursOf(JSON.parse(o.content).quantity), 0);
    return checkBusinessRules(
      { id: e.id, projectId: e.projectId, taskId: e.taskId, employeeId: e.employeeId, costCenterId: e.costCenterId, date: e.date, hours: hoursOf(e.quantity) },
      {
        project, task: e.taskId ? await find('task', e.taskId) : undefined,
        employee: await find('employee', e.employeeId),
        legalEntity: project ? await find('legalEntity', project.object.legalEntityId) : undefined,
        costCenter: e.costCenterId ? await find('costCenter', e.costCenterId) : undefined,
        otherHoursThatDay,
      },
    );
  }

  /** New entry, or a correction (new revision) of a known one; an older delivery than the stored one is stale. */
  private async store(manager: EntityManager, actor: string, def: IntakeSource, externalId: string, sourceHash: string, specRef: string, canonical: Record<string, any>, position: number | null, correction = false): Promise<IntakeResult> {
    const now = new Date().toISOString();
    const existing = await this.entries.findBySource(def.source, externalId, manager);
    const receipt = (entryId: string, revision: number) => manager.getRepository(IntakeReceiptEntity).insert(Object.assign(new IntakeReceiptEntity(), {
      sourceSystem: def.source, externalId, sourceHash, entryId, revision, deliveries: 1, firstAt: now, lastAt: now,
    }));
    if (existing && canonical.sourceUpdatedAt && existing.sourceUpdatedAt && canonical.sourceUpdatedAt < existing.sourceUpdatedAt) {
      await receipt(existing.id, existing.revision);
      return { position, status: 'stale', externalId, entryId: existing.id, revision: existing.revision, entryStatus: existing.status };
    }
    // A plain new revision of invoiced time is refused; an approved one sent as a correction is credited.
    const invoicedCorrection = existing?.status === 'invoiced' && correction && canonical.status === 'approved';
    if (existing?.status === 'invoiced' && !invoicedCorrection) {
      const ex = await this.exceptions.raise(manager, actor, {
        code: 'TE_ALREADY_INVOICED', category: 'business', message: `Time entry ${existing.id} is invoiced; send the approved change as a correction (?correction=true), which is credited, not a plain new revision.`, sourceSystem: def.source,
        legalEntityId: existing.legalEntityId, objectId: existing.id, position, record: { source: def.source, record: canonical }, details: { canonical },
      });
      return { position, status: 'rejected', externalId, entryId: existing.id, errors: [{ code: 'TE_ALREADY_INVOICED', message: ex.message, exceptionId: ex.id }] };
    }
    const revision = (existing?.revision ?? 0) + 1;
    const content = { ...canonical, revision };
    const status = (invoicedCorrection ? 'invoiced' : canonical.status) as TimeEntryStatus;
    const previous = existing ? { employeeId: existing.employeeId, workDate: existing.workDate, status: existing.status, rated: existing.ratingSeq > 0 } : undefined;
    const row = existing ?? Object.assign(new TimeEntryEntity(), { id: canonical.id, sourceSystem: def.source, externalId, ratedRevision: null, ratingSeq: 0, createdAt: now, submittedAt: null, approvedAt: null });
    Object.assign(row, {
      revision, status, employeeId: canonical.employeeId, projectId: canonical.projectId, legalEntityId: canonical.legalEntityId, workDate: canonical.date,
      billable: canonical.billable ? 1 : 0, content: canonicalJson(content), sourceUpdatedAt: canonical.sourceUpdatedAt ?? null, updatedAt: now, correlationId: requestContext.correlationId(),
    });
    if (status === 'submitted' && !row.submittedAt) row.submittedAt = canonical.submittedAt ?? now;
    if (status === 'approved' && previous?.status !== 'approved') row.approvedAt = now;
    await this.tx.lock(manager, `emp:${row.employeeId}`);
    await this.entries.save(manager, row);
    await this.entries.insertRevision(manager, Object.assign(new TimeEntryRevisionEntity(), {
      entryId: row.id, revision, content: row.content, contentHash: canonicalHash(content), sourceHash, specRef, receivedAt: now, correlationId: requestContext.correlationId(),
    }));
    await receipt(row.id, revision);
    if (!previous || previous.status !== status) await this.timeEntries.recordTransition(manager, row, previous?.status ?? null, actor, def.source, existing ? `revision ${revision}` : null);
    let rating: RatingResult | null = null;
    let billing: EntryBillingOutcome | undefined;
    if (invoicedCorrection) ({ rating, billing } = await this.billingCorrections.invoicedEntryCorrected(manager, actor, row));
    else if (status === 'approved') rating = await this.timeEntries.rate(manager, actor, row, existing ? 'correction' : 'approval');
    if (existing && status === 'approved' && rating?.ok) {
      const candidates = await this.billingCorrections.recalculateOpenCandidates(manager, actor, row);
      if (candidates.length > 0) billing = { invoices: [], candidates };
    }
    // A correction that moved the entry to another week or employee reshapes the old week too.
    const movedAway = previous && (previous.employeeId !== row.employeeId || previous.workDate !== row.workDate);
    if (movedAway && previous.rated) {
      const anchor = Object.assign(new TimeEntryEntity(), { ...row, employeeId: previous.employeeId, workDate: previous.workDate });
      await this.timeEntries.rate(manager, SYSTEM_ACTOR, anchor, 'neighbour');
    }
    return { position, status: existing ? 'corrected' : 'accepted', externalId, entryId: row.id, revision, entryStatus: status, rating, ...(billing ? { billing } : {}) };
  }

  /** Approval events from the source system: {externalId, action: submit|approve|reject, reason?}, one or a batch. */
  async receiveApprovals(actor: string, source: string, body: unknown) {
    const def = this.requireSource(source);
    const events = (Array.isArray(body) ? body : [body]) as { externalId?: unknown; action?: unknown; reason?: unknown }[];
    events.forEach((ev, i) => {
      if (typeof ev?.externalId !== 'string' || !['submit', 'approve', 'reject'].includes(String(ev.action))) {
        throw new AppError('VALIDATION_FAILED', `Approval event ${i} needs externalId and action submit|approve|reject; nothing was applied.`, [{ pointer: Array.isArray(body) ? `/${i}` : '/', message: 'invalid event' }]);
      }
    });
    const results = [];
    for (let i = 0; i < events.length; i++) {
      const ev = events[i] as { externalId: string; action: 'submit' | 'approve' | 'reject'; reason?: unknown };
      try {
        results.push(await this.tx.write(async (manager) => {
          const entry = await this.entries.findBySource(def.source, ev.externalId, manager);
          if (!entry) throw new AppError('TIME_ENTRY_NOT_FOUND', `No ${def.source} time entry with id ${ev.externalId}; send the entry before its approval.`);
          return { position: i, status: 'applied' as const, ...(await this.timeEntries.transition(manager, actor, def.source, entry, ev.action, typeof ev.reason === 'string' ? ev.reason : null)) };
        }));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        // Kept and reported, never dropped: it can be retried once the entry arrives or its state allows.
        const ex = await this.tx.write((manager) => this.exceptions.raise(manager, actor, {
          code: `TE_APPROVAL_${err.code}`, category: 'approval', message: err.message, sourceSystem: def.source, objectId: ev.externalId, position: i, record: { source: def.source, event: ev },
        }));
        results.push({ position: i, status: 'rejected' as const, errors: [{ code: ex.code, message: err.message, exceptionId: ex.id }] });
      }
    }
    return { source, results };
  }
}
