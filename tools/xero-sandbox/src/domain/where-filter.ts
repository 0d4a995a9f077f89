/**
 * Xero's `where` query parameter, the part connectors use: equality clauses joined by AND,
 * e.g. `Reference=="PO-88231" AND Type=="ACCREC"`. Dotted paths reach nested fields
 * (`Contact.ContactID==Guid("…")`). Anything else is refused rather than silently matching everything.
 */

export interface WhereClause {
  path: string[];
  value: string;
}

export class WhereFilterError extends Error {
  readonly code = 'XERO_SANDBOX_WHERE_UNSUPPORTED';
}

const CLAUSE = /^\s*([A-Za-z][A-Za-z0-9.]*)\s*==\s*(?:"((?:[^"\\]|\\.)*)"|Guid\("([^"]*)"\)|([A-Za-z0-9_.-]+))\s*$/;

export function parseWhere(where: string): WhereClause[] {
  const parts = splitOnAnd(where);
  return parts.map((part) => {
    const match = CLAUSE.exec(part);
    if (!match) {
      throw new WhereFilterError(`Unsupported where clause: ${part.trim()}`);
    }
    const raw = match[2] ?? match[3] ?? match[4] ?? '';
    return { path: match[1].split('.'), value: raw.replace(/\\(.)/g, '$1') };
  });
}

export function matchesWhere(document: Record<string, unknown>, clauses: WhereClause[]): boolean {
  return clauses.every((clause) => {
    let current: unknown = document;
    for (const key of clause.path) {
      current = current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
    }
    return current !== undefined && current !== null && String(current) === clause.value;
  });
}

/** Splits on AND / && outside double quotes, so a Reference containing " AND " survives. */
function splitOnAnd(where: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < where.length; i += 1) {
    const char = where[i];
    if (char === '"' && where[i - 1] !== '\\') {
      quoted = !quoted;
    }
    if (!quoted) {
      const rest = where.slice(i);
      const and = /^(\s+AND\s+|\s*&&\s*)/i.exec(rest);
      if (and) {
        parts.push(current);
        current = '';
        i += and[0].length - 1;
        continue;
      }
    }
    current += char;
  }
  parts.push(current);
  return parts.filter((part) => part.trim() !== '');
}
