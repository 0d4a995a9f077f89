import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { maskSensitive } from '@mapwright/canonical-model';
import { MappingEngine, MappingResult, MappingWorkerPool, ReferenceData, checkValueHygiene } from '@mapwright/mapping-engine';
import {
  LoadedSpecVersion, SpecDiffReport, SpecDiffSample, SpecTestCase, SpecTestReport,
  defaultContractsDir, diffSpecOutputs, migrateManifest, resolveSchemaRef, runSpecTests, validateMeta,
} from '@mapwright/spec-catalog';
import { canonicalHash } from '../common/canonical-hash';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { RiskClass, SpecKind } from '../specs/entities/spec.entity';

/** What a version stores: everything needed to run and test it, schemas resolved at authoring time. */
export interface VersionContent {
  manifest: Record<string, unknown>;
  expression: string;
  tests: Omit<SpecTestCase, 'file'>[];
  inputSchema?: object;
  outputSchema?: object;
  /** Reference tables or routing rules for `reference` / `routing` kinds. */
  data?: unknown;
}

export interface ContentProblem {
  pointer: string;
  message: string;
}

export interface SpecHeader {
  id: string;
  kind: SpecKind;
  riskClass: RiskClass;
}

/** The runtime's one doorway to the engine, the catalog tooling and the canonical masking rules. */
@Injectable()
export class MappingGateway implements OnApplicationShutdown {
  /** In-process engine: spec tests and diffs (the catalog tooling drives it directly). */
  readonly engine = new MappingEngine();
  /** Worker threads for runs on request data, so a runaway expression cannot stall the API. */
  private pool?: MappingWorkerPool;
  private reference?: ReferenceData;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  setReferenceData(reference: ReferenceData): void {
    this.reference = reference;
    this.engine.setReferenceData(reference);
    this.pool?.setReferenceData(reference);
  }

  private executor(): MappingEngine | MappingWorkerPool {
    if (this.config.mappingWorkers === 0) return this.engine;
    // Started on first use: most processes that build the app (tests, imports) never run a request.
    this.pool ??= new MappingWorkerPool({ size: this.config.mappingWorkers, ...(this.reference ? { reference: this.reference } : {}) });
    return this.pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.close();
  }

  hygiene(value: unknown): void {
    checkValueHygiene(value, { maxInputDepth: this.config.maxJsonDepth });
  }

  /** Validates a mapping manifest and test cases, and resolves the schemas it names. */
  checkContent(content: VersionContent): ContentProblem[] {
    const problems: ContentProblem[] = [];
    let manifest: Record<string, unknown>;
    try {
      manifest = migrateManifest(content.manifest);
    } catch (err) {
      return [{ pointer: '/manifest/schemaVersion', message: (err as Error).message }];
    }
    for (const v of validateMeta('spec-manifest', manifest)) problems.push({ pointer: `/manifest${v.pointer}`, message: v.message });
    content.tests.forEach((tc, i) => {
      for (const v of validateMeta('spec-test-case', tc)) problems.push({ pointer: `/tests/${i}${v.pointer}`, message: v.message });
    });
    try {
      this.engine.prepare({ id: String(manifest.id), version: String(manifest.version), expression: content.expression });
    } catch (err) {
      problems.push({ pointer: '/expression', message: (err as Error).message });
    }
    return problems;
  }

  /** Resolves input/output schema refs so the stored version does not depend on files that may change. */
  resolveSchemas(manifest: Record<string, unknown>): { inputSchema?: object; outputSchema?: object; problems: ContentProblem[] } {
    const problems: ContentProblem[] = [];
    const out: { inputSchema?: object; outputSchema?: object } = {};
    const contracts = defaultContractsDir(this.config.specsDir);
    for (const side of ['input', 'output'] as const) {
      const ref = (manifest[side] as { schema?: unknown } | undefined)?.schema;
      if (typeof ref !== 'string') continue;
      try {
        out[`${side}Schema`] = resolveSchemaRef(ref, contracts);
      } catch (err) {
        problems.push({ pointer: `/manifest/${side}/schema`, message: (err as Error).message });
      }
    }
    return { ...out, problems };
  }

  toLoaded(header: SpecHeader, version: string, content: VersionContent): LoadedSpecVersion {
    const m = content.manifest as Record<string, any>;
    const guardrails = m.guardrails ?? {};
    const engine = m.engine ?? 'auto';
    return {
      id: header.id,
      version,
      kind: header.kind as LoadedSpecVersion['kind'],
      description: String(m.description ?? ''),
      owner: String(m.owner ?? ''),
      riskClass: header.riskClass,
      schemaVersion: Number(m.schemaVersion ?? 2),
      inputSchemaRef: String(m.input?.schema ?? ''),
      outputSchemaRef: String(m.output?.schema ?? ''),
      referenceTables: m.referenceTables ?? [],
      guardrails,
      engine,
      dir: `registry:${header.id}@${version}`,
      manifest: m,
      expression: content.expression,
      tests: content.tests.map((t) => ({ ...t, file: `registry:${header.id}@${version}` })),
      properties: m.properties ?? [],
      executable: {
        id: header.id,
        version,
        expression: content.expression,
        ...(content.inputSchema ? { inputSchema: content.inputSchema } : {}),
        ...(content.outputSchema ? { outputSchema: content.outputSchema } : {}),
        guardrails,
        engine,
      },
    };
  }

  runTests(spec: LoadedSpecVersion): Promise<SpecTestReport> {
    return runSpecTests(spec, this.engine, { generated: false });
  }

  diff(before: LoadedSpecVersion, after: LoadedSpecVersion, samples: SpecDiffSample[]): Promise<SpecDiffReport> {
    return diffSpecOutputs(this.engine, before, after, samples);
  }

  /** `validate: false` for replays of masked inputs, which cannot satisfy the schemas by design. */
  run(spec: LoadedSpecVersion, input: unknown, now?: string, validate = true): Promise<MappingResult> {
    return this.executor().run(spec.executable, input, { ...(now ? { now } : {}), ...(validate ? {} : { validateInput: false, validateOutput: false }) });
  }

  /** Masks fields the canonical model tags sensitive; external (contract) formats are left as they are. */
  mask(schemaRef: string, value: unknown): unknown {
    if (!schemaRef.startsWith('https://')) return value;
    try {
      return maskSensitive(schemaRef, value);
    } catch {
      return value;
    }
  }

  contentHash(content: VersionContent): string {
    return canonicalHash(content);
  }
}
