import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { canonicalJson } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { MappingGateway, VersionContent } from '../mapping/mapping-gateway.service';
import { SpecVersionEntity } from './entities/spec-version.entity';
import { RiskClass, SpecEntity, SpecKind } from './entities/spec.entity';
import { SpecsRepository } from './specs.repository';
import { approvalView, specView, versionView, versionWithContent } from './spec-views';
import { isGreaterThanAll, requiredApprovals } from './version-rules';

export interface DraftInput {
  version: string;
  fromVersion?: string;
  manifest?: Record<string, unknown>;
  expression?: string;
  tests?: VersionContent['tests'];
  data?: unknown;
}

const MAPPING_KINDS: readonly SpecKind[] = ['inbound', 'outbound', 'canonical'];

@Injectable()
export class SpecsService {
  constructor(
    @Inject(SpecsRepository) private readonly repo: SpecsRepository,
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MappingGateway) private readonly gateway: MappingGateway,
  ) {}

  async list() {
    const specs = await this.repo.listSpecs();
    return Promise.all(specs.map(async (s) => specView(s, await this.repo.listVersions(s.id))));
  }

  async get(id: string) {
    const spec = await this.requireSpec(id);
    const versions = await this.repo.listVersions(id);
    return { ...specView(spec, versions), versions: versions.map((v) => versionView(v)) };
  }

  async history(id: string) {
    await this.requireSpec(id);
    const versions = await this.repo.listVersions(id);
    return Promise.all(versions.map(async (v) => versionView(v, await this.repo.listApprovals(v.id))));
  }

  /** Test inputs and expected outputs are real-looking data: masked for callers without view-sensitive. */
  async getVersion(principal: Principal, id: string, version: string) {
    const row = await this.requireVersion(id, version);
    const view = versionWithContent(row, await this.repo.listApprovals(row.id));
    if (principal.viewSensitive) return view;
    const m = view.content.manifest as { input?: { schema?: string }; output?: { schema?: string } };
    const tests = view.content.tests.map((tc) => ({
      ...tc,
      input: this.gateway.mask(m.input?.schema ?? '', tc.input),
      expect: tc.expect.output === undefined ? tc.expect : { ...tc.expect, output: this.gateway.mask(m.output?.schema ?? '', tc.expect.output) },
    }));
    return { ...view, content: { ...view.content, tests } };
  }

  async requireSpec(id: string, manager?: EntityManager): Promise<SpecEntity> {
    const spec = await this.repo.findSpec(id, manager);
    if (!spec) throw new AppError('SPEC_NOT_FOUND', `No spec "${id}"; list specs with GET /api/v1/specs.`);
    return spec;
  }

  async requireVersion(id: string, version: string, manager?: EntityManager): Promise<SpecVersionEntity> {
    const row = await this.repo.findVersion(id, version, manager);
    if (!row) throw new AppError('VERSION_NOT_FOUND', `Spec "${id}" has no version ${version}.`);
    return row;
  }

  /** New draft: fresh content, or a copy of an older version (rollback, or rework after rejection). */
  async createDraft(principal: Principal, id: string, input: DraftInput) {
    return this.tx.write(async (manager) => {
      // Serialises concurrent first drafts of one spec, which would otherwise race to create it.
      await this.tx.lock(manager, `spec:${id}`);
      const existing = await this.repo.findSpec(id, manager);
      const versions = existing ? await this.repo.listVersions(id, manager) : [];
      if (versions.some((v) => v.version === input.version)) {
        throw new AppError('VERSION_EXISTS', `Version ${input.version} of ${id} already exists; pick a higher version.`);
      }
      if (!isGreaterThanAll(input.version, versions.map((v) => v.version))) {
        throw new AppError('VERSION_NOT_GREATER', `Version ${input.version} must be semver and higher than every existing version of ${id}.`, [{ pointer: '/version', message: 'must be higher than existing versions' }]);
      }
      let base: VersionContent | undefined;
      if (input.fromVersion) {
        const from = versions.find((v) => v.version === input.fromVersion);
        if (!from) throw new AppError('VERSION_NOT_FOUND', `Spec "${id}" has no version ${input.fromVersion} to copy.`);
        base = JSON.parse(from.content) as VersionContent;
      }
      const manifest = { ...(base?.manifest ?? {}), ...(input.manifest ?? {}), id, version: input.version };
      const spec = existing ?? (await this.createSpec(manager, principal, id, manifest));
      const content = this.buildContent(spec, manifest, {
        expression: input.expression ?? base?.expression ?? '',
        tests: input.tests ?? base?.tests ?? [],
        data: input.data ?? base?.data,
      }, base);
      const now = new Date().toISOString();
      const row = Object.assign(new SpecVersionEntity(), {
        id: randomUUID(), specId: id, version: input.version, status: 'DRAFT', content: canonicalJson(content),
        contentHash: this.gateway.contentHash(content), author: principal.name, basedOn: input.fromVersion ?? null,
        requiredApprovals: requiredApprovals(spec.riskClass), emergency: false, evidenceHash: null,
        correlationId: requestContext.correlationId(), createdAt: now, updatedAt: now, publishedAt: null,
      } satisfies SpecVersionEntity);
      await this.repo.insertVersion(manager, row);
      await this.audit.append(manager, {
        actor: principal.name, action: input.fromVersion ? 'version.draft.copied' : 'version.draft.created',
        entityType: 'spec_version', entityId: `${id}@${input.version}`, beforeHash: null, afterHash: row.contentHash,
        details: { basedOn: input.fromVersion ?? null },
      });
      return versionWithContent(row);
    });
  }

  async editDraft(principal: Principal, id: string, version: string, input: Omit<DraftInput, 'version' | 'fromVersion'>) {
    return this.tx.write(async (manager) => {
      const spec = await this.requireSpec(id, manager);
      const row = await this.requireVersion(id, version, manager);
      if (row.status !== 'DRAFT') {
        throw new AppError('VERSION_IMMUTABLE', `${id}@${version} is ${row.status}; its content is frozen. Create a new draft instead.`);
      }
      const current = JSON.parse(row.content) as VersionContent;
      const manifest = { ...current.manifest, ...(input.manifest ?? {}), id, version };
      const content = this.buildContent(spec, manifest, {
        expression: input.expression ?? current.expression,
        tests: input.tests ?? current.tests,
        data: input.data ?? current.data,
      }, current);
      const before = row.contentHash;
      row.content = canonicalJson(content);
      row.contentHash = this.gateway.contentHash(content);
      row.updatedAt = new Date().toISOString();
      await this.repo.saveVersion(manager, row);
      await this.audit.append(manager, { actor: principal.name, action: 'version.draft.edited', entityType: 'spec_version', entityId: `${id}@${version}`, beforeHash: before, afterHash: row.contentHash });
      return versionWithContent(row);
    });
  }

  async approvals(id: string, version: string) {
    const row = await this.requireVersion(id, version);
    return (await this.repo.listApprovals(row.id)).map(approvalView);
  }

  private async createSpec(manager: EntityManager, principal: Principal, id: string, manifest: Record<string, unknown>): Promise<SpecEntity> {
    const kind = manifest.kind as SpecKind;
    const riskClass = manifest.riskClass as RiskClass;
    const errors = [];
    if (![...MAPPING_KINDS, 'reference', 'routing'].includes(kind)) errors.push({ pointer: '/manifest/kind', message: 'must be inbound, outbound, canonical, reference or routing' });
    if (!['financial', 'operational', 'standard'].includes(riskClass)) errors.push({ pointer: '/manifest/riskClass', message: 'must be financial, operational or standard' });
    if (typeof manifest.description !== 'string' || !manifest.description) errors.push({ pointer: '/manifest/description', message: 'is required for a new spec' });
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) errors.push({ pointer: '/id', message: 'must be kebab-case' });
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', `Spec "${id}" does not exist yet; its manifest must define it.`, errors);
    const spec = Object.assign(new SpecEntity(), {
      id, kind, riskClass, description: String(manifest.description), owner: String(manifest.owner ?? principal.name),
      createdAt: new Date().toISOString(), correlationId: requestContext.correlationId(),
    });
    await this.repo.insertSpec(manager, spec);
    await this.audit.append(manager, { actor: principal.name, action: 'spec.created', entityType: 'spec', entityId: id, details: { kind, riskClass } });
    return spec;
  }

  /**
   * Mapping kinds get their schemas resolved now, so the version is self-contained. A ref that
   * cannot be resolved here (e.g. a schema file beside an imported spec) keeps the schema already
   * stored for the same ref.
   */
  private buildContent(spec: SpecEntity, manifest: Record<string, unknown>, parts: Pick<VersionContent, 'expression' | 'tests' | 'data'>, previous?: VersionContent): VersionContent {
    const content: VersionContent = { manifest, expression: parts.expression, tests: parts.tests };
    if (parts.data !== undefined) content.data = parts.data;
    if (!MAPPING_KINDS.includes(spec.kind)) return content;
    const resolved = this.gateway.resolveSchemas(manifest);
    const errors = [];
    for (const side of ['input', 'output'] as const) {
      const key = `${side}Schema` as const;
      const ref = (manifest[side] as { schema?: unknown } | undefined)?.schema;
      const prevRef = (previous?.manifest[side] as { schema?: unknown } | undefined)?.schema;
      const schema = resolved[key] ?? (ref === prevRef ? previous?.[key] : undefined);
      if (schema) content[key] = schema;
      else if (ref !== undefined) errors.push({ pointer: `/manifest/${side}/schema`, message: resolved.problems.find((p) => p.pointer.includes(side))?.message ?? 'cannot be resolved' });
    }
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'A schema the manifest names cannot be resolved; use a canonical schema $id or a contract ref.', errors);
    return content;
  }
}
