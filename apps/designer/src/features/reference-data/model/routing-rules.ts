import jsonata from 'jsonata';
import type { Problem } from './reference-data';
import { FlatRule, periodsOverlap, RuleColumn, RuleTableKind, validateCells } from './rule-table';

/** A routing rule as the `routing` spec (routing-rules, from mapping-specs/routing) holds it. */
export interface RoutingRule {
  id: string;
  description?: string;
  priority: number;
  when: string;
  objectTypes?: string[];
  validFrom?: string;
  validTo?: string;
  destination: { system: string; connectionId: string; tenantId?: string; legalEntity?: string };
}

export const ROUTING_RULE_COLUMNS: readonly RuleColumn[] = [
  { name: 'id', label: 'Rule id', type: 'text', required: true },
  { name: 'priority', label: 'Priority', type: 'number', required: true, hint: 'lower is tried first' },
  { name: 'when', label: 'When (JSONata)', type: 'text', required: true, hint: 'true routes the object here' },
  { name: 'objectTypes', label: 'Object types', type: 'text', hint: 'separated by ;, all when blank' },
  { name: 'validFrom', label: 'Valid from', type: 'date' },
  { name: 'validTo', label: 'Valid to (exclusive)', type: 'date' },
  { name: 'destination.system', label: 'System', type: 'text', required: true },
  { name: 'destination.connectionId', label: 'Connection', type: 'text', required: true },
  { name: 'destination.tenantId', label: 'Tenant', type: 'text' },
  { name: 'destination.legalEntity', label: 'Legal entity', type: 'text' },
  { name: 'description', label: 'Description', type: 'text' },
];

const ID = /^[a-z0-9][a-z0-9-]*$/;
const SIGNED_WHOLE = /^-?\d+$/;

export function routingRuleToFlat(r: RoutingRule): FlatRule {
  return {
    id: r.id, priority: String(r.priority), when: r.when, objectTypes: (r.objectTypes ?? []).join(';'),
    validFrom: r.validFrom ?? '', validTo: r.validTo ?? '',
    'destination.system': r.destination.system, 'destination.connectionId': r.destination.connectionId,
    'destination.tenantId': r.destination.tenantId ?? '', 'destination.legalEntity': r.destination.legalEntity ?? '',
    description: r.description ?? '',
  };
}

/** Only for rows that validate: blank optional cells are left out. */
export function routingRuleFromFlat(f: FlatRule): RoutingRule {
  const text = (name: string) => (f[name] ?? '').trim();
  const destination: RoutingRule['destination'] = { system: text('destination.system'), connectionId: text('destination.connectionId') };
  if (text('destination.tenantId')) destination.tenantId = text('destination.tenantId');
  if (text('destination.legalEntity')) destination.legalEntity = text('destination.legalEntity');
  const rule: RoutingRule = { id: text('id'), priority: Number(text('priority')), when: text('when'), destination };
  if (text('description')) rule.description = text('description');
  const types = text('objectTypes').split(';').map((t) => t.trim()).filter(Boolean);
  if (types.length) rule.objectTypes = types;
  if (text('validFrom')) rule.validFrom = text('validFrom');
  if (text('validTo')) rule.validTo = text('validTo');
  return rule;
}

function syntaxProblem(when: string): string | null {
  try {
    jsonata(when);
    return null;
  } catch (err) {
    const e = err as { code?: string; message?: string; position?: number };
    return `${e.code ?? 'S0000'} at ${e.position ?? 0}: ${e.message ?? 'does not parse'}`;
  }
}

/**
 * What the posting consumer relies on (resolveRoute): ids unique, predicates that parse, a destination,
 * and no two rules tried at the same priority for the same objects on the same day (the id would decide).
 */
export function validateRoutingRules(rows: FlatRule[]): Problem[] {
  const problems = validateCells(ROUTING_RULE_COLUMNS, rows);
  rows.forEach((r, row) => {
    if (r.id && !ID.test(r.id.trim())) problems.push({ row, field: 'id', message: 'Rule id must be lower-case letters, digits and dashes.' });
    if (r.priority && !SIGNED_WHOLE.test(r.priority.trim())) problems.push({ row, field: 'priority', message: 'Priority must be a whole number (lower is tried first).' });
    const syntax = r.when?.trim() ? syntaxProblem(r.when) : null;
    if (syntax) problems.push({ row, field: 'when', message: `When does not parse as JSONata: ${syntax}` });
  });
  rows.forEach((a, i) => {
    rows.forEach((b, j) => {
      if (j <= i || !a.id) return;
      if (a.id.trim() === b.id.trim()) problems.push({ row: j, field: 'id', message: `Rule id "${a.id}" is also row ${i + 1}; ids must be unique.` });
      else if (a.priority === b.priority && a.when.trim() === b.when.trim() && (a.objectTypes ?? '') === (b.objectTypes ?? '') && periodsOverlap(a, b)) {
        problems.push({ row: j, field: 'priority', message: `Same condition and priority as row ${i + 1} on overlapping dates; only one can ever route. Change a priority or the dates.` });
      }
    });
  });
  return problems;
}

export const ROUTING_RULES: RuleTableKind<RoutingRule> = {
  noun: 'routing rule',
  columns: ROUTING_RULE_COLUMNS,
  toFlat: routingRuleToFlat,
  fromFlat: (row) => routingRuleFromFlat(row),
  validate: validateRoutingRules,
};
