import Ajv2020 from 'ajv/dist/2020';
import schema from '../../schemas/posting-rule.schema.json';
import { PostingError } from '../errors/posting.error';
import { placeholdersOf } from './account.expression';
import type { PostingRule, PostingRuleSet } from './posting-rule.types';

export const POSTING_RULE_SCHEMA = schema;

let compiled: ReturnType<Ajv2020['compile']> | undefined;

function schemaValidator(): ReturnType<Ajv2020['compile']> {
  compiled ??= new Ajv2020({ strict: true, allErrors: true }).compile(schema);
  return compiled;
}

/** Checks the schema cannot express: every amount source balances, pay-code accounts only where lines split by pay code. */
function semanticIssues(rule: PostingRule): string[] {
  const issues: string[] = [];
  for (const source of ['billable', 'cost'] as const) {
    const debits = rule.lines.filter((l) => l.amountSource === source && l.side === 'debit').length;
    const credits = rule.lines.filter((l) => l.amountSource === source && l.side === 'credit').length;
    if (debits !== credits) issues.push(`${rule.id}@${rule.version}: ${source} has ${debits} debit and ${credits} credit lines; each amount must be debited and credited the same number of times`);
  }
  for (const line of rule.lines) {
    const usesPayCode = placeholdersOf(line.account).includes('payCode') || line.accountByPayCode !== undefined;
    if (usesPayCode && line.splitBy !== 'payCode') issues.push(`${rule.id}@${rule.version}: line ${line.role} picks accounts by pay code but is not split by pay code`);
  }
  if (placeholdersOf(rule.fxRoundingAccount).includes('payCode')) issues.push(`${rule.id}@${rule.version}: the FX rounding account cannot depend on a pay code`);
  return issues;
}

/** Validates a rule document against the JSON Schema and the balancing checks; throws with every issue at once. */
export function validatePostingRules(document: unknown): PostingRuleSet {
  const validate = schemaValidator();
  if (!validate(document)) {
    const issues = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
    throw new PostingError('POSTING_INVALID_RULES', `Posting rules do not match posting-rule.schema.json: ${issues.join('; ')}`, { issues });
  }
  const set = document as PostingRuleSet;
  const issues = set.rules.flatMap(semanticIssues);
  const seen = new Set<string>();
  for (const rule of set.rules) {
    const key = `${rule.id}@${rule.version}`;
    if (seen.has(key)) issues.push(`${key} is defined twice; publish a new version instead`);
    seen.add(key);
  }
  if (issues.length) throw new PostingError('POSTING_INVALID_RULES', `Posting rules are inconsistent: ${issues.join('; ')}`, { issues });
  return set;
}
