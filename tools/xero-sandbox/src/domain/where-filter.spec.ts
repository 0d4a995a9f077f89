import { WhereFilterError, matchesWhere, parseWhere } from './where-filter';

describe('where filter', () => {
  it('matches AND-ed equality clauses, quoted values with escapes and nested paths', () => {
    const clauses = parseWhere('Reference=="PO \\"7\\" AND more" AND Type=="ACCREC" && Contact.ContactID==Guid("c-1")');
    expect(clauses.map((c) => c.value)).toEqual(['PO "7" AND more', 'ACCREC', 'c-1']);
    expect(matchesWhere({ Reference: 'PO "7" AND more', Type: 'ACCREC', Contact: { ContactID: 'c-1' } }, clauses)).toBe(true);
    expect(matchesWhere({ Reference: 'PO "7" AND more', Type: 'ACCPAY', Contact: { ContactID: 'c-1' } }, clauses)).toBe(false);
  });

  it('refuses what it does not understand instead of matching everything', () => {
    expect(() => parseWhere('Total > 100')).toThrow(WhereFilterError);
  });
});
