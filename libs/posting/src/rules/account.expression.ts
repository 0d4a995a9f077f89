import { PostingError } from '../errors/posting.error';

export type AccountVariables = Partial<Record<'legalEntityId' | 'costCenterId' | 'projectId' | 'customerId' | 'employeeId' | 'payCode', string | null>>;

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
const KNOWN = new Set(['legalEntityId', 'costCenterId', 'projectId', 'customerId', 'employeeId', 'payCode']);

/** Names used by an account expression, for validation before anything is posted. */
export function placeholdersOf(expression: string): string[] {
  return [...expression.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/**
 * Fills an account expression such as "4000-{costCenterId}". Substitution
 * only, no evaluation, so a rule file can never run code.
 */
export function resolveAccount(expression: string, vars: AccountVariables): string {
  return expression.replace(PLACEHOLDER, (_, name: string) => {
    if (!KNOWN.has(name)) {
      throw new PostingError('POSTING_UNKNOWN_PLACEHOLDER', `Account expression ${expression} uses {${name}}, which posting does not know.`, { expression, name });
    }
    const value = vars[name as keyof AccountVariables];
    if (value === undefined || value === null || value === '') {
      throw new PostingError('POSTING_MISSING_DIMENSION', `Account expression ${expression} needs ${name}, which this entry does not have.`, { expression, name });
    }
    return value;
  });
}
