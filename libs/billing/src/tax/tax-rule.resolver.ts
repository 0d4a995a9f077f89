import type { TaxRule } from '@mapwright/canonical-model';
import { BillingError } from '../errors/billing.error';

export interface TaxContext {
  legalEntityId: string;
  customerCountry: string;
  customerTaxExempt: boolean;
  serviceType?: string;
  /** Tax point: the invoice issue date. */
  date: string;
}

function matches(rule: TaxRule, ctx: TaxContext): boolean {
  const p = rule.effectivePeriod;
  if (ctx.date < p.validFrom || (p.validTo !== undefined && ctx.date >= p.validTo)) return false;
  if (rule.legalEntityId !== undefined && rule.legalEntityId !== ctx.legalEntityId) return false;
  if (rule.customerCountry !== undefined && rule.customerCountry !== ctx.customerCountry) return false;
  if (rule.serviceType !== undefined && rule.serviceType !== ctx.serviceType) return false;
  if (rule.customerTaxExempt !== undefined && rule.customerTaxExempt !== ctx.customerTaxExempt) return false;
  return true;
}

/**
 * The effective rule for a line: among rules in force on the tax point that
 * match legal entity, customer country, service type and exemption, the
 * highest priority wins. A tie at the top is a data error, not a coin toss.
 */
export function resolveTaxRule(rules: readonly TaxRule[], ctx: TaxContext): TaxRule {
  const candidates = rules.filter((r) => matches(r, ctx)).sort((a, b) => b.priority - a.priority);
  if (candidates.length === 0) {
    throw new BillingError('BILLING_NO_TAX_RULE', `No tax rule applies to legal entity ${ctx.legalEntityId}, customer country ${ctx.customerCountry}, service type ${ctx.serviceType ?? '(none)'} on ${ctx.date}; add or extend a rule.`, { ...ctx });
  }
  const top = candidates.filter((r) => r.priority === candidates[0].priority);
  const distinct = new Set(top.map((r) => r.id));
  if (distinct.size > 1) {
    throw new BillingError('BILLING_AMBIGUOUS_TAX_RULE', `Tax rules ${[...distinct].sort().join(', ')} tie at priority ${candidates[0].priority}; give one a higher priority.`, { ...ctx, ruleIds: [...distinct].sort() });
  }
  // Two versions of one rule in force on one date: the higher version is the current one.
  return top.sort((a, b) => b.version - a.version)[0];
}
