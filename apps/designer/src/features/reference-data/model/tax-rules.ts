import type { Problem } from './reference-data';
import { FlatRule, periodsOverlap, RuleColumn, RuleTableKind, validateCells } from './rule-table';

/** The canonical TaxRule (libs/canonical-model) as the reference-data spec keeps it under `taxRules`. */
export interface TaxRule {
  id: string;
  externalRefs: { system: string; id: string }[];
  name: string;
  version: number;
  priority: number;
  effectivePeriod: { validFrom: string; validTo?: string };
  legalEntityId?: string;
  customerCountry?: string;
  serviceType?: string;
  customerTaxExempt?: boolean;
  taxCodeId: string;
  rate: string;
  calculation: 'exclusive' | 'inclusive';
  rounding: 'perLine' | 'perDocument';
  roundingMode: 'halfUp' | 'halfEven' | 'down' | 'up';
  reverseCharge?: boolean;
}

const YES_NO = ['', 'true', 'false'] as const;

export const TAX_RULE_COLUMNS: readonly RuleColumn[] = [
  { name: 'id', label: 'Rule id', type: 'text', required: true },
  { name: 'version', label: 'Version', type: 'number', required: true, hint: 'whole number ≥ 1' },
  { name: 'name', label: 'Name', type: 'text', required: true },
  { name: 'priority', label: 'Priority', type: 'number', required: true, hint: 'higher wins' },
  { name: 'validFrom', label: 'Valid from', type: 'date', required: true },
  { name: 'validTo', label: 'Valid to (exclusive)', type: 'date' },
  { name: 'legalEntityId', label: 'Legal entity', type: 'text', hint: 'any when blank' },
  { name: 'customerCountry', label: 'Customer country', type: 'text', hint: 'ISO 3166 alpha-2, any when blank' },
  { name: 'serviceType', label: 'Service type', type: 'text', hint: 'any when blank' },
  { name: 'customerTaxExempt', label: 'Exempt customers', type: 'select', options: YES_NO, hint: 'any when blank' },
  { name: 'taxCodeId', label: 'Tax code', type: 'text', required: true },
  { name: 'rate', label: 'Rate %', type: 'text', required: true },
  { name: 'calculation', label: 'Calculation', type: 'select', options: ['exclusive', 'inclusive'], required: true },
  { name: 'rounding', label: 'Rounding', type: 'select', options: ['perLine', 'perDocument'], required: true },
  { name: 'roundingMode', label: 'Rounding mode', type: 'select', options: ['halfUp', 'halfEven', 'down', 'up'], required: true },
  { name: 'reverseCharge', label: 'Reverse charge', type: 'select', options: YES_NO },
];

const WHOLE = /^\d+$/;
const SIGNED_WHOLE = /^-?\d+$/;
const PERCENT = /^\d+(\.\d+)?$/;
const COUNTRY = /^[A-Z]{2}$/;

const flag = (v: boolean | undefined) => (v === undefined ? '' : String(v));
const optional = (v: string) => (v.trim() ? v.trim() : undefined);

export function taxRuleToFlat(r: TaxRule): FlatRule {
  return {
    id: r.id, version: String(r.version), name: r.name, priority: String(r.priority),
    validFrom: r.effectivePeriod.validFrom, validTo: r.effectivePeriod.validTo ?? '',
    legalEntityId: r.legalEntityId ?? '', customerCountry: r.customerCountry ?? '', serviceType: r.serviceType ?? '',
    customerTaxExempt: flag(r.customerTaxExempt), taxCodeId: r.taxCodeId, rate: r.rate,
    calculation: r.calculation, rounding: r.rounding, roundingMode: r.roundingMode, reverseCharge: flag(r.reverseCharge),
  };
}

/** Only for rows that validate: absent optional fields are left out, as the canonical schema wants. */
export function taxRuleFromFlat(f: FlatRule, previous?: TaxRule): TaxRule {
  const rule: TaxRule = {
    id: f.id.trim(),
    externalRefs: previous?.externalRefs ?? [],
    name: f.name.trim(),
    version: Number(f.version),
    priority: Number(f.priority),
    effectivePeriod: { validFrom: f.validFrom.trim(), ...(optional(f.validTo) ? { validTo: f.validTo.trim() } : {}) },
    taxCodeId: f.taxCodeId.trim(),
    rate: f.rate.trim(),
    calculation: f.calculation as TaxRule['calculation'],
    rounding: f.rounding as TaxRule['rounding'],
    roundingMode: f.roundingMode as TaxRule['roundingMode'],
  };
  if (optional(f.legalEntityId)) rule.legalEntityId = f.legalEntityId.trim();
  if (optional(f.customerCountry)) rule.customerCountry = f.customerCountry.trim();
  if (optional(f.serviceType)) rule.serviceType = f.serviceType.trim();
  if (optional(f.customerTaxExempt)) rule.customerTaxExempt = f.customerTaxExempt.trim() === 'true';
  if (optional(f.reverseCharge)) rule.reverseCharge = f.reverseCharge.trim() === 'true';
  return rule;
}

const MATCH_FIELDS = ['legalEntityId', 'customerCountry', 'serviceType', 'customerTaxExempt'] as const;

/**
 * What billing's tax-rule resolver relies on: well-formed cells, one row per rule id and version, and no
 * two different rules matching the same lines at the same priority on the same day (billing refuses such
 * a tie as BILLING_AMBIGUOUS_TAX_RULE).
 */
export function validateTaxRules(rows: FlatRule[]): Problem[] {
  const problems = validateCells(TAX_RULE_COLUMNS, rows);
  rows.forEach((r, row) => {
    if (r.version && !(WHOLE.test(r.version.trim()) && Number(r.version) >= 1)) problems.push({ row, field: 'version', message: 'Version must be a whole number from 1.' });
    if (r.priority && !SIGNED_WHOLE.test(r.priority.trim())) problems.push({ row, field: 'priority', message: 'Priority must be a whole number (higher wins).' });
    if (r.rate && !(PERCENT.test(r.rate.trim()) && Number(r.rate) <= 100)) problems.push({ row, field: 'rate', message: 'Rate must be a percentage from 0 to 100 as a decimal, e.g. "20" or "7.5".' });
    if (r.customerCountry && !COUNTRY.test(r.customerCountry.trim())) problems.push({ row, field: 'customerCountry', message: 'Customer country must be two capital letters (ISO 3166), e.g. "GB".' });
  });
  rows.forEach((a, i) => {
    rows.forEach((b, j) => {
      if (j <= i || !a.id) return;
      if (a.id === b.id && a.version === b.version) {
        problems.push({ row: j, field: 'version', message: `Rule "${a.id}" version ${a.version} is also row ${i + 1}; raise the version for a change.` });
        return;
      }
      if (a.id !== b.id && a.priority === b.priority && MATCH_FIELDS.every((f) => (a[f] ?? '') === (b[f] ?? '')) && periodsOverlap(a, b)) {
        problems.push({ row: j, field: 'priority', message: `Ties with row ${i + 1} ("${a.id}"): same lines, same priority, overlapping dates; billing would refuse both. Change a priority or the dates.` });
      }
    });
  });
  return problems;
}

export const TAX_RULES: RuleTableKind<TaxRule> = {
  noun: 'tax rule',
  columns: TAX_RULE_COLUMNS,
  toFlat: taxRuleToFlat,
  fromFlat: (row, previous) => taxRuleFromFlat(row, previous.find((r) => r.id === row.id.trim() && String(r.version) === row.version.trim())),
  validate: validateTaxRules,
};
