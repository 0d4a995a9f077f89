import { validateCanonical } from '@mapwright/canonical-model';
import { validatePostingRules } from '@mapwright/posting';
import type { FieldError } from '../common/app-error';

/**
 * Every master-data type the runtime keeps, the one system allowed to write it, and how it is
 * validated. Canonical types are checked against the canonical model; the runtime's own policy
 * objects (posting rules, rounding, overtime) have their own checks. `attributes` carries what
 * the canonical object has no field for (invoice sequence, tax regime, closed periods …).
 */
export interface MasterDataTypeDef {
  type: string;
  canonical?: string;
  authority: string;
  validate?: (content: unknown) => FieldError[];
  /** Date the object (or this change) takes effect, when the type is effective-dated. */
  validFrom?: (content: Record<string, any>) => string | undefined;
  attributes?: (attrs: Record<string, unknown>) => FieldError[];
}

const isPeriod = (v: unknown) => typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
const positiveDecimal = (v: unknown) => typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) && Number(v) > 0;

function legalEntityAttributes(a: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const seq = a.invoiceNumberSequence as { prefix?: unknown; next?: unknown } | undefined;
  if (!seq || typeof seq.prefix !== 'string' || !Number.isInteger(seq.next) || (seq.next as number) < 1) {
    errors.push({ pointer: '/attributes/invoiceNumberSequence', message: 'needs {prefix: string, next: integer >= 1}' });
  }
  const tax = a.taxRegime as { code?: unknown; defaultTaxCodeId?: unknown } | undefined;
  if (!tax || typeof tax.code !== 'string' || typeof tax.defaultTaxCodeId !== 'string') {
    errors.push({ pointer: '/attributes/taxRegime', message: 'needs {code, defaultTaxCodeId}' });
  }
  if (!Array.isArray(a.closedPeriods) || !a.closedPeriods.every(isPeriod)) {
    errors.push({ pointer: '/attributes/closedPeriods', message: 'must list closed periods as YYYY-MM' });
  }
  if (!positiveDecimal(a.maxDailyHours)) errors.push({ pointer: '/attributes/maxDailyHours', message: 'must be a positive decimal string' });
  for (const key of ['defaultRateCardId', 'roundingPolicyId', 'overtimeRulesId', 'postingRuleSetId']) {
    if (a[key] !== undefined && typeof a[key] !== 'string') errors.push({ pointer: `/attributes/${key}`, message: 'must be an id' });
  }
  return errors;
}

function roundingPolicy(c: unknown): FieldError[] {
  const p = c as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (typeof p.id !== 'string') errors.push({ pointer: '/id', message: 'is required' });
  if (!Number.isInteger(p.incrementMinutes) || (p.incrementMinutes as number) < 1 || (p.incrementMinutes as number) > 1440) errors.push({ pointer: '/incrementMinutes', message: 'must be a whole number 1..1440' });
  if (!['nearest', 'up', 'down'].includes(String(p.mode))) errors.push({ pointer: '/mode', message: 'must be nearest, up or down' });
  if (!['entry', 'day'].includes(String(p.scope))) errors.push({ pointer: '/scope', message: 'must be entry or day' });
  return errors;
}

function overtimeRules(c: unknown): FieldError[] {
  const r = c as Record<string, any>;
  const errors: FieldError[] = [];
  if (typeof r.id !== 'string') errors.push({ pointer: '/id', message: 'is required' });
  if (!Number.isInteger(r.version)) errors.push({ pointer: '/version', message: 'must be an integer' });
  if (typeof r.regularPayCode !== 'string') errors.push({ pointer: '/regularPayCode', message: 'is required' });
  if (!Array.isArray(r.rules)) return [...errors, { pointer: '/rules', message: 'must be a list' }];
  r.rules.forEach((rule: Record<string, unknown>, i: number) => {
    if (!['weekday', 'daily-overtime', 'weekly-overtime'].includes(String(rule.kind))) errors.push({ pointer: `/rules/${i}/kind`, message: 'must be weekday, daily-overtime or weekly-overtime' });
    for (const f of ['billingFactor', 'costFactor']) if (!positiveDecimal(rule[f])) errors.push({ pointer: `/rules/${i}/${f}`, message: 'must be a positive decimal string' });
    if (typeof rule.payCode !== 'string' || typeof rule.id !== 'string') errors.push({ pointer: `/rules/${i}`, message: 'needs id and payCode' });
  });
  return errors;
}

function postingRuleSet(c: unknown): FieldError[] {
  const set = c as { id?: unknown; ruleSet?: unknown };
  if (typeof set.id !== 'string') return [{ pointer: '/id', message: 'is required' }];
  try {
    validatePostingRules(set.ruleSet);
    return [];
  } catch (err) {
    return [{ pointer: '/ruleSet', message: (err as Error).message }];
  }
}

const canonical = (type: string, name: string, authority: string, validFrom?: MasterDataTypeDef['validFrom']): MasterDataTypeDef => ({
  type, canonical: name, authority, validate: (content) => validateCanonical(name, content).map((e) => ({ pointer: e.pointer, message: e.message })), validFrom,
});

const period = (c: Record<string, any>) => c.effectivePeriod?.validFrom as string | undefined;

export const MASTER_DATA_TYPES: readonly MasterDataTypeDef[] = [
  { ...canonical('legalEntity', 'LegalEntity', 'erp'), attributes: legalEntityAttributes },
  canonical('currency', 'Currency', 'erp'),
  canonical('fxRate', 'FxRate', 'treasury', (c) => c.effectiveDate),
  canonical('employee', 'Employee', 'hris', (c) => c.hireDate),
  canonical('costCenter', 'CostCenter', 'erp', period),
  canonical('customer', 'Customer', 'crm'),
  canonical('project', 'Project', 'psa', (c) => c.startDate),
  canonical('task', 'Task', 'psa'),
  canonical('contract', 'Contract', 'crm', period),
  canonical('rateCard', 'RateCard', 'psa', period),
  canonical('taxCode', 'TaxCode', 'erp'),
  canonical('taxRule', 'TaxRule', 'erp', period),
  canonical('glAccount', 'GlAccount', 'erp'),
  { type: 'postingRuleSet', authority: 'mapwright', validate: postingRuleSet },
  { type: 'timeRoundingPolicy', authority: 'mapwright', validate: roundingPolicy },
  { type: 'overtimeRules', authority: 'mapwright', validate: overtimeRules },
];

export function masterDataType(type: string): MasterDataTypeDef | undefined {
  return MASTER_DATA_TYPES.find((t) => t.type === type);
}
