import { join } from 'node:path';
import { SHIPPED_SPECS_DIR } from './catalog-fixture.testing';
import { jsonataSyntaxError } from './jsonata-syntax';
import { loadRoutingRules, resolveRoute } from './routing';
import type { RoutingRule } from './types';

const rule = (over: Partial<RoutingRule> & Pick<RoutingRule, 'id' | 'priority' | 'when'>): RoutingRule => ({
  destination: { system: 'xero', connectionId: over.id },
  file: 'routing/test.yaml',
  ...over,
});

const rules: RoutingRule[] = [
  rule({ id: 'uk-new', priority: 10, when: 'legalEntityId = "le-uk"', validFrom: '2026-01-01' }),
  rule({ id: 'uk-old', priority: 10, when: 'legalEntityId = "le-uk"', validTo: '2026-01-01' }),
  rule({ id: 'big-us', priority: 5, when: 'legalEntityId = "le-us" and $number(total.amount) > 100000' }),
  rule({ id: 'us', priority: 20, when: 'legalEntityId = "le-us"' }),
  rule({ id: 'invoices-only', priority: 30, when: 'true', objectTypes: ['Invoice'] }),
];

describe('resolveRoute', () => {
  it('honours effective dates, validTo exclusive', async () => {
    expect((await resolveRoute(rules, { legalEntityId: 'le-uk' }, '2025-12-31'))?.connectionId).toBe('uk-old');
    expect((await resolveRoute(rules, { legalEntityId: 'le-uk' }, '2026-01-01T09:00:00Z'))?.connectionId).toBe('uk-new');
  });

  it('takes the first match by priority', async () => {
    expect((await resolveRoute(rules, { legalEntityId: 'le-us', total: { amount: '250000.00' } }, '2026-03-01'))?.connectionId).toBe('big-us');
    expect((await resolveRoute(rules, { legalEntityId: 'le-us', total: { amount: '10.00' } }, '2026-03-01'))?.connectionId).toBe('us');
  });

  it('filters by object type and returns undefined when nothing matches', async () => {
    expect((await resolveRoute(rules, { legalEntityId: 'le-fr' }, '2026-03-01', 'Invoice'))?.connectionId).toBe('invoices-only');
    expect(await resolveRoute(rules, { legalEntityId: 'le-fr' }, '2026-03-01', 'JournalEntry')).toBeUndefined();
  });

  it('reports a failing predicate with a code', async () => {
    const bad = [rule({ id: 'bad', priority: 1, when: '$number("abc") > 1' })];
    await expect(resolveRoute(bad, {}, '2026-03-01')).rejects.toMatchObject({ code: 'MW_ROUTE_PREDICATE' });
  });
});

describe('jsonataSyntaxError', () => {
  it('returns the JSONata code and position, or nothing for valid source', () => {
    expect(jsonataSyntaxError('a = 1')).toBeUndefined();
    expect(jsonataSyntaxError('a = ')).toMatchObject({ code: expect.stringMatching(/^S0\d{3}$/), position: expect.any(Number) });
  });
});

describe('shipped routing rules (mapping-specs/routing)', () => {
  const { rules, problems } = loadRoutingRules(join(SHIPPED_SPECS_DIR, 'routing'));

  it('send each legal entity to its Xero tenant, the UK one moving on 1 January 2026', async () => {
    expect(problems).toEqual([]);
    expect((await resolveRoute(rules, { legalEntityId: 'le-uk' }, '2025-12-31'))?.connectionId).toBe('xero-uk');
    expect((await resolveRoute(rules, { legalEntityId: 'le-uk' }, '2026-01-01'))?.connectionId).toBe('xero-group');
    expect(await resolveRoute(rules, { legalEntityId: 'le-us' }, '2026-01-01')).toMatchObject({ system: 'xero', connectionId: 'xero-us', tenantId: expect.any(String) });
    expect(await resolveRoute(rules, { legalEntityId: 'le-zz' }, '2026-01-01')).toBeUndefined();
  });
});
