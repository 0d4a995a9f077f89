import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import jsonata from 'jsonata';
import { jsonataSyntaxError } from './jsonata-syntax';
import { validateMeta } from './meta-schemas';
import { SpecCatalogError } from './spec-catalog.error';
import type { LintProblem, RouteDestination, RoutingRule } from './types';
import { locate, readYamlFile } from './yaml-source';

export interface RoutingLoadResult {
  rules: RoutingRule[];
  problems: LintProblem[];
}

export function loadRoutingRules(routingDir: string): RoutingLoadResult {
  const rules: RoutingRule[] = [];
  const problems: LintProblem[] = [];
  const files = existsSync(routingDir) ? readdirSync(routingDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  const seen = new Set<string>();
  for (const name of files) {
    const file = join(routingDir, name);
    const read = readYamlFile(file);
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    const violations = validateMeta('routing-rule', read.source.value);
    for (const v of violations) problems.push({ file, ...locate(read.source, v.pointer), code: 'MW_SPEC_ROUTING_SCHEMA', pointer: v.pointer, message: `${v.pointer || '/'} ${v.message}` });
    if (violations.length > 0) continue;
    const value = read.source.value as { rules: Omit<RoutingRule, 'file'>[] };
    value.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        problems.push({ file, ...locate(read.source, `/rules/${index}/id`), code: 'MW_SPEC_DUPLICATE', message: `routing rule "${rule.id}" is defined twice` });
        return;
      }
      const syntax = jsonataSyntaxError(rule.when);
      if (syntax) {
        problems.push({ file, ...locate(read.source, `/rules/${index}/when`), code: syntax.code, message: `rule ${rule.id}: ${syntax.message}` });
        return;
      }
      seen.add(rule.id);
      rules.push({ ...rule, file });
    });
  }
  rules.sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
  return { rules, problems };
}

const compiled = new Map<string, jsonata.Expression>();

/**
 * Picks the destination for a canonical object: rules effective on `asOf` (ISO date, validTo exclusive),
 * tried in priority order; the first whose predicate is `true` wins. Undefined when none matches.
 */
export async function resolveRoute(
  routing: RoutingRule[],
  canonicalObject: unknown,
  asOf: string,
  objectType?: string,
): Promise<RouteDestination | undefined> {
  const day = asOf.slice(0, 10);
  const ordered = [...routing].sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
  for (const rule of ordered) {
    if (rule.validFrom && day < rule.validFrom) continue;
    if (rule.validTo && day >= rule.validTo) continue;
    if (objectType && rule.objectTypes && !rule.objectTypes.includes(objectType)) continue;
    let expr = compiled.get(rule.when);
    if (!expr) {
      expr = jsonata(rule.when);
      compiled.set(rule.when, expr);
    }
    let matched: unknown;
    try {
      matched = await expr.evaluate(canonicalObject);
    } catch (err) {
      const e = err as { code?: string; message?: string };
      throw new SpecCatalogError('MW_ROUTE_PREDICATE', `routing rule ${rule.id} failed: ${e.code ?? ''} ${e.message ?? String(err)}`.trim(), { ruleId: rule.id, cause: e.code });
    }
    if (matched === true) return rule.destination;
  }
  return undefined;
}
