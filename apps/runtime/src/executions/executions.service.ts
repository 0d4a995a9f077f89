import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { MappingResult } from '@mapwright/mapping-engine';
import { Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { canonicalJson } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TransactionService } from '../database/transaction.service';
import { MetricsService } from '../health/metrics.service';
import { MappingGateway, VersionContent } from '../mapping/mapping-gateway.service';
import { SpecVersionEntity } from '../specs/entities/spec-version.entity';
import { SpecEntity } from '../specs/entities/spec.entity';
import { SpecsRepository } from '../specs/specs.repository';
import { SpecsService } from '../specs/specs.service';
import { diffJson } from '@mapwright/spec-catalog';
import { ExecutionEntity, ExecutionMode } from './entities/execution.entity';
import { RecordedInputEntity } from './entities/recorded-input.entity';
import { ExecutionsRepository } from './executions.repository';

const DAY_MS = 24 * 3600 * 1000;

interface ShadowSample {
  recordedInputId: string;
  recordedAt: string;
  productionVersion: string;
  status: 'unchanged' | 'changed' | 'error-changed' | 'both-failed';
  changes: ReturnType<typeof diffJson>;
  productionError: string | null;
  candidateError: string | null;
}

@Injectable()
export class ExecutionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ExecutionsRepository) private readonly repo: ExecutionsRepository,
    @Inject(SpecsRepository) private readonly specsRepo: SpecsRepository,
    @Inject(SpecsService) private readonly specs: SpecsService,
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(MappingGateway) private readonly gateway: MappingGateway,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  /** Runs the version published at the start of the call, records the (masked) input for shadow runs. */
  async transform(principal: Principal, id: string, input: unknown) {
    const spec = await this.specs.requireSpec(id);
    const [published] = await this.specsRepo.findByStatus('PUBLISHED', id);
    if (!published) throw new AppError('NO_PUBLISHED_VERSION', `Spec "${id}" has no published version yet.`);
    const { execution, result, content } = await this.execute(principal, spec, published, input, 'transform');
    const loadedRefs = this.refs(content);
    await this.tx.write(async (manager) => {
      await this.repo.insertExecution(manager, execution);
      const now = Date.now();
      await this.repo.insertRecordedInput(manager, Object.assign(new RecordedInputEntity(), {
        id: randomUUID(), executionId: execution.id, specId: id, version: published.version,
        input: canonicalJson(this.gateway.mask(loadedRefs.input, input) ?? null),
        output: result.ok ? canonicalJson(this.gateway.mask(loadedRefs.output, result.output) ?? null) : null,
        errorCode: result.ok ? null : result.error.code, correlationId: execution.correlationId,
        createdAt: new Date(now).toISOString(), expiresAt: new Date(now + this.config.shadowRetentionDays * DAY_MS).toISOString(),
      }));
    });
    return this.respond(principal, execution, result, loadedRefs.output);
  }

  /** Dry run of any version; recorded as an execution but never as a shadow-run input. */
  async preview(principal: Principal, id: string, version: string | undefined, input: unknown, now?: string) {
    const spec = await this.specs.requireSpec(id);
    let row: SpecVersionEntity | undefined;
    if (version) row = await this.specs.requireVersion(id, version);
    else [row] = await this.specsRepo.findByStatus('PUBLISHED', id);
    if (!row) throw new AppError('NO_PUBLISHED_VERSION', `Spec "${id}" has no published version; name a version to preview.`);
    const { execution, result, content } = await this.execute(principal, spec, row, input, 'preview', now);
    await this.tx.write((manager) => this.repo.insertExecution(manager, execution));
    return this.respond(principal, execution, result, this.refs(content).output);
  }

  /** Replays recent production inputs through a candidate in review and reports what would change. */
  async shadowRun(principal: Principal, id: string, version: string, limit?: number) {
    const spec = await this.specs.requireSpec(id);
    const candidate = await this.specs.requireVersion(id, version);
    if (candidate.status !== 'IN_REVIEW') {
      throw new AppError('INVALID_TRANSITION', `${id}@${version} is ${candidate.status}; shadow runs are for versions in review.`);
    }
    const content = JSON.parse(candidate.content) as VersionContent;
    const loaded = this.gateway.toLoaded(spec, version, content);
    const outRef = this.refs(content).output;
    const recorded = await this.repo.recentInputs(id, limit ?? this.config.shadowSampleSize, new Date().toISOString());
    const samples: ShadowSample[] = [];
    for (const rec of recorded) {
      const result = await this.gateway.run(loaded, JSON.parse(rec.input), undefined, false);
      this.metrics.countExecution(id, 'shadow', result.ok, result.durationMs / 1000);
      const produced = rec.output === null ? undefined : JSON.parse(rec.output);
      const candidateOutput = result.ok ? this.gateway.mask(outRef, result.output) : undefined;
      const status: ShadowSample['status'] = result.ok && produced !== undefined ? (diffJson(produced, candidateOutput).length === 0 ? 'unchanged' : 'changed') : result.ok === (produced !== undefined) ? 'both-failed' : 'error-changed';
      samples.push({
        recordedInputId: rec.id, recordedAt: rec.createdAt, productionVersion: rec.version, status,
        changes: status === 'changed' ? diffJson(produced, candidateOutput) : [],
        productionError: rec.errorCode, candidateError: result.ok ? null : result.error.code,
      });
    }
    const count = (s: string) => samples.filter((x) => x.status === s).length;
    return {
      specId: id, version, contentHash: candidate.contentHash,
      summary: { samples: samples.length, unchanged: count('unchanged'), changed: count('changed'), errorChanged: count('error-changed'), bothFailed: count('both-failed') },
      samples,
    };
  }

  private refs(content: VersionContent): { input: string; output: string } {
    const m = content.manifest as { input?: { schema?: string }; output?: { schema?: string } };
    return { input: m.input?.schema ?? '', output: m.output?.schema ?? '' };
  }

  private async execute(principal: Principal, spec: SpecEntity, row: SpecVersionEntity, input: unknown, mode: ExecutionMode, now?: string) {
    if (!['inbound', 'outbound', 'canonical'].includes(spec.kind)) {
      throw new AppError('VALIDATION_FAILED', `Spec "${spec.id}" is ${spec.kind} data, not a mapping; it cannot be run.`);
    }
    // Pin: the version row read at the start is the one that runs, whatever is published meanwhile.
    const content = JSON.parse(row.content) as VersionContent;
    const result: MappingResult = await this.gateway.run(this.gateway.toLoaded(spec, row.version, content), input, now);
    this.metrics.countExecution(spec.id, mode, result.ok, result.durationMs / 1000);
    const execution = Object.assign(new ExecutionEntity(), {
      id: randomUUID(), specId: spec.id, version: row.version, contentHash: row.contentHash, mode, ok: result.ok,
      errorCode: result.ok ? null : result.error.code, durationMs: Math.round(result.durationMs), actor: principal.name,
      correlationId: requestContext.correlationId(), createdAt: new Date().toISOString(),
    });
    return { execution, result, content };
  }

  private respond(principal: Principal, execution: ExecutionEntity, result: MappingResult, outputRef: string) {
    const pinned = { executionId: execution.id, specId: execution.specId, version: execution.version, contentHash: execution.contentHash, correlationId: execution.correlationId };
    if (!result.ok) {
      throw new AppError('MAPPING_FAILED', `Mapping ${execution.specId}@${execution.version} failed: ${result.error.code} ${result.error.message}`,
        (result.error.violations ?? []).map((v) => ({ pointer: v.pointer, message: v.message })), { ...pinned, mappingError: { code: result.error.code, position: result.error.position } });
    }
    const output = principal.viewSensitive ? result.output : this.gateway.mask(outputRef, result.output);
    return { ...pinned, durationMs: execution.durationMs, output };
  }
}
