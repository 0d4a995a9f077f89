import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ReferenceData } from '@mapwright/mapping-engine';
import { loadSpecCatalog } from '@mapwright/spec-catalog';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../auth/principal';
import { canonicalJson } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TransactionService } from '../database/transaction.service';
import { PINO_LOGGER } from '../logging/app-logger';
import { SpecVersionEntity } from '../specs/entities/spec-version.entity';
import { RiskClass, SpecEntity, SpecKind } from '../specs/entities/spec.entity';
import { SpecsRepository } from '../specs/specs.repository';
import { requiredApprovals } from '../specs/version-rules';
import { MappingGateway, VersionContent } from './mapping-gateway.service';

interface ImportItem {
  id: string;
  kind: SpecKind;
  description: string;
  owner: string;
  riskClass: RiskClass;
  versions: { version: string; content: VersionContent }[];
}

export const REFERENCE_SPEC_ID = 'reference-data';
export const ROUTING_SPEC_ID = 'routing-rules';

/** Imports the shipped catalog: specs unknown to the registry arrive PUBLISHED (older versions RETIRED). */
@Injectable()
export class CatalogImportService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SpecsRepository) private readonly repo: SpecsRepository,
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MappingGateway) private readonly gateway: MappingGateway,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async importShippedSpecs(): Promise<number> {
    if (!fs.existsSync(this.config.specsDir)) {
      this.logger.warn({ specsDir: this.config.specsDir }, 'SPECS_DIR not found; nothing imported');
      return 0;
    }
    const catalog = loadSpecCatalog(this.config.specsDir);
    for (const p of catalog.problems) this.logger.warn({ problem: p }, 'spec catalog problem');
    const items = new Map<string, ImportItem>();
    for (const s of catalog.specs) {
      const item = items.get(s.id) ?? { id: s.id, kind: s.kind, description: s.description, owner: s.owner, riskClass: s.riskClass, versions: [] };
      item.versions.push({
        version: s.version,
        content: {
          manifest: s.manifest,
          expression: s.expression,
          tests: s.tests.map(({ file: _file, ...tc }) => tc),
          ...(s.executable.inputSchema ? { inputSchema: s.executable.inputSchema } : {}),
          ...(s.executable.outputSchema ? { outputSchema: s.executable.outputSchema } : {}),
        },
      });
      items.set(s.id, item);
    }
    if (Object.keys(catalog.reference.tables).length > 0 || Object.keys(catalog.reference.uomProfiles).length > 0) {
      items.set(REFERENCE_SPEC_ID, this.dataItem(REFERENCE_SPEC_ID, 'reference', 'financial', 'Value-mapping tables and UOM profiles', catalog.reference));
    }
    if (catalog.routing.length > 0) {
      items.set(ROUTING_SPEC_ID, this.dataItem(ROUTING_SPEC_ID, 'routing', 'operational', 'Routing rules to destination systems', catalog.routing.map(({ file: _f, ...r }) => r)));
    }
    let imported = 0;
    await requestContext.run({ correlationId: `import-${randomUUID()}` }, async () => {
      for (const item of items.values()) {
        if (await this.repo.findSpec(item.id)) continue;
        await this.importItem(item);
        imported++;
      }
    });
    await this.loadPublishedReference();
    return imported;
  }

  /** The engine resolves $xref and UOM profiles against the published reference data version. */
  async loadPublishedReference(): Promise<void> {
    const [published] = await this.repo.findByStatus('PUBLISHED', REFERENCE_SPEC_ID);
    if (published) this.gateway.setReferenceData((JSON.parse(published.content) as VersionContent).data as ReferenceData);
  }

  private dataItem(id: string, kind: SpecKind, riskClass: RiskClass, description: string, data: unknown): ImportItem {
    const manifest = { id, version: '1.0.0', kind, description, owner: 'platform', riskClass };
    return { id, kind, description, owner: 'platform', riskClass, versions: [{ version: '1.0.0', content: { manifest, expression: '', tests: [], data } }] };
  }

  private async importItem(item: ImportItem): Promise<void> {
    await this.tx.write(async (manager) => {
      const spec = Object.assign(new SpecEntity(), {
        id: item.id, kind: item.kind, description: item.description, owner: item.owner, riskClass: item.riskClass,
        createdAt: new Date().toISOString(), correlationId: requestContext.correlationId(),
      });
      await this.repo.insertSpec(manager, spec);
      await this.audit.append(manager, { actor: SYSTEM_ACTOR, action: 'spec.imported', entityType: 'spec', entityId: item.id, details: { kind: item.kind, riskClass: item.riskClass } });
      const last = item.versions.length - 1;
      for (const [i, v] of item.versions.entries()) {
        const now = new Date().toISOString();
        const row = Object.assign(new SpecVersionEntity(), {
          id: randomUUID(), specId: item.id, version: v.version, status: i === last ? 'PUBLISHED' : 'RETIRED', content: canonicalJson(v.content),
          contentHash: this.gateway.contentHash(v.content), author: SYSTEM_ACTOR, basedOn: null, requiredApprovals: requiredApprovals(item.riskClass),
          emergency: false, evidenceHash: null, correlationId: requestContext.correlationId(), createdAt: now, updatedAt: now, publishedAt: i === last ? now : null,
        } satisfies SpecVersionEntity);
        await this.repo.insertVersion(manager, row);
        await this.audit.append(manager, { actor: SYSTEM_ACTOR, action: 'version.imported', entityType: 'spec_version', entityId: `${item.id}@${v.version}`, afterHash: row.contentHash, details: { status: row.status, source: 'mapping-specs' } });
      }
    });
  }
}
