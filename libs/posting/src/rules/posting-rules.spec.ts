import defaultDocument from '../../rules/default-posting-rules.json';
import { resolveAccount } from './account.expression';
import { defaultPostingRules } from './default-posting-rules';
import { selectPostingRule } from './posting-rule.selector';
import { validatePostingRules } from './posting-rule.validator';
import type { PostingRule, PostingRuleSet } from './posting-rule.types';

const approved = defaultPostingRules().rules[0];
const withRules = (...rules: PostingRule[]): PostingRuleSet => ({ schemaVersion: 1, rules });

describe('posting rule validation', () => {
  it('accepts the shipped default rules', () => {
    expect(validatePostingRules(structuredClone(defaultDocument)).rules.map((r) => `${r.id}@${r.version}:${r.trigger}`)).toEqual([
      'labour-time-approved@1:timeEntry.approved',
      'labour-time-corrected@1:timeEntry.corrected',
    ]);
  });

  it('rejects a document that breaks the schema, naming the place', () => {
    const bad = withRules({ ...approved, lines: [{ ...approved.lines[0], account: '1210-{secret}' }, ...approved.lines.slice(1)] });
    expect(() => validatePostingRules(bad)).toThrow(expect.objectContaining({ code: 'POSTING_INVALID_RULES', message: expect.stringContaining('/rules/0/lines/0/account') }));
    expect(() => validatePostingRules({ schemaVersion: 2, rules: [approved] })).toThrow(expect.objectContaining({ code: 'POSTING_INVALID_RULES' }));
  });

  it('rejects a rule whose amount sources do not balance', () => {
    const bad = withRules({ ...approved, lines: approved.lines.filter((l) => l.role !== 'labourClearing') });
    expect(() => validatePostingRules(bad)).toThrow(expect.objectContaining({ message: expect.stringContaining('cost has 1 debit and 0 credit lines') }));
  });

  it('rejects pay-code accounts on a line that is not split by pay code, and duplicate versions', () => {
    const bad = withRules({ ...approved, lines: approved.lines.map((l) => (l.role === 'unbilledReceivable' ? { ...l, account: '1210-{payCode}' } : l)) });
    expect(() => validatePostingRules(bad)).toThrow(expect.objectContaining({ message: expect.stringContaining('not split by pay code') }));
    expect(() => validatePostingRules(withRules(approved, approved))).toThrow(expect.objectContaining({ message: expect.stringContaining('defined twice') }));
  });
});

describe('selectPostingRule', () => {
  const v2: PostingRule = { ...approved, version: 2, effectiveFrom: '2026-04-01', fxRoundingAccount: '7995' };

  it('uses the highest version effective on the posting date', () => {
    expect(selectPostingRule(withRules(approved, v2), 'timeEntry.approved', '2026-03-31').version).toBe(1);
    expect(selectPostingRule(withRules(approved, v2), 'timeEntry.approved', '2026-04-01').version).toBe(2);
  });

  it('refuses two rule ids on one trigger', () => {
    expect(() => selectPostingRule(withRules(approved, { ...approved, id: 'other' }), 'timeEntry.approved', '2026-03-31')).toThrow(expect.objectContaining({ code: 'POSTING_AMBIGUOUS_RULE' }));
  });
});

describe('resolveAccount', () => {
  it('fills placeholders from the entry and refuses missing values', () => {
    expect(resolveAccount('4000-{costCenterId}-{payCode}', { costCenterId: 'cc-7', payCode: 'OT_DAILY' })).toBe('4000-cc-7-OT_DAILY');
    expect(() => resolveAccount('4000-{costCenterId}', { costCenterId: null })).toThrow(expect.objectContaining({ code: 'POSTING_MISSING_DIMENSION' }));
    expect(() => resolveAccount('4000-{salary}', {})).toThrow(expect.objectContaining({ code: 'POSTING_UNKNOWN_PLACEHOLDER' }));
  });
});
