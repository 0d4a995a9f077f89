import type { Guardrails, ResolvedGuardrails } from '../types';
import { MappingError } from '../errors/mapping-error';

export const DEFAULT_GUARDRAILS: Readonly<ResolvedGuardrails> = Object.freeze({
  timeoutMs: 1000,
  maxDepth: 200,
  maxSequence: 100_000,
  maxInputBytes: 5 * 1024 * 1024,
  maxInputDepth: 64,
  maxArrayLength: 100_000,
});

/** JSONata refuses ranges over ten million items itself (D2014); a larger cap would only mislead. */
export const JSONATA_RANGE_CEILING = 10_000_000;

const KEYS = Object.keys(DEFAULT_GUARDRAILS) as (keyof ResolvedGuardrails)[];

/** Fills defaults and refuses nonsense limits (a spec is data from a file, not trusted code). */
export function resolveGuardrails(limits?: Guardrails): ResolvedGuardrails {
  const resolved = { ...DEFAULT_GUARDRAILS };
  if (!limits) return resolved;
  for (const key of KEYS) {
    const value = limits[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw MappingError.of('MW_EVALUATION_FAILED', `Guardrail ${key} must be a positive number, got ${String(value)}`);
    }
    resolved[key] = value;
  }
  resolved.maxSequence = Math.min(resolved.maxSequence, JSONATA_RANGE_CEILING);
  return resolved;
}
