import { Inject, Injectable } from '@nestjs/common';
import { samplesFromTests } from '@mapwright/spec-catalog';
import { canonicalHash } from '../common/canonical-hash';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { goldenScenarioEvidence, type GoldenEvidence } from '../simulations/golden-totals';
import { MappingGateway, VersionContent } from '../mapping/mapping-gateway.service';
import { SpecVersionEntity } from './entities/spec-version.entity';
import { SpecEntity } from './entities/spec.entity';
import { breakingSchemaChanges, checkSemverBump } from './version-rules';

export interface EvidenceDocument {
  specId: string;
  version: string;
  contentHash: string;
  riskClass: string;
  requiredApprovals: number;
  comparedWith: { version: string; contentHash: string } | null;
  checks: { passed: boolean; problems: { pointer: string; message: string }[] };
  semver: { passed: boolean; breakingChanges: string[]; reason?: string };
  tests: unknown;
  diff: unknown;
  /** Invoice and GL totals of the golden scenarios with the published rules, and what the candidate changes. */
  goldenScenarios: GoldenEvidence;
}

const MAPPING_KINDS = ['inbound', 'outbound', 'canonical'];

/** Builds what approvers see: checks, test results, semver verdict and the output diff vs production. */
@Injectable()
export class EvidenceService {
  constructor(
    @Inject(MappingGateway) private readonly gateway: MappingGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(spec: SpecEntity, candidate: SpecVersionEntity, published: SpecVersionEntity | undefined): Promise<{ document: EvidenceDocument; hash: string }> {
    const content = JSON.parse(candidate.content) as VersionContent;
    const previous = published ? (JSON.parse(published.content) as VersionContent) : undefined;
    const isMapping = MAPPING_KINDS.includes(spec.kind);
    const problems = isMapping ? this.gateway.checkContent(content) : [];
    const breaking = isMapping ? breakingSchemaChanges(previous?.outputSchema as object | undefined, content.outputSchema as object | undefined) : [];
    const semver = checkSemverBump(published?.version, candidate.version, breaking);
    let tests: unknown = null;
    let diff: unknown = null;
    if (isMapping && problems.length === 0) {
      const loaded = this.gateway.toLoaded(spec, candidate.version, content);
      tests = await this.gateway.runTests(loaded);
      if (published && previous) {
        const before = this.gateway.toLoaded(spec, published.version, previous);
        diff = await this.gateway.diff(before, loaded, samplesFromTests(before, loaded));
      }
    }
    // Before with the published version's rules, after with the candidate's (only reference data holds rules scenarios read).
    const golden = goldenScenarioEvidence(this.config.specsDir, spec.kind, previous?.data, content.data);
    const document: EvidenceDocument = {
      specId: spec.id,
      version: candidate.version,
      contentHash: candidate.contentHash,
      riskClass: spec.riskClass,
      requiredApprovals: candidate.requiredApprovals,
      comparedWith: published ? { version: published.version, contentHash: published.contentHash } : null,
      checks: { passed: problems.length === 0, problems },
      semver: { passed: semver.ok, breakingChanges: breaking, ...(semver.reason ? { reason: semver.reason } : {}) },
      tests: stripTimings(tests),
      diff,
      goldenScenarios: golden,
    };
    return { document, hash: canonicalHash(document) };
  }
}

/** Durations differ run to run; dropping them keeps the evidence hash reproducible. */
function stripTimings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripTimings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'durationMs').map(([k, v]) => [k, stripTimings(v)]));
  }
  return value;
}
