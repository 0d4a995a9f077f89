import type { MappingErrorData } from '@mapwright/mapping-engine';

/** RFC 9457 problem details, as the runtime API returns them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors: { pointer: string; message: string; keyword?: string }[];
  specId?: string;
  version?: string;
  position?: number;
}

// Problems the caller can fix in the input itself (400) versus records the mapping rejects (422).
const INPUT_CODES = new Set([
  'MW_INVALID_JSON',
  'MW_INPUT_TOO_LARGE',
  'MW_INPUT_TOO_DEEP',
  'MW_ARRAY_TOO_LONG',
  'MW_PROTOTYPE_KEY',
  'MW_DUPLICATE_KEY',
  'MW_UNSAFE_INTEGER',
  'MW_INPUT_SCHEMA',
  'MW_INPUT_UNREADABLE',
]);
const NOT_FOUND_CODES = new Set(['MW_SPEC_NOT_FOUND', 'MW_SPEC_CATALOG_MISSING']);

const TITLES: Record<string, string> = {
  MW_INPUT_SCHEMA: 'Input does not match the spec input schema',
  MW_OUTPUT_SCHEMA: 'Mapping output does not match the spec output schema',
  MW_INVALID_JSON: 'Input is not valid JSON',
  MW_XREF_MISS: 'Value-map lookup found no value',
  MW_SPEC_NOT_FOUND: 'Mapping spec not found',
  MW_TIMEOUT: 'Mapping exceeded its time budget',
};

export function problemStatus(code: string): number {
  if (INPUT_CODES.has(code)) return 400;
  if (NOT_FOUND_CODES.has(code)) return 404;
  if (code === 'MW_WORKER_CRASHED' || code === 'MW_INTERNAL') return 500;
  return 422;
}

export function toProblem(error: Pick<MappingErrorData, 'code' | 'message'> & Partial<MappingErrorData>): ProblemDetails {
  const code = error.code;
  return {
    type: `https://mapwright.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[code] ?? (INPUT_CODES.has(code) ? 'Input rejected' : /^[STDU]\d{4}$/.test(code) ? 'Mapping expression failed' : 'Mapping failed'),
    status: problemStatus(code),
    detail: error.message,
    code,
    errors: (error.violations ?? []).map((v) => ({ pointer: v.pointer, message: v.message, keyword: v.keyword })),
    ...(error.specId ? { specId: error.specId } : {}),
    ...(error.version ? { version: error.version } : {}),
    ...(error.position !== undefined ? { position: error.position } : {}),
  };
}
