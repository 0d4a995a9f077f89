import { PostingError } from '../errors/posting.error';
import type { PostingRule, PostingRuleSet } from './posting-rule.types';

/**
 * The rule version that applies to an event: the highest version of the one
 * rule id fired by the trigger whose effectiveFrom is on or before the
 * posting date. Two rule ids on one trigger would give two journals for one
 * event, so that is refused.
 */
export function selectPostingRule(set: PostingRuleSet, trigger: string, postingDate: string): PostingRule {
  const eligible = set.rules.filter((r) => r.trigger === trigger && (r.effectiveFrom === undefined || r.effectiveFrom <= postingDate));
  const ids = [...new Set(eligible.map((r) => r.id))];
  if (ids.length === 0) {
    throw new PostingError('POSTING_NO_RULE', `No posting rule fires on ${trigger} for ${postingDate}; publish one.`, { trigger, postingDate });
  }
  if (ids.length > 1) {
    throw new PostingError('POSTING_AMBIGUOUS_RULE', `Rules ${ids.join(', ')} all fire on ${trigger}; keep one rule per trigger.`, { trigger, ruleIds: ids });
  }
  return eligible.reduce((best, r) => (r.version > best.version ? r : best));
}
