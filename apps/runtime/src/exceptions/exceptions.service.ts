import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { maskSensitive } from '@mapwright/canonical-model';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { canonicalHash } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { BusinessExceptionEntity } from './entities/business-exception.entity';
import { ExceptionsRepository } from './exceptions.repository';

export interface RaiseException {
  code: string;
  category: 'mapping' | 'schema' | 'business' | 'rating' | 'approval' | 'masterData' | 'delivery' | 'billing';
  message: string;
  sourceSystem: string;
  legalEntityId?: string | null;
  objectId?: string | null;
  position?: number | null;
  record: unknown;
  details?: Record<string, unknown>;
  /** Defaults to the request's; an exception raised by a worker carries the correlation id of the event that failed. */
  correlationId?: string;
}

/** Re-runs the step that failed, from the stored record; returns whether it now succeeds. */
export type RetryHandler = (exception: BusinessExceptionEntity, actor: string) => Promise<{ ok: boolean; outcome: unknown }>;

/** Runs inside the resolve transaction, so whatever the exception stands for is closed with it. */
export type ResolveHandler = (manager: EntityManager, exception: BusinessExceptionEntity, actor: string) => Promise<void>;

/** Native source records carry no sensitivity tags; rate and amount fields are the ones that reveal pay. */
const SENSITIVE_KEY = /rate|cost|amount|salary|pay/i;

function maskNative(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskNative);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SENSITIVE_KEY.test(k) && (typeof v !== 'object' || v === null) ? '***' : maskNative(v)]));
  }
  return value;
}

@Injectable()
export class ExceptionsService {
  private readonly retryHandlers = new Map<string, RetryHandler>();
  private readonly resolveHandlers = new Map<string, ResolveHandler>();

  constructor(
    @Inject(ExceptionsRepository) private readonly repo: ExceptionsRepository,
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  registerRetryHandler(category: string, handler: RetryHandler): void {
    this.retryHandlers.set(category, handler);
  }

  registerResolveHandler(category: string, handler: ResolveHandler): void {
    this.resolveHandlers.set(category, handler);
  }

  async raise(manager: EntityManager, actor: string, input: RaiseException): Promise<BusinessExceptionEntity> {
    const row = Object.assign(new BusinessExceptionEntity(), {
      id: randomUUID(), code: input.code, category: input.category, message: input.message, state: 'open', sourceSystem: input.sourceSystem,
      legalEntityId: input.legalEntityId ?? null, objectId: input.objectId ?? null, position: input.position ?? null,
      record: JSON.stringify(input.record ?? null), details: JSON.stringify(input.details ?? {}), retryCount: 0,
      raisedAt: new Date().toISOString(), resolvedAt: null, resolvedBy: null, resolution: null, correlationId: input.correlationId ?? requestContext.correlationId(),
    });
    await this.repo.insert(manager, row);
    await this.audit.append(manager, { actor, action: 'exception.raised', entityType: 'businessException', entityId: row.id, afterHash: canonicalHash({ code: row.code, record: row.record }), details: { code: row.code, objectId: row.objectId } });
    return row;
  }

  async list(q: { code?: string; category?: string; state?: string; legalEntity?: string; minAgeHours?: string; limit?: string }) {
    const hours = q.minAgeHours === undefined ? undefined : Number(q.minAgeHours);
    const limit = q.limit === undefined ? 100 : Number(q.limit);
    if ((hours !== undefined && !(hours >= 0)) || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new AppError('VALIDATION_FAILED', 'minAgeHours must be a number >= 0 and limit an integer 1..1000.', [{ pointer: '/query', message: 'invalid filter' }]);
    }
    const raisedBefore = hours === undefined ? undefined : new Date(Date.now() - hours * 3600_000).toISOString();
    const rows = await this.repo.list({ code: q.code, category: q.category, state: q.state, legalEntity: q.legalEntity, raisedBefore, limit });
    return rows.map((r) => this.summary(r));
  }

  async inspect(principal: Principal, id: string) {
    const row = await this.require(id);
    const record = JSON.parse(row.record) as unknown;
    const details = JSON.parse(row.details) as Record<string, unknown>;
    const visible = principal.viewSensitive ? { record, details } : {
      record: maskNative(record),
      details: { ...details, ...(details.canonical ? { canonical: maskSensitive('TimeEntry', details.canonical) } : {}) },
    };
    return { ...this.summary(row), ...visible, retryCount: row.retryCount, resolvedAt: row.resolvedAt, resolvedBy: row.resolvedBy, resolution: row.resolution, masked: !principal.viewSensitive };
  }

  async resolve(principal: Principal, id: string, body: { note?: unknown }) {
    if (typeof body?.note !== 'string' || body.note.trim().length === 0) {
      throw new AppError('VALIDATION_FAILED', 'Say how the exception was resolved in "note".', [{ pointer: '/note', message: 'is required' }]);
    }
    const note = body.note;
    return this.tx.write(async (manager) => {
      const row = await this.requireOpen(id, manager);
      Object.assign(row, { state: 'resolved', resolvedAt: new Date().toISOString(), resolvedBy: principal.name, resolution: note });
      await this.repo.save(manager, row);
      await this.resolveHandlers.get(row.category)?.(manager, row, principal.name);
      await this.audit.append(manager, { actor: principal.name, action: 'exception.resolved', entityType: 'businessException', entityId: id, details: { note } });
      return this.summary(row);
    });
  }

  /** Re-runs the failed step from the stored record (after master data was fixed). */
  async retry(principal: Principal, id: string) {
    const row = await this.requireOpen(id);
    const handler = this.retryHandlers.get(row.category);
    if (!handler) throw new AppError('INVALID_TRANSITION', `Exceptions of category ${row.category} cannot be retried; fix the source and resolve it with a note.`);
    const result = await handler(row, principal.name);
    return this.tx.write(async (manager) => {
      const current = await this.requireOpen(id, manager);
      current.retryCount += 1;
      if (result.ok) Object.assign(current, { state: 'retried', resolvedAt: new Date().toISOString(), resolvedBy: principal.name, resolution: 'retried successfully' });
      await this.repo.save(manager, current);
      await this.audit.append(manager, { actor: principal.name, action: 'exception.retried', entityType: 'businessException', entityId: id, details: { ok: result.ok, retryCount: current.retryCount } });
      return { ...this.summary(current), retry: { ok: result.ok, outcome: result.outcome } };
    });
  }

  /**
   * Closes an open exception whose step was re-run elsewhere (a dead letter replayed from the
   * operations endpoints), inside the caller's transaction; a closed one is left as it is.
   */
  async markRetried(manager: EntityManager, id: string, actor: string, outcome: Record<string, unknown>): Promise<void> {
    const row = await this.repo.find(id, manager);
    if (!row || row.state !== 'open') return;
    Object.assign(row, { state: 'retried', retryCount: row.retryCount + 1, resolvedAt: new Date().toISOString(), resolvedBy: actor, resolution: 'retried successfully' });
    await this.repo.save(manager, row);
    await this.audit.append(manager, { actor, action: 'exception.retried', entityType: 'businessException', entityId: id, details: { ok: true, retryCount: row.retryCount, ...outcome } });
  }

  private async require(id: string, manager?: EntityManager): Promise<BusinessExceptionEntity> {
    const row = await this.repo.find(id, manager);
    if (!row) throw new AppError('EXCEPTION_NOT_FOUND', `No business exception "${id}".`);
    return row;
  }

  private async requireOpen(id: string, manager?: EntityManager): Promise<BusinessExceptionEntity> {
    const row = await this.require(id, manager);
    if (row.state !== 'open') throw new AppError('INVALID_TRANSITION', `Exception ${id} is ${row.state}; only open exceptions can be retried or resolved.`);
    return row;
  }

  private summary(r: BusinessExceptionEntity) {
    const ageHours = Math.round(((Date.now() - Date.parse(r.raisedAt)) / 3600_000) * 100) / 100;
    return { id: r.id, code: r.code, category: r.category, message: r.message, state: r.state, sourceSystem: r.sourceSystem, legalEntityId: r.legalEntityId, objectId: r.objectId, position: r.position, raisedAt: r.raisedAt, ageHours, correlationId: r.correlationId };
  }
}
