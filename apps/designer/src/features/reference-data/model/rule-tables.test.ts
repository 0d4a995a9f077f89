import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { csvToRules, rulesToCsv } from './rule-table';
import { ROUTING_RULES, RoutingRule, routingRuleFromFlat, routingRuleToFlat } from './routing-rules';
import { TAX_RULES, TaxRule, taxRuleFromFlat, taxRuleToFlat } from './tax-rules';

const root = resolve(process.cwd(), '../..');
const shippedRouting = (parse(readFileSync(resolve(root, 'mapping-specs/routing/xero-tenants.yaml'), 'utf8')) as { rules: RoutingRule[] }).rules;

const UK: TaxRule = {
  id: 'tr-uk-standard', externalRefs: [{ system: 'erp', id: 'X1' }], name: 'UK services at 20 %', version: 1, priority: 10,
  effectivePeriod: { validFrom: '2025-01-01' }, legalEntityId: 'le-uk', taxCodeId: 'tc-uk-vat20', rate: '20',
  calculation: 'exclusive', rounding: 'perLine', roundingMode: 'halfUp',
};
const messages = (problems: { row?: number; field: string; message: string }[]) => problems.map((p) => `${p.row}:${p.field}: ${p.message}`);

describe('tax rules', () => {
  it('round-trips the canonical shape through the grid, keeping fields the grid does not show', () => {
    const exempt: TaxRule = { ...UK, id: 'tr-uk-exempt', externalRefs: [], customerTaxExempt: true, rate: '0', priority: 20, reverseCharge: false, effectivePeriod: { validFrom: '2025-01-01', validTo: '2027-01-01' } };
    const flat = [UK, exempt].map(taxRuleToFlat);
    expect(TAX_RULES.validate(flat)).toEqual([]);
    expect(flat.map((f) => TAX_RULES.fromFlat(f, [UK, exempt]))).toEqual([UK, exempt]);
  });

  it('names the cell for malformed values, inverted dates and ties billing would refuse', () => {
    const bad = { ...taxRuleToFlat(UK), rate: '20%', customerCountry: 'gb', version: '0', validTo: '2024-12-31' };
    expect(messages(TAX_RULES.validate([bad]))).toEqual([
      expect.stringMatching(/^0:validTo: Valid to must be after valid from/),
      expect.stringMatching(/^0:version: Version must be a whole number/),
      expect.stringMatching(/^0:rate: Rate must be a percentage/),
      expect.stringMatching(/^0:customerCountry: .*two capital letters/),
    ]);
    expect(messages(TAX_RULES.validate([taxRuleToFlat(UK), taxRuleToFlat(UK)]))).toEqual([expect.stringMatching(/^1:version: Rule "tr-uk-standard" version 1 is also row 1; raise the version/)]);
    const tie = { ...taxRuleToFlat(UK), id: 'tr-uk-other', validFrom: '2026-01-01' };
    expect(messages(TAX_RULES.validate([taxRuleToFlat(UK), tie]))).toEqual([expect.stringMatching(/^1:priority: Ties with row 1 \("tr-uk-standard"\)/)]);
    expect(TAX_RULES.validate([taxRuleToFlat(UK), { ...tie, customerCountry: 'FR' }])).toEqual([]);
  });

  it('exports and imports CSV with the canonical field names, refusing an unknown header', () => {
    const csv = rulesToCsv(TAX_RULES.columns, [taxRuleToFlat({ ...UK, name: 'UK, standard "20"' })]);
    expect(csv.split('\n')[0]).toBe('id,version,name,priority,validFrom,validTo,legalEntityId,customerCountry,serviceType,customerTaxExempt,taxCodeId,rate,calculation,rounding,roundingMode,reverseCharge');
    const back = csvToRules(TAX_RULES, csv);
    expect(back.problems).toEqual([]);
    expect(taxRuleFromFlat(back.rows[0])).toEqual({ ...UK, externalRefs: [], name: 'UK, standard "20"' });
    expect(csvToRules(TAX_RULES, 'id,name,colour\nx,y,z\n').problems[0].message).toMatch(/missing: version, priority.*unknown: colour/);
  });
});

describe('routing rules', () => {
  it('accepts the shipped xero-tenants rules and round-trips them', () => {
    const flat = shippedRouting.map(routingRuleToFlat);
    expect(ROUTING_RULES.validate(flat)).toEqual([]);
    expect(flat.map(routingRuleFromFlat)).toEqual(shippedRouting);
    expect(csvToRules(ROUTING_RULES, rulesToCsv(ROUTING_RULES.columns, flat)).rows).toEqual(flat);
  });

  it('locates a predicate that does not parse, duplicate ids and rules that can never route', () => {
    const [a, , c] = shippedRouting.map(routingRuleToFlat);
    const broken = { ...c, id: 'au-copy', when: 'legalEntityId = ' };
    const dup = { ...c };
    const shadow = { ...a, id: 'uk-shadow' };
    const problems = messages(ROUTING_RULES.validate([a, c, broken, dup, shadow])).sort();
    expect(problems).toEqual([
      expect.stringMatching(/^2:when: When does not parse as JSONata: S0\d{3} at \d+/),
      expect.stringMatching(/^3:id: Rule id "us-to-xero-us" is also row 2/),
      expect.stringMatching(/^4:priority: Same condition and priority as row 1/),
    ]);
  });
});
