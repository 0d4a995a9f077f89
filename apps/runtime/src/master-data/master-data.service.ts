import { Inject, Injectable } from '@nestjs/common';
import { maskSensitive } from '@mapwright/canonical-model';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { canonicalHash } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { MasterDataExternalRefEntity, MasterDataObjectEntity, MasterDataVersionEntity } from './entities/master-data.entities';
import { MasterDataRepository } from './master-data.repository';
import { MASTER_DATA_TYPES, MasterDataTypeDef, masterDataType } from './master-data.types';

export interface MasterDataWrite {
  sourceSystem: string;
  object: Record<string, any>;
  attributes?: Record<string, unknown>;
}

export interface MasterDataRecord<T = Record<string, any>> {
  type: string;
  id: string;
  version: number;
  sourceSystem: string;
  object: T;
  attributes: Record<string, any>;
}

function toRecord(row: MasterDataObjectEntity): MasterDataRecord {
  const content = JSON.parse(row.content) as { object: Record<string, any>; attributes?: Record<string, any> };
  return { type: row.type, id: row.id, version: row.version, sourceSystem: row.sourceSystem, object: content.object, attributes: content.attributes ?? {} };
}

@Injectable()
export class MasterDataService {
  constructor(
    @Inject(MasterDataRepository) private readonly repo: MasterDataRepository,
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  types(): { type: string; canonical: string | null; authority: string }[] {
    return MASTER_DATA_TYPES.map((t) => ({ type: t.type, canonical: t.canonical ?? null, authority: t.authority }));
  }

  requireType(type: string): MasterDataTypeDef {
    const def = masterDataType(type);
    if (!def) throw new AppError('MASTER_DATA_TYPE_UNKNOWN', `No master-data type "${type}"; known types are ${MASTER_DATA_TYPES.map((t) => t.type).join(', ')}.`);
    return def;
  }

  upsert(actor: string, type: string, body: MasterDataWrite): Promise<{ type: string; id: string; version: number; changed: boolean }> {
    return this.tx.write((manager) => this.upsertIn(manager, actor, type, body));
  }

  /** Upsert by canonical id; the object's externalRefs become lookup keys and may not point at another object. */
  async upsertIn(manager: EntityManager, actor: string, type: string, body: MasterDataWrite) {
    const def = this.requireType(type);
    if (!body || typeof body.sourceSystem !== 'string' || typeof body.object !== 'object' || body.object === null || Array.isArray(body.object)) {
      throw new AppError('VALIDATION_FAILED', 'Send {sourceSystem, object, attributes?}.', [{ pointer: '/sourceSystem', message: 'and /object are required' }]);
    }
    if (body.sourceSystem !== def.authority) {
      throw new AppError('SOURCE_NOT_AUTHORITATIVE', `${type} is owned by "${def.authority}"; a write from "${body.sourceSystem}" is refused. Change it in ${def.authority} and let that system sync it.`, undefined, { authority: def.authority, sourceSystem: body.sourceSystem });
    }
    const errors = [...(def.validate?.(body.object) ?? []).map((e) => ({ pointer: `/object${e.pointer}`, message: e.message })), ...(def.attributes?.(body.attributes ?? {}) ?? [])];
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', `The ${type} is invalid; see errors for each field.`, errors);
    const id = String(body.object.id);
    const refs = (Array.isArray(body.object.externalRefs) ? body.object.externalRefs : []) as { system: string; id: string }[];
    for (const ref of refs) {
      const owner = await this.repo.findByExternalRef(type, ref.system, ref.id, manager);
      if (owner && owner.objectId !== id) {
        throw new AppError('VALIDATION_FAILED', `External ref ${ref.system}:${ref.id} already identifies ${type} "${owner.objectId}"; update that object instead.`, [{ pointer: '/object/externalRefs', message: 'belongs to another object' }]);
      }
    }
    const content = { object: body.object, ...(body.attributes ? { attributes: body.attributes } : {}) };
    const hash = canonicalHash(content);
    await this.tx.lock(manager, `md:${type}:${id}`);
    const existing = await this.repo.find(type, id, manager);
    if (existing?.contentHash === hash) return { type, id, version: existing.version, changed: false };
    const version = (existing?.version ?? 0) + 1;
    const now = new Date().toISOString();
    const correlationId = requestContext.correlationId();
    const row = Object.assign(new MasterDataObjectEntity(), {
      type, id, sourceSystem: body.sourceSystem, version, content: JSON.stringify(content), contentHash: hash,
      legalEntityId: type === 'legalEntity' ? id : (body.object.legalEntityId ?? null), status: body.object.status ?? null, updatedAt: now, correlationId,
    });
    const versionRow = Object.assign(new MasterDataVersionEntity(), {
      type, id, version, content: row.content, contentHash: hash, sourceSystem: body.sourceSystem, validFrom: def.validFrom?.(body.object) ?? null,
      recordedAt: now, actor, correlationId,
    });
    const refRows = refs.map((r) => Object.assign(new MasterDataExternalRefEntity(), { type, system: r.system, externalId: r.id, objectId: id }));
    await this.repo.save(manager, row, versionRow, refRows);
    await this.audit.append(manager, { actor, action: 'masterData.upserted', entityType: type, entityId: id, beforeHash: existing?.contentHash ?? null, afterHash: hash, details: { version, sourceSystem: body.sourceSystem } });
    return { type, id, version, changed: true };
  }

  async find<T = Record<string, any>>(type: string, id: string, manager?: EntityManager): Promise<MasterDataRecord<T> | undefined> {
    const row = await this.repo.find(type, id, manager);
    return row ? (toRecord(row) as MasterDataRecord<T>) : undefined;
  }

  async all<T = Record<string, any>>(type: string, manager?: EntityManager): Promise<MasterDataRecord<T>[]> {
    return (await this.repo.list(type, undefined, manager)).map((r) => toRecord(r) as MasterDataRecord<T>);
  }

  async get(principal: Principal, type: string, id: string) {
    const def = this.requireType(type);
    const row = await this.repo.find(type, id);
    if (!row) throw new AppError('MASTER_DATA_NOT_FOUND', `No ${type} "${id}".`);
    const versions = await this.repo.versions(type, id);
    return { ...this.view(principal, def, toRecord(row)), versions: versions.map((v) => ({ version: v.version, sourceSystem: v.sourceSystem, validFrom: v.validFrom, recordedAt: v.recordedAt, actor: v.actor, contentHash: v.contentHash, correlationId: v.correlationId })) };
  }

  async list(principal: Principal, type: string, query: { legalEntity?: string; externalSystem?: string; externalId?: string }) {
    const def = this.requireType(type);
    if (query.externalSystem && query.externalId) {
      const ref = await this.repo.findByExternalRef(type, query.externalSystem, query.externalId);
      const row = ref ? await this.repo.find(type, ref.objectId) : null;
      return row ? [this.view(principal, def, toRecord(row))] : [];
    }
    return (await this.repo.list(type, query.legalEntity)).map((r) => this.view(principal, def, toRecord(r)));
  }

  private view(principal: Principal, def: MasterDataTypeDef, record: MasterDataRecord) {
    if (principal.viewSensitive || !def.canonical) return record;
    return { ...record, object: maskSensitive(def.canonical, record.object) as Record<string, any> };
  }
}
