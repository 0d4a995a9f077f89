import type { ExecutableSpec, Guardrails, MappingErrorData, ReferenceData } from '@mapwright/mapping-engine';

export type SpecKindName = 'inbound' | 'outbound' | 'canonical';
export type RiskClassName = 'financial' | 'operational' | 'standard';
export type EngineChoice = 'auto' | 'compiled' | 'interpreter';

/** One finding about the metadata; `line`/`column` are 1-based when the file position is known. */
export interface LintProblem {
  file: string;
  line?: number;
  column?: number;
  code: string;
  message: string;
  pointer?: string;
}

export interface SpecProperty {
  name: string;
  description?: string;
  /** JSONata predicate over `{ input, output, bindings }`; must evaluate to `true`. */
  expression: string;
}

export interface GeneratedInputsConfig {
  runs: number;
  seed?: number;
  allowedErrorCodes?: string[];
  bindings?: Record<string, unknown>;
  now?: string;
}

export interface SpecTestCase {
  name: string;
  description?: string;
  file: string;
  input: unknown;
  bindings?: Record<string, unknown>;
  now?: string;
  asOf?: string;
  expect: { output?: unknown; errorCode?: string; messageContains?: string };
  properties?: SpecProperty[];
}

/** The manifest after migrations, in the current schemaVersion. */
export interface SpecManifest {
  schemaVersion: number;
  id: string;
  version: string;
  kind: SpecKindName;
  description: string;
  owner: string;
  riskClass: RiskClassName;
  input: { schema: string };
  output: { schema: string };
  referenceTables?: string[];
  uomProfiles?: string[];
  guardrails?: Guardrails;
  engine?: EngineChoice;
  expression?: string;
  properties?: SpecProperty[];
  generatedInputs?: GeneratedInputsConfig;
  changelog?: string;
}

export interface LoadedSpecVersion {
  id: string;
  version: string;
  kind: SpecKindName;
  description: string;
  owner: string;
  riskClass: RiskClassName;
  schemaVersion: number;
  inputSchemaRef: string;
  outputSchemaRef: string;
  referenceTables: string[];
  guardrails: Guardrails;
  engine: EngineChoice;
  dir: string;
  /** spec.yaml exactly as parsed, before migrations. */
  manifest: Record<string, unknown>;
  expression: string;
  tests: SpecTestCase[];
  properties: SpecProperty[];
  generatedInputs?: GeneratedInputsConfig;
  executable: ExecutableSpec;
}

export interface RouteDestination {
  system: string;
  connectionId: string;
  tenantId?: string;
  legalEntity?: string;
}

export interface RoutingRule {
  id: string;
  description?: string;
  priority: number;
  when: string;
  objectTypes?: string[];
  validFrom?: string;
  validTo?: string;
  destination: RouteDestination;
  file: string;
}

export interface SpecCatalog {
  specs: LoadedSpecVersion[];
  reference: ReferenceData;
  routing: RoutingRule[];
  scenariosDir: string;
  problems: LintProblem[];
}

export interface LoadCatalogOptions {
  /** Folder holding harvest/ and xero/ OpenAPI files; default `<repo>/../shared/contracts`. */
  contractsDir?: string;
}

/** One difference between two JSON values at a JSON pointer. */
export interface JsonChange {
  pointer: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface CaseDiffEntry {
  pointer: string;
  expected?: unknown;
  actual?: unknown;
  kind: 'missing' | 'unexpected' | 'mismatch';
}

export interface PropertyOutcome {
  name: string;
  passed: boolean;
  message?: string;
}

export interface SpecCaseResult {
  name: string;
  file: string;
  passed: boolean;
  durationMs: number;
  diff: CaseDiffEntry[];
  error?: MappingErrorData;
  /** Why the case failed when the cause is not an output diff (wrong or missing error code). */
  message?: string;
  properties: PropertyOutcome[];
}

export interface GeneratedInputsOutcome {
  runs: number;
  seed: number;
  passed: boolean;
  counterexample?: unknown;
  message?: string;
}

export interface SpecTestReport {
  specId: string;
  version: string;
  passed: boolean;
  total: number;
  failed: number;
  cases: SpecCaseResult[];
  generated?: GeneratedInputsOutcome;
}

export interface RunSpecTestsOptions {
  /** Called after each case, e.g. to move a progress bar. */
  onCase?: (result: SpecCaseResult) => void;
  /** Generated-input property tests run when the spec names them; false skips them. */
  generated?: boolean;
  /** Overrides the spec's configured run count (and seed) for generated inputs. */
  generatedRuns?: number;
  generatedSeed?: number;
  /** Only cases whose name contains this text. */
  filter?: string;
  /**
   * `spec` (default) runs on the engine spec.yaml chooses; `both` runs every case and
   * generated input on the compiled path and on the interpreter, failing on any difference.
   */
  engines?: 'spec' | 'both';
}

export interface SpecDiffSample {
  name: string;
  input: unknown;
  bindings?: Record<string, unknown>;
  now?: string;
}

export interface SampleDiff {
  name: string;
  status: 'unchanged' | 'changed' | 'error-changed' | 'both-failed';
  changes: JsonChange[];
  errorBefore?: MappingErrorData;
  errorAfter?: MappingErrorData;
}

export interface SpecDiffReport {
  before: { id: string; version: string };
  after: { id: string; version: string };
  samples: SampleDiff[];
  summary: {
    samples: number;
    unchanged: number;
    changed: number;
    errorChanged: number;
    bothFailed: number;
    /** JSON pointers with array indices generalised to `*`, and how many samples they changed in. */
    fields: Record<string, { added: number; removed: number; changed: number }>;
  };
}
