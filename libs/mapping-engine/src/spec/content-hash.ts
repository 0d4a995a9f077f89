import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { ExecutableSpec } from '../types';

export type HashedSpecFields = Pick<ExecutableSpec, 'id' | 'version' | 'expression' | 'inputSchema' | 'outputSchema' | 'guardrails'>;

/** sha256 (hex) of the RFC 8785 canonical JSON of the fields that change what a spec does. */
export function contentHash(spec: HashedSpecFields): string {
  const material: Record<string, unknown> = {
    id: spec.id,
    version: spec.version,
    expression: spec.expression,
  };
  if (spec.inputSchema !== undefined) material.inputSchema = spec.inputSchema;
  if (spec.outputSchema !== undefined) material.outputSchema = spec.outputSchema;
  if (spec.guardrails !== undefined) material.guardrails = spec.guardrails;
  const canonical = canonicalJson(material, { allowLoneSurrogates: true });
  if (canonical === undefined) throw new TypeError('Spec cannot be canonicalised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
