import { createHash } from 'node:crypto';
import type { XeroWriteActionName } from '@mapwright/connector-xero';
import { resolveRoute, type RoutingRule } from '@mapwright/spec-catalog';
import { Inject, Injectable } from '@nestjs/common';
import { canonicalJson } from '../common/canonical-hash';
import { ROUTING_SPEC_ID } from '../mapping/catalog-import.service';
import { MappingGateway, VersionContent } from '../mapping/mapping-gateway.service';
import { MasterDataService } from '../master-data/master-data.service';
import { ConsumedEvent, EventConsumer, PermanentFailure } from '../messaging/event-consumer';
import { SpecsRepository } from '../specs/specs.repository';
import { SpecsService } from '../specs/specs.service';
import { ErpDocumentStore } from './erp-document.store';
import { XeroClientProvider } from './xero-client.provider';

/** Which published outbound mapping and connector action each document type uses. */
const DOC_TYPES: Record<string, { specId: string; action: XeroWriteActionName }> = {
  invoice: { specId: 'xero-invoice', action: 'createInvoice' },
  creditNote: { specId: 'xero-credit-note', action: 'createCreditNote' },
  journal: { specId: 'xero-manual-journal', action: 'createManualJournal' },
};

const TIME_BUDGET_CODES = new Set(['U1001', 'MW_TIMEOUT']);

const POSTING_EVENTS = new Set(['invoice.finalised', 'creditNote.finalised', 'journal.created']);

/** Payload of a posting event: the canonical document and the revision that keys its delivery. */
export interface PostingPayload {
  legalEntityId: string;
  docType: keyof typeof DOC_TYPES;
  docId: string;
  revision: number;
  document: Record<string, unknown>;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Maps finalised documents with the published outbound spec, routes them to a tenant and posts them to Xero. */
@Injectable()
export class PostingConsumer implements EventConsumer {
  readonly name = 'erp-delivery';
  readonly role = 'posting';
  private readonly loadedSpecs = new Map<string, ReturnType<MappingGateway['toLoaded']>>();
  private routing?: { hash: string; rules: RoutingRule[] };
  /** Master data is never deleted, so an id found once stays a GL account id. */
  private readonly knownGlAccounts = new Set<string>();

  constructor(
    @Inject(SpecsRepository) private readonly specsRepo: SpecsRepository,
    @Inject(SpecsService) private readonly specs: SpecsService,
    @Inject(MappingGateway) private readonly gateway: MappingGateway,
    @Inject(ErpDocumentStore) private readonly store: ErpDocumentStore,
    @Inject(XeroClientProvider) private readonly xero: XeroClientProvider,
    @Inject(MasterDataService) private readonly masterData: MasterDataService,
  ) {}

  accepts(type: string): boolean {
    return POSTING_EVENTS.has(type);
  }

  async handle(event: ConsumedEvent): Promise<void> {
    const p = event.payload as unknown as PostingPayload;
    const docType = DOC_TYPES[p.docType];
    if (!docType || !p.docId || !Number.isInteger(p.revision) || typeof p.document !== 'object' || p.document === null) {
      throw new PermanentFailure('POSTING_EVENT_INVALID', 'A posting event needs docType (invoice, creditNote, journal), docId, an integer revision and the canonical document.');
    }
    const payload = await this.map(docType.specId, await this.withGlAccountIds(p.legalEntityId, p.document));
    const tenantId = await this.route(p);
    const connector = await this.xero.get();
    const meta = { legalEntityId: p.legalEntityId, docType: p.docType, docId: p.docId, revision: p.revision, tenantId, correlationId: event.correlationId };
    const idempotencyKey = connector.idempotencyKeyFor(meta);
    const payloadHash = sha256(canonicalJson(payload));
    const { row } = await this.store.claim({
      idempotencyKey, action: docType.action, docType: p.docType, docId: p.docId, revision: p.revision, legalEntity: p.legalEntityId,
      tenantId, payloadHash, messageId: event.id, correlationId: event.correlationId,
    });
    if (row.payloadHash !== payloadHash) {
      throw new PermanentFailure('ERP_IDEMPOTENCY_CONFLICT', `Revision ${p.revision} of ${p.docType} ${p.docId} was already delivered with different content; issue a new revision.`, { idempotencyKey });
    }
    const record = await connector.deliver({ action: docType.action, meta, payload: payload as never });
    if (record.state === 'CONFIRMED') return;
    if (record.state === 'REJECTED') {
      throw new PermanentFailure(record.error?.code ?? 'ERP_REJECTED', `${record.error?.message ?? 'The ERP rejected the document.'} ${(record.error?.validationErrors ?? []).join('; ')}`.trim());
    }
    throw Object.assign(new Error(record.error?.message ?? 'Delivery outcome not settled; retrying.'), { code: record.error?.code ?? 'ERP_DELIVERY_UNSETTLED' });
  }

  /**
   * The outbound specs look GL accounts up by master-data id (`gl-us-4000`). Billing documents name
   * some accounts by their code in the legal entity's chart (`4000`); such a line is given the id of
   * the one GL account of that entity with that code. Ids that exist, and codes that match none or
   * several accounts, are left for the mapping to judge.
   */
  private async withGlAccountIds(legalEntityId: string, document: Record<string, unknown>): Promise<Record<string, unknown>> {
    const lines = Array.isArray(document.lines) ? (document.lines as Record<string, unknown>[]) : [];
    const given = [...new Set(lines.map((l) => l?.glAccountId).filter((v): v is string => typeof v === 'string'))];
    const unknown: string[] = [];
    for (const id of given) {
      if (this.knownGlAccounts.has(id)) continue;
      if (await this.masterData.find('glAccount', id)) this.knownGlAccounts.add(id);
      else unknown.push(id);
    }
    if (unknown.length === 0) return document;
    const accounts = (await this.masterData.all<{ code?: string; legalEntityId?: string }>('glAccount')).filter((a) => a.object.legalEntityId === legalEntityId);
    const byCode = new Map<string, string>();
    for (const code of unknown) {
      const matches = accounts.filter((a) => a.object.code === code);
      if (matches.length === 1) byCode.set(code, matches[0].id);
    }
    if (byCode.size === 0) return document;
    return { ...document, lines: lines.map((l) => (typeof l?.glAccountId === 'string' && byCode.has(l.glAccountId) ? { ...l, glAccountId: byCode.get(l.glAccountId) } : l)) };
  }

  private async map(specId: string, document: Record<string, unknown>): Promise<unknown> {
    const [published] = await this.specsRepo.findByStatus('PUBLISHED', specId);
    if (!published) throw new PermanentFailure('NO_PUBLISHED_VERSION', `Spec "${specId}" has no published version.`);
    // Compiling and hashing a spec costs more than running it; the published row's content hash keys the cache.
    const cacheKey = `${published.id}:${published.contentHash}`;
    let loaded = this.loadedSpecs.get(cacheKey);
    if (!loaded) {
      const header = await this.specs.requireSpec(specId);
      loaded = this.gateway.toLoaded(header, published.version, JSON.parse(published.content) as VersionContent);
      this.loadedSpecs.set(cacheKey, loaded);
    }
    // In-process, as intake runs the published inbound specs: both are governed, published content. On the
    // worker pool a watchdog-replaced worker compiles the spec inside the first record's time budget,
    // which on a loaded machine timed out every retry until the invoice was dead-lettered.
    const result = await this.gateway.engine.run(loaded.executable, document);
    if (!result.ok) {
      const detail = `${specId}@${published.version}: ${result.error.code} ${result.error.message}`;
      // A time budget overrun says more about the machine's load than the document: retry it.
      if (TIME_BUDGET_CODES.has(result.error.code)) throw Object.assign(new Error(detail), { code: result.error.code });
      throw new PermanentFailure('MAPPING_FAILED', detail);
    }
    return result.output;
  }

  private async route(p: PostingPayload): Promise<string> {
    const [published] = await this.specsRepo.findByStatus('PUBLISHED', ROUTING_SPEC_ID);
    if (published && this.routing?.hash !== published.contentHash) {
      this.routing = { hash: published.contentHash, rules: (JSON.parse(published.content) as { data?: RoutingRule[] }).data ?? [] };
    }
    const rules = published && this.routing ? this.routing.rules : [];
    const d = p.document as { issueDate?: string; date?: string; journalDate?: string };
    const asOf = d.issueDate ?? d.date ?? d.journalDate ?? new Date().toISOString();
    const destination = await resolveRoute(rules, p.document, asOf);
    if (!destination?.tenantId) {
      // Retried, not refused: the rule may be in review right now; after MaxDeliver it becomes a dead letter to replay once published.
      throw Object.assign(new Error(`No routing rule sends ${p.docType} ${p.docId} of ${p.legalEntityId} to an ERP tenant on ${asOf.slice(0, 10)}; publish one, then replay.`), { code: 'ROUTE_NOT_FOUND' });
    }
    return destination.tenantId;
  }
}
