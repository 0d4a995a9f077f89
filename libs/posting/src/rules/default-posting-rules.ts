import document from '../../rules/default-posting-rules.json';
import { validatePostingRules } from './posting-rule.validator';
import type { PostingRuleSet } from './posting-rule.types';

/** The shipped rule set, validated once on first use so a bad edit fails loudly. */
let cached: PostingRuleSet | undefined;

export function defaultPostingRules(): PostingRuleSet {
  cached ??= validatePostingRules(structuredClone(document));
  return cached;
}
