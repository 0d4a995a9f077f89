import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { validateCanonical } from '@mapwright/canonical-model';
import schema from '../../schemas/scenario.schema.json';
import type { Scenario, ScenarioIssue } from '../model/scenario.types';
import { canonicalContract, canonicalTaxRule } from './scenario.defaults';

export const SCENARIO_SCHEMA = schema;

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, discriminator: true });
const validateShape = ajv.compile(schema);
const EVENT_TYPES = schema.$defs.Event.oneOf.map((branch) => branch.properties.type.const);

/** Raised by `simulate` for a scenario that cannot run; `issues` point at the bad parts. */
export class ScenarioValidationError extends Error {
  readonly code = 'SCENARIO_INVALID';
  constructor(readonly issues: ScenarioIssue[]) {
    super(`The scenario is invalid: ${issues.slice(0, 3).map((i) => `${i.pointer || '/'} ${i.message}`).join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`);
    this.name = 'ScenarioValidationError';
  }
}

function schemaIssue(e: ErrorObject): ScenarioIssue {
  // Point at the offending property itself, as the canonical validator does.
  const prop = e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty
    : e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty
      : e.keyword === 'discriminator' ? (e.params as { tag: string }).tag : null;
  const pointer = prop === null ? e.instancePath : `${e.instancePath}/${prop}`;
  const message = e.keyword === 'discriminator' ? `event type must be one of ${EVENT_TYPES.join(', ')}` : e.message ?? 'is invalid';
  return { code: 'SCENARIO_SCHEMA', pointer, message: `${e.keyword}: ${message}` };
}

function duplicates(list: ReadonlyArray<{ id: string }>, base: string): ScenarioIssue[] {
  const seen = new Set<string>();
  const issues: ScenarioIssue[] = [];
  list.forEach((item, i) => {
    if (seen.has(item.id)) issues.push({ code: 'SCENARIO_DUPLICATE_ID', pointer: `${base}/${i}/id`, message: `id ${item.id} is used twice` });
    seen.add(item.id);
  });
  return issues;
}

function references(s: Scenario): ScenarioIssue[] {
  const md = s.masterData;
  const ids = (list: ReadonlyArray<{ id: string }>) => new Set(list.map((x) => x.id));
  const les = ids(md.legalEntities);
  const customers = ids(md.customers);
  const contracts = ids(md.contracts);
  const rateCards = ids(md.rateCards);
  const issues: ScenarioIssue[] = [];
  const need = (set: Set<string>, id: string | undefined, pointer: string, what: string) => {
    if (id !== undefined && !set.has(id)) issues.push({ code: 'SCENARIO_UNKNOWN_REFERENCE', pointer, message: `unknown ${what} ${id}` });
  };
  md.employees.forEach((e, i) => need(les, e.legalEntityId, `/masterData/employees/${i}/legalEntityId`, 'legal entity'));
  md.projects.forEach((p, i) => {
    need(customers, p.customerId, `/masterData/projects/${i}/customerId`, 'customer');
    need(les, p.legalEntityId, `/masterData/projects/${i}/legalEntityId`, 'legal entity');
    need(contracts, p.contractId, `/masterData/projects/${i}/contractId`, 'contract');
    need(rateCards, p.rateCardId, `/masterData/projects/${i}/rateCardId`, 'rate card');
  });
  md.contracts.forEach((c, i) => {
    need(customers, c.customerId, `/masterData/contracts/${i}/customerId`, 'customer');
    need(les, c.legalEntityId, `/masterData/contracts/${i}/legalEntityId`, 'legal entity');
    need(rateCards, c.rateCardId, `/masterData/contracts/${i}/rateCardId`, 'rate card');
  });
  s.events.forEach((e, i) => {
    if (e.type !== 'billingRun') return;
    need(les, e.legalEntityId, `/events/${i}/legalEntityId`, 'legal entity');
    e.contractIds?.forEach((id, j) => need(contracts, id, `/events/${i}/contractIds/${j}`, 'contract'));
    if (e.periodStart && e.periodStart > e.periodEnd) issues.push({ code: 'SCENARIO_SCHEMA', pointer: `/events/${i}/periodStart`, message: 'periodStart is after periodEnd' });
  });
  return issues;
}

function canonical(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  s.masterData.contracts.forEach((c, i) => {
    const { version: _version, ...contract } = canonicalContract(c);
    for (const e of validateCanonical('Contract', contract)) issues.push({ code: 'SCENARIO_CANONICAL', pointer: `/masterData/contracts/${i}${e.pointer}`, message: `Contract: ${e.message}` });
  });
  s.masterData.taxRules.forEach((r, i) => {
    for (const e of validateCanonical('TaxRule', canonicalTaxRule(r))) issues.push({ code: 'SCENARIO_CANONICAL', pointer: `/masterData/taxRules/${i}${e.pointer}`, message: `TaxRule: ${e.message}` });
  });
  return issues;
}

/**
 * Every reason a scenario cannot run, each with a code and a JSON pointer:
 * its shape (the scenario JSON Schema), canonical contracts and tax rules,
 * duplicate ids, and references to master data that is not there. Time
 * entries are not rejected here: bad entries are business exceptions.
 */
export function validateScenario(raw: unknown): ScenarioIssue[] {
  if (!validateShape(raw)) return (validateShape.errors ?? []).map(schemaIssue);
  const s = raw as unknown as Scenario;
  const md = s.masterData;
  return [
    ...duplicates(md.legalEntities, '/masterData/legalEntities'),
    ...duplicates(md.customers, '/masterData/customers'),
    ...duplicates(md.employees, '/masterData/employees'),
    ...duplicates(md.projects, '/masterData/projects'),
    ...duplicates(md.contracts, '/masterData/contracts'),
    ...canonical(s),
    ...references(s),
  ];
}

export function assertValidScenario(raw: unknown): Scenario {
  const issues = validateScenario(raw);
  if (issues.length > 0) throw new ScenarioValidationError(issues);
  return raw as Scenario;
}
