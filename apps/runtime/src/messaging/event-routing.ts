import type { EventStream } from './entities/messaging.entities';

/** Event types that move money or post to the ledger travel on the finance-critical stream. */
const POSTING_TYPES = /(\.finalised|\.posted|\.post-requested)$|^journal\.created$|^creditNote\.|^invoice\./;

export function streamFor(type: string): EventStream {
  return POSTING_TYPES.test(type) ? 'post' : 'ops';
}

/** Subject tokens may not contain dots, spaces or wildcards; keep them readable and stable. */
export function subjectToken(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
}

/** `mw.ops.<le>.<type>` / `mw.post.<le>.<type>`: partitioned by legal entity so consumers can filter. */
export function subjectFor(prefix: string, stream: EventStream, legalEntity: string, type: string): string {
  return `${prefix}.${stream}.${subjectToken(legalEntity)}.${subjectToken(type)}`;
}
