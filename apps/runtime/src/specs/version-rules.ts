import { compareSemver, parseSemver } from '../common/semver';
import type { VersionStatus } from './entities/spec-version.entity';
import type { RiskClass } from './entities/spec.entity';

/** The lifecycle as data: which status may follow which. */
export const TRANSITIONS: Readonly<Record<VersionStatus, readonly VersionStatus[]>> = {
  DRAFT: ['IN_REVIEW'],
  IN_REVIEW: ['APPROVED', 'REJECTED', 'PUBLISHED'],
  APPROVED: ['PUBLISHED', 'REJECTED'],
  PUBLISHED: ['RETIRED'],
  REJECTED: [],
  RETIRED: [],
};

export function canTransition(from: VersionStatus, to: VersionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function requiredApprovals(risk: RiskClass): number {
  return risk === 'financial' ? 2 : 1;
}

type Schema = Record<string, any>;

function typesOf(schema: Schema | undefined): string[] {
  if (!schema || typeof schema !== 'object') return [];
  if (Array.isArray(schema.type)) return [...schema.type].sort();
  return typeof schema.type === 'string' ? [schema.type] : [];
}

/**
 * Output-schema changes that break consumers: a property removed, a property newly required,
 * or a property's type changed. Walks nested object properties and array items.
 */
export function breakingSchemaChanges(before: Schema | undefined, after: Schema | undefined, at = ''): string[] {
  if (!before || !after) return [];
  const changes: string[] = [];
  const tb = typesOf(before);
  const ta = typesOf(after);
  if (tb.length > 0 && ta.length > 0 && tb.join('|') !== ta.join('|')) {
    changes.push(`${at || '/'}: type changed from ${tb.join('|')} to ${ta.join('|')}`);
    return changes;
  }
  const pb = (before.properties ?? {}) as Record<string, Schema>;
  const pa = (after.properties ?? {}) as Record<string, Schema>;
  for (const key of Object.keys(pb)) {
    if (!(key in pa)) changes.push(`${at}/${key}: property removed`);
    else changes.push(...breakingSchemaChanges(pb[key], pa[key], `${at}/${key}`));
  }
  const rb = new Set<string>(before.required ?? []);
  for (const key of (after.required ?? []) as string[]) {
    if (!rb.has(key)) changes.push(`${at}/${key}: newly required`);
  }
  if (before.items && after.items) changes.push(...breakingSchemaChanges(before.items, after.items, `${at}/items`));
  return changes;
}

export interface SemverVerdict {
  ok: boolean;
  reason?: string;
}

/** A breaking output change needs a higher major than the published version. */
export function checkSemverBump(published: string | undefined, candidate: string, breaking: string[]): SemverVerdict {
  if (!published || breaking.length === 0) return { ok: true };
  const p = parseSemver(published);
  const c = parseSemver(candidate);
  if (!p || !c) return { ok: false, reason: 'versions must be semver' };
  if (c.major > p.major) return { ok: true };
  return { ok: false, reason: `breaking output change needs major version > ${p.major} (published ${published}); changes: ${breaking.join('; ')}` };
}

/** New versions must sort above every existing version so history reads in order. */
export function isGreaterThanAll(candidate: string, existing: string[]): boolean {
  const c = parseSemver(candidate);
  if (!c) return false;
  return existing.every((v) => {
    const e = parseSemver(v);
    return !e || compareSemver(c, e) > 0;
  });
}
