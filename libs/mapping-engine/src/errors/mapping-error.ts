import type { GuardrailKind, MappingErrorData, SchemaViolation } from '../types';

/** Codes the engine itself raises; JSONata's own codes (S0xxx, T0xxx, D0xxx, U1001) pass through unchanged. */
export const ENGINE_ERROR_CODES = [
  'MW_INPUT_TOO_LARGE',
  'MW_INPUT_TOO_DEEP',
  'MW_ARRAY_TOO_LONG',
  'MW_PROTOTYPE_KEY',
  'MW_DUPLICATE_KEY',
  'MW_UNSAFE_INTEGER',
  'MW_INVALID_JSON',
  'MW_INPUT_SCHEMA',
  'MW_OUTPUT_SCHEMA',
  'MW_TIMEOUT',
  'MW_DEPTH',
  'MW_SEQUENCE_LIMIT',
  'MW_XREF_MISS',
  'MW_UOM_UNKNOWN',
  'MW_DECIMAL_INVALID',
  'MW_WORKER_CRASHED',
  'MW_EVALUATION_FAILED',
] as const;

export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

/** JSONata's suite reports both the time and the stack guardrail as U1001; the engine keeps that code. */
export const JSONATA_GUARDRAIL_CODE = 'U1001';

export class MappingError extends Error {
  readonly data: MappingErrorData;
  readonly code: string;

  constructor(data: MappingErrorData) {
    super(data.message);
    this.name = 'MappingError';
    this.data = data;
    this.code = data.code;
  }

  static of(code: EngineErrorCode, message: string, extra: Partial<MappingErrorData> = {}): MappingError {
    return new MappingError({ ...extra, code, message });
  }

  static schema(code: 'MW_INPUT_SCHEMA' | 'MW_OUTPUT_SCHEMA', violations: SchemaViolation[]): MappingError {
    const first = violations[0];
    const where = first ? ` at "${first.pointer}": ${first.message}` : '';
    const what = code === 'MW_INPUT_SCHEMA' ? 'Input' : 'Output';
    return new MappingError({ code, message: `${what} does not match the spec's schema${where}`, violations });
  }
}

interface SpecRef {
  id?: string;
  version?: string;
}

const GUARDRAIL_TRANSLATION: Record<string, { code: string; guardrail: GuardrailKind; message: (v: unknown) => string }> = {
  D1011: {
    code: JSONATA_GUARDRAIL_CODE,
    guardrail: 'depth',
    message: (v) => `Stack depth over ${String(v)}: check for a non-terminating recursive function or rewrite it as tail-recursive`,
  },
  D1012: {
    code: JSONATA_GUARDRAIL_CODE,
    guardrail: 'timeout',
    message: (v) => `Evaluation ran over its ${String(v)} ms budget: check for an infinite loop`,
  },
  D2015: {
    code: 'MW_SEQUENCE_LIMIT',
    guardrail: 'sequence',
    message: (v) => `A range or sequence reached ${String(v)} items, over the spec's maxSequence guardrail`,
  },
};

function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}

/** Turns whatever an evaluation threw into coded error data; never returns a bare string. */
export function toMappingErrorData(err: unknown, spec?: SpecRef): MappingErrorData {
  const ref: Partial<MappingErrorData> = {};
  if (spec?.id !== undefined) ref.specId = spec.id;
  if (spec?.version !== undefined) ref.version = spec.version;

  if (err instanceof MappingError) {
    const located = err as MappingError & { position?: number; token?: string };
    const data: MappingErrorData = { ...err.data, ...ref };
    if (data.position === undefined && typeof located.position === 'number') data.position = located.position;
    if (data.token === undefined && typeof located.token === 'string') data.token = located.token;
    return data;
  }
  if (isStackOverflow(err)) {
    return { ...ref, code: 'MW_DEPTH', guardrail: 'depth', message: 'The JavaScript stack overflowed while evaluating the mapping' };
  }
  if (err !== null && typeof err === 'object' && typeof (err as { code?: unknown }).code === 'string') {
    // $eval wraps whatever stopped it as D3121; a tripped guardrail inside must still read as one.
    const inner = (err as { code: string; error?: { code?: unknown } }).error;
    if ((err as { code: string }).code === 'D3121' && inner && typeof inner.code === 'string' && GUARDRAIL_TRANSLATION[inner.code]) {
      return toMappingErrorData(inner, spec);
    }
    const e = err as { code: string; message?: unknown; position?: unknown; token?: unknown; value?: unknown };
    const translated = GUARDRAIL_TRANSLATION[e.code];
    const data: MappingErrorData = translated
      ? { ...ref, code: translated.code, guardrail: translated.guardrail, message: translated.message(e.value) }
      : { ...ref, code: e.code, message: typeof e.message === 'string' && e.message !== '' ? e.message : e.code };
    if (typeof e.position === 'number') data.position = e.position;
    if (typeof e.token === 'string') data.token = e.token;
    return data;
  }
  const message = err instanceof Error ? err.message : 'Evaluation failed with a non-error value';
  return { ...ref, code: 'MW_EVALUATION_FAILED', message };
}

export function toMappingError(err: unknown, spec?: SpecRef): MappingError {
  return err instanceof MappingError && spec === undefined ? err : new MappingError(toMappingErrorData(err, spec));
}
