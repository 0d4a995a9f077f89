import { XeroContractValidator } from '../contract/xero-contract.validator';
import { DocumentKind, DocumentStore } from '../domain/document.store';
import { XeroObject } from '../domain/business-rules';
import { WhereFilterError, parseWhere } from '../domain/where-filter';
import { ElementErrors, envelope, problem, validationException } from '../http/xero-responses';

/** A routed Accounting API request: the contract's path template and its parameters. */
export interface ApiRequest {
  tenantId: string;
  method: string;
  template: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  idempotencyKey?: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

interface Resource {
  kind: DocumentKind;
  collection: string;
  idParam: string;
}

const RESOURCES: Resource[] = [
  { kind: 'Invoice', collection: 'Invoices', idParam: 'InvoiceID' },
  { kind: 'CreditNote', collection: 'CreditNotes', idParam: 'CreditNoteID' },
  { kind: 'ManualJournal', collection: 'ManualJournals', idParam: 'ManualJournalID' },
];

const TEMPLATES: Array<{ template: string; pattern: RegExp; params: string[] }> = [
  ...RESOURCES.flatMap((r) => [
    { template: `/${r.collection}`, pattern: new RegExp(`^/${r.collection}$`, 'i'), params: [] },
    { template: `/${r.collection}/{${r.idParam}}`, pattern: new RegExp(`^/${r.collection}/([^/]+)$`, 'i'), params: [r.idParam] },
  ]),
  { template: '/CreditNotes/{CreditNoteID}/Allocations', pattern: /^\/CreditNotes\/([^/]+)\/Allocations$/i, params: ['CreditNoteID'] },
];

/** Maps a request path below the API root onto the contract's path template. */
export function routeTemplate(path: string): { template: string; params: Record<string, string> } | undefined {
  for (const candidate of TEMPLATES) {
    const match = candidate.pattern.exec(path);
    if (match) {
      const params: Record<string, string> = {};
      candidate.params.forEach((name, index) => (params[name] = decodeURIComponent(match[index + 1])));
      return { template: candidate.template, params };
    }
  }
  return undefined;
}

/** The Accounting API behaviour: contract validation, ledger rules, reads. HTTP plumbing lives in the server. */
export class XeroApiHandler {
  constructor(private readonly validator: XeroContractValidator, private readonly store: DocumentStore) {}

  handle(request: ApiRequest): ApiResponse {
    const method = request.method.toUpperCase();
    if (request.template === '/CreditNotes/{CreditNoteID}/Allocations') {
      return method === 'PUT' ? this.allocate(request) : notAllowed();
    }
    const resource = RESOURCES.find((r) => request.template.startsWith(`/${r.collection}`));
    if (!resource) {
      return { status: 404, body: problem(404, 'NotFound', 'The resource you are looking for cannot be found') };
    }
    const id = request.params[resource.idParam];
    if (method === 'GET') {
      return id ? this.getOne(request.tenantId, resource, id) : this.list(request, resource);
    }
    if (method === 'PUT' && !id) {
      return this.write(request, resource, 'create');
    }
    if (method === 'POST') {
      return this.write(request, resource, 'upsert', id);
    }
    return notAllowed();
  }

  private getOne(tenantId: string, resource: Resource, id: string): ApiResponse {
    const document = this.store.find(tenantId, resource.kind, id);
    if (!document) {
      return { status: 404, body: problem(404, 'NotFound', `${resource.kind} ${id} could not be found`) };
    }
    return { status: 200, body: envelope(resource.collection, [document]) };
  }

  private list(request: ApiRequest, resource: Resource): ApiResponse {
    try {
      const clauses = request.query.get('where') ? parseWhere(request.query.get('where')!) : [];
      const numbersParam = request.query.get(resource.kind === 'Invoice' ? 'InvoiceNumbers' : 'CreditNoteNumbers');
      const numbers = numbersParam ? numbersParam.split(',').map((n) => n.trim().replace(/^"|"$/g, '')) : undefined;
      return { status: 200, body: envelope(resource.collection, this.store.list(request.tenantId, resource.kind, clauses, numbers)) };
    } catch (error) {
      if (error instanceof WhereFilterError) {
        return { status: 400, body: validationException([{ messages: [error.message] }]) };
      }
      throw error;
    }
  }

  private write(request: ApiRequest, resource: Resource, mode: 'create' | 'upsert', pathId?: string): ApiResponse {
    const check = this.validator.validateRequest(request.method, request.template, request.body);
    const elements = ((request.body as XeroObject | null)?.[resource.collection] ?? []) as XeroObject[];
    if (!check.ok) {
      return { status: 400, body: validationException(groupViolations(check.violations, elements)) };
    }
    if (elements.length === 0) {
      return { status: 400, body: validationException([{ messages: [`At least one ${resource.kind} must be supplied.`] }]) };
    }
    const idField = resource.idParam;
    const prepared = elements.map((element) => (pathId ? { ...element, [idField]: pathId } : element));
    const failures: ElementErrors[] = [];
    const verdicts = prepared.map((element) => {
      const messages =
        mode === 'create' && element[idField]
          ? [`${idField} cannot be supplied when creating with PUT; use POST to update.`]
          : this.store.check(request.tenantId, resource.kind, element);
      if (messages.length > 0) {
        failures.push({ element, messages });
      }
      return messages;
    });
    // summarizeErrors=false: Xero commits the valid elements and reports the others inline with 200.
    const summarize = request.query.get('summarizeErrors') !== 'false';
    if (failures.length > 0 && summarize) {
      return { status: 400, body: validationException(failures) };
    }
    const results = prepared.map((element, index) => {
      const messages = verdicts[index];
      if (messages.length > 0) {
        return { ...element, HasErrors: true, ValidationErrors: messages.map((Message) => ({ Message })) };
      }
      return this.store.commit(request.tenantId, resource.kind, element, request.idempotencyKey);
    });
    return { status: 200, body: envelope(resource.collection, results) };
  }

  private allocate(request: ApiRequest): ApiResponse {
    const check = this.validator.validateRequest(request.method, request.template, request.body);
    const elements = ((request.body as XeroObject | null)?.Allocations ?? []) as XeroObject[];
    if (!check.ok) {
      return { status: 400, body: validationException(groupViolations(check.violations, elements)) };
    }
    if (elements.length !== 1) {
      return { status: 400, body: validationException([{ messages: ['Exactly one allocation must be supplied per request.'] }]) };
    }
    const result = this.store.allocate(request.tenantId, request.params.CreditNoteID, elements[0]);
    if (!result.ok) {
      return { status: 400, body: validationException([{ element: elements[0], messages: result.messages }]) };
    }
    return { status: 200, body: envelope('Allocations', [result.document]) };
  }
}

function groupViolations(violations: Array<{ elementIndex?: number; message: string }>, elements: XeroObject[]): ElementErrors[] {
  const grouped = new Map<number | undefined, string[]>();
  for (const violation of violations) {
    const index = violation.elementIndex !== undefined && violation.elementIndex < elements.length ? violation.elementIndex : undefined;
    grouped.set(index, [...(grouped.get(index) ?? []), violation.message]);
  }
  return [...grouped.entries()].map(([index, messages]) => ({
    element: index === undefined || typeof elements[index] !== 'object' ? undefined : elements[index],
    messages,
  }));
}

function notAllowed(): ApiResponse {
  return { status: 405, body: problem(405, 'MethodNotAllowed', 'This method is not supported on this resource') };
}
