import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { validateCanonical } from '@mapwright/canonical-model';
import { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { ExceptionsService, RaiseException } from '../exceptions/exceptions.service';
import { MappingGateway } from '../mapping/mapping-gateway.service';
import { SpecsRepository } from '../specs/specs.repository';
import { SpecsService } from '../specs/specs.service';
import { InboundMasterDataSource, InboundMasterDataType, INBOUND_MASTER_DATA_SOURCES, inboundMasterDataSource, nativeId } from './inbound-master-data.sources';
import { MasterDataRepository } from './master-data.repository';
import { MasterDataService } from './master-data.service';

export type InboundMasterDataStatus = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface InboundMasterDataResult {
  position: number | null;
  status: InboundMasterDataStatus;
  externalId: string | null;
  id?: string;
  version?: number;
  /** The published spec version that mapped the record. */
  specRef?: string;
  errors?: { code: string; message: string; pointer?: string; exceptionId: string }[];
}

interface Rejection {
  code: string;
  message: string;
  pointer?: string;
}

/** Stored with each exception so a retry can run the same record through the same route again. */
interface StoredRecord {
  source: string;
  type: string;
  record: unknown;
  bindings: Record<string, string>;
}

// Retries of queued master-data records dispatch by this category.
const CATEGORY: RaiseException['category'] = 'masterData';

@Injectable()
export class InboundMasterDataService implements OnModuleInit {
  constructor(
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(MappingGateway) private readonly gateway: MappingGateway,
    @Inject(SpecsService) private readonly specs: SpecsService,
    @Inject(SpecsRepository) private readonly specsRepo: SpecsRepository,
    @Inject(MasterDataService) private readonly masterData: MasterDataService,
    @Inject(MasterDataRepository) private readonly repo: MasterDataRepository,
    @Inject(ExceptionsService) private readonly exceptions: ExceptionsService,
  ) {}

  onModuleInit(): void {
    this.exceptions.registerRetryHandler(CATEGORY, async (exception, actor) => {
      const stored = JSON.parse(exception.record) as StoredRecord;
      const { source, route } = this.route(stored.source, stored.type);
      const result = await this.processRecord(actor, source, stored.type, route, stored.record, exception.position, stored.bindings);
      return { ok: result.status !== 'rejected', outcome: result };
    });
  }

  /** One native record or a batch; each record commits (or is rejected into the exception queue) on its own. */
  async receive(actor: string, sourceName: string, type: string, body: unknown, query: Record<string, string | undefined>) {
    const { source, route } = this.route(sourceName, type);
    const def = this.masterData.requireType(type);
    // A source that does not own the type is a configuration error, refused whole rather than queued per record.
    if (def.authority !== source.role) {
      throw new AppError('SOURCE_NOT_AUTHORITATIVE', `${type} is owned by "${def.authority}"; ${source.source} writes as "${source.role}", so its ${type} records are refused. Change them in ${def.authority} and let that system sync them.`,
        undefined, { authority: def.authority, sourceSystem: source.role, source: source.source });
    }
    const bindings = Object.fromEntries(route.bindings.filter((b) => typeof query[b] === 'string').map((b) => [b, query[b] as string]));
    const records = Array.isArray(body) ? body : [body];
    const results: InboundMasterDataResult[] = [];
    for (let i = 0; i < records.length; i++) results.push(await this.processRecord(actor, source, type, route, records[i], Array.isArray(body) ? i : null, bindings));
    const count = (s: InboundMasterDataStatus) => results.filter((r) => r.status === s).length;
    const summary = { received: results.length, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), rejected: count('rejected') };
    if (!Array.isArray(body) && results[0].status === 'rejected') {
      const errors = results[0].errors ?? [];
      throw new AppError('VALIDATION_FAILED', `The ${type} was refused: ${errors.map((e) => e.code).join(', ')}. Each reason is in the exception queue.`,
        errors.map((e) => ({ pointer: e.pointer ?? '/', message: `${e.code}: ${e.message}` })), { exceptionIds: errors.map((e) => e.exceptionId), result: results[0] });
    }
    return { source: source.source, type, specId: route.specId, summary, results };
  }

  private route(sourceName: string, type: string): { source: InboundMasterDataSource; route: InboundMasterDataType } {
    const source = inboundMasterDataSource(sourceName);
    if (!source) throw new AppError('INTAKE_SOURCE_UNKNOWN', `No inbound master-data source "${sourceName}"; known sources are ${INBOUND_MASTER_DATA_SOURCES.map((s) => s.source).join(', ')}.`);
    const route = source.types[type];
    if (!route) {
      this.masterData.requireType(type);
      throw new AppError('MASTER_DATA_TYPE_UNKNOWN', `${source.source} sends no ${type} master data; it sends ${Object.keys(source.types).join(', ')}.`);
    }
    return { source, route };
  }

  async processRecord(actor: string, source: InboundMasterDataSource, type: string, route: InboundMasterDataType, record: unknown, position: number | null, bindings: Record<string, string>): Promise<InboundMasterDataResult> {
    const externalId = nativeId(record);
    const reject = (rejections: Rejection[], objectId?: string | null, legalEntityId?: string | null) => this.tx.write(async (manager) => {
      const errors = [];
      for (const r of rejections) {
        const ex = await this.exceptions.raise(manager, actor, {
          code: r.code, category: CATEGORY, message: r.message, sourceSystem: source.source, legalEntityId: legalEntityId ?? null, objectId: objectId ?? externalId,
          position, record: { source: source.source, type, record, bindings } satisfies StoredRecord, details: { pointer: r.pointer ?? null, specId: route.specId, masterDataType: type },
        });
        errors.push({ code: r.code, message: r.message, ...(r.pointer ? { pointer: r.pointer } : {}), exceptionId: ex.id });
      }
      return { position, status: 'rejected' as const, externalId, errors };
    });
    if (!externalId) return reject([{ code: 'MD_NO_EXTERNAL_ID', message: `The ${source.source} record has no id, so it cannot be matched to stored master data.` }]);
    const storedRef = await this.repo.findByExternalRef(type, source.source, externalId);
    const stored = storedRef ? await this.masterData.find(type, storedRef.objectId) : undefined;
    const mapped = await this.map(route, record, { ...this.bindingDefaults(route, stored?.object), ...bindings });
    if (!mapped.ok) return reject([{ code: mapped.code, message: mapped.message }]);
    // An object that already carries the source's ref is updated under its own id.
    const object: Record<string, any> = { ...mapped.output, id: stored?.id ?? mapped.output.id };
    for (const field of route.keep) if (stored?.object[field] !== undefined && object[field] === undefined) object[field] = stored.object[field];
    const unresolved = await this.resolveReferences(source, route, object, stored?.object);
    if (unresolved.length > 0) return reject(unresolved, object.id, object.legalEntityId);
    const def = this.masterData.requireType(type);
    const schemaErrors = def.canonical ? validateCanonical(def.canonical, object) : [];
    if (schemaErrors.length > 0) return reject(schemaErrors.map((e) => ({ code: 'MD_SCHEMA_INVALID', message: `${e.pointer} ${e.message}`, pointer: e.pointer })), object.id, object.legalEntityId);
    try {
      const out = await this.tx.write((manager: EntityManager) => this.masterData.upsertIn(manager, actor, type, { sourceSystem: source.role, object, ...(stored && Object.keys(stored.attributes).length > 0 ? { attributes: stored.attributes } : {}) }));
      const status: InboundMasterDataStatus = !out.changed ? 'unchanged' : out.version === 1 ? 'created' : 'updated';
      return { position, status, externalId, id: out.id, version: out.version, specRef: mapped.specRef };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return reject([{ code: `MD_${err.code}`, message: err.message, pointer: err.errors?.[0]?.pointer }], object.id, object.legalEntityId);
    }
  }

  private bindingDefaults(route: InboundMasterDataType, stored: Record<string, any> | undefined): Record<string, string> {
    return Object.fromEntries(route.bindings.filter((b) => typeof stored?.[b] === 'string').map((b) => [b, stored?.[b] as string]));
  }

  /**
   * `harvest-client-N` names the source's client N: the object with that id, else the one carrying
   * external ref (source, N), else the stored object's link (the owning system keeps it until its
   * object carries the source's ref); otherwise the record cannot be linked and is refused.
   */
  private async resolveReferences(source: InboundMasterDataSource, route: InboundMasterDataType, object: Record<string, any>, stored: Record<string, any> | undefined): Promise<Rejection[]> {
    const problems: Rejection[] = [];
    for (const ref of route.references) {
      const value = object[ref.field];
      if (typeof value !== 'string' || !value.startsWith(ref.prefix)) continue;
      if (await this.masterData.find(ref.type, value)) continue;
      const owner = await this.repo.findByExternalRef(ref.type, source.source, value.slice(ref.prefix.length));
      if (owner) object[ref.field] = owner.objectId;
      else if (typeof stored?.[ref.field] === 'string') object[ref.field] = stored[ref.field];
      else problems.push({ code: 'MD_UNKNOWN_REFERENCE', pointer: `/${ref.field}`, message: `${source.source} ${ref.type} ${value.slice(ref.prefix.length)} matches no ${ref.type}; add the external ref ${source.source}:${value.slice(ref.prefix.length)} to the ${ref.type} in its own system, then retry.` });
    }
    return problems;
  }

  private async map(route: InboundMasterDataType, record: unknown, bindings: Record<string, string>): Promise<{ ok: true; output: Record<string, any>; specRef: string } | { ok: false; code: string; message: string }> {
    const spec = await this.specs.requireSpec(route.specId);
    const [published] = await this.specsRepo.findByStatus('PUBLISHED', route.specId);
    if (!published) throw new AppError('NO_PUBLISHED_VERSION', `Spec "${route.specId}" has no published version; publish it before sending this master data.`);
    const loaded = this.gateway.toLoaded(spec, published.version, JSON.parse(published.content));
    const result = await this.gateway.engine.run(loaded.executable, record, { bindings: { ...bindings, correlationId: requestContext.correlationId() } });
    return result.ok ? { ok: true, output: result.output as Record<string, any>, specRef: `${route.specId}@${published.version}` } : { ok: false, code: result.error.code, message: result.error.message };
  }
}
