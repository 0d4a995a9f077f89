/** Public types of the mapping engine; docs/mapping-engine.md is the contract they follow. */

export type SpecKind = 'inbound' | 'outbound' | 'canonical';
export type RiskClass = 'financial' | 'operational' | 'standard';
export type EngineKind = 'compiled' | 'interpreter';

export interface Guardrails {
  /** Evaluation budget per record, in milliseconds. */
  timeoutMs?: number;
  /** JSONata recursion depth ("stack"). */
  maxDepth?: number;
  /** Longest sequence or range an expression may build. */
  maxSequence?: number;
  maxInputBytes?: number;
  maxInputDepth?: number;
  maxArrayLength?: number;
}

export type ResolvedGuardrails = Required<Guardrails>;

/** What the engine needs to run one spec version (loaded from mapping-specs/ or the registry). */
export interface ExecutableSpec {
  id: string;
  version: string;
  expression: string;
  inputSchema?: object;
  outputSchema?: object;
  guardrails?: Guardrails;
  engine?: 'auto' | 'compiled' | 'interpreter';
}

export interface ValueMapRow {
  key: string;
  value: unknown;
  /** ISO date, inclusive. */
  validFrom?: string;
  /** ISO date, exclusive. */
  validTo?: string;
}

export interface ValueMapTable {
  id: string;
  version?: string;
  default?: unknown;
  rows: ValueMapRow[];
}

/** Decimal strings, so a 7.5-hour working day stays exact. */
export interface UomProfile {
  id: string;
  hoursPerDay: string;
  daysPerWeek: string;
  daysPerMonth?: string;
}

export interface ReferenceData {
  tables: Record<string, ValueMapTable>;
  uomProfiles: Record<string, UomProfile>;
  defaultUomProfile: string;
}

export interface RunOptions {
  bindings?: Record<string, unknown>;
  /** ISO instant pinned for $now()/$millis(); default: time of the call. */
  now?: string;
  /** ISO date for effective-dated lookups; default: date part of `now`. */
  asOf?: string;
  validateInput?: boolean;
  validateOutput?: boolean;
}

export interface ResultMeta {
  specId: string;
  version: string;
  contentHash: string;
  durationMs: number;
  engine: EngineKind;
}

export interface SchemaViolation {
  pointer: string;
  message: string;
  keyword: string;
}

/** Which evaluation guardrail stopped a run (set with code U1001, MW_TIMEOUT, MW_DEPTH, MW_SEQUENCE_LIMIT). */
export type GuardrailKind = 'timeout' | 'depth' | 'sequence';

export interface MappingErrorData {
  code: string;
  message: string;
  position?: number;
  token?: string;
  specId?: string;
  version?: string;
  violations?: SchemaViolation[];
  guardrail?: GuardrailKind;
}

export type MappingResult =
  | ({ ok: true; output: unknown } & ResultMeta)
  | ({ ok: false; error: MappingErrorData } & ResultMeta);
