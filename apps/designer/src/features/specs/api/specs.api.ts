import { HttpClient, idempotencyKey } from '../../../shared/api/http-client';

export type VersionStatus = 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'PUBLISHED' | 'RETIRED';

export interface SpecSummary {
  id: string;
  kind: string;
  description: string;
  owner: string;
  riskClass: string;
  publishedVersion: string | null;
  latestVersion: string | null;
}

export interface Approval {
  approver: string;
  decision: 'APPROVE' | 'REJECT';
  comment: string;
  emergency: boolean;
  createdAt: string;
}

export interface VersionSummary {
  specId: string;
  version: string;
  status: VersionStatus;
  contentHash: string;
  author: string;
  basedOn: string | null;
  requiredApprovals: number;
  evidenceHash: string | null;
  createdAt: string;
  publishedAt: string | null;
  approvals: Approval[];
}

export interface SpecTestCase {
  name: string;
  input: unknown;
  now?: string;
  bindings?: Record<string, unknown>;
  expect: { output?: unknown; errorCode?: string };
  [key: string]: unknown;
}

export interface VersionContent {
  manifest: Record<string, unknown>;
  expression: string;
  tests: SpecTestCase[];
  inputSchema?: JsonSchema;
  outputSchema?: JsonSchema;
  data?: unknown;
}

export type JsonSchema = Record<string, unknown>;

export interface VersionDetail extends VersionSummary {
  content: VersionContent;
}

export interface PreviewResult {
  version: string;
  contentHash: string;
  durationMs: number;
  output: unknown;
}

export interface JsonChange {
  pointer: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface SpecDiffReport {
  before: { id: string; version: string };
  after: { id: string; version: string };
  samples: { name: string; status: string; changes: JsonChange[]; errorBefore?: { code: string }; errorAfter?: { code: string } }[];
  summary: { samples: number; unchanged: number; changed: number; errorChanged: number; bothFailed: number; fields: Record<string, { added: number; removed: number; changed: number }> };
}

export interface CaseDiffEntry {
  pointer: string;
  expected?: unknown;
  actual?: unknown;
  kind: 'missing' | 'unexpected' | 'mismatch';
}

export interface MoneyTotals {
  subtotal: string;
  tax: string;
  total: string;
}

/** One golden scenario's invoice and GL totals, as the runtime's evidence holds them. */
export interface GoldenScenarioTotals {
  name: string;
  matchesExpected: boolean;
  totals: { invoices: { count: number; byCurrency: Record<string, MoneyTotals> }; net: Record<string, MoneyTotals>; gl: { legalEntityId: string; account: string; debit: string; credit: string; balance: string }[] } | null;
  error?: string;
}

export interface GoldenEvidence {
  before: GoldenScenarioTotals[];
  after: GoldenScenarioTotals[];
  changed: string[];
  afterMeans: string;
}

export interface EvidenceDocument {
  checks: { passed: boolean; problems: { pointer: string; message: string }[] };
  semver: { passed: boolean; breakingChanges: string[]; reason?: string };
  tests: { passed: boolean; total: number; failed: number; cases: { name: string; passed: boolean; diff: CaseDiffEntry[]; message?: string; error?: { code: string } }[] } | null;
  diff: SpecDiffReport | null;
  goldenScenarios?: GoldenEvidence;
  [key: string]: unknown;
}

export interface Evidence {
  hash: string;
  createdAt: string;
  document: EvidenceDocument;
}

export interface InboxItem extends VersionSummary {
  canDecide?: boolean;
}

export interface Inbox {
  awaitingDecision: InboxItem[];
  awaitingPublish: InboxItem[];
}

const seg = encodeURIComponent;

/** Every /api/v1/specs and governance route the designer uses, typed as the runtime answers. */
export function specsApi(http: HttpClient) {
  return {
    list: () => http.request<SpecSummary[]>('GET', '/specs'),
    history: (id: string) => http.request<VersionSummary[]>('GET', `/specs/${seg(id)}/versions`),
    version: (id: string, version: string) => http.request<VersionDetail>('GET', `/specs/${seg(id)}/versions/${seg(version)}`),
    createDraft: (id: string, version: string, fromVersion: string) =>
      http.request<VersionSummary>('POST', `/specs/${seg(id)}/versions`, { version, fromVersion }, idempotencyKey()),
    editDraft: (id: string, version: string, patch: { expression?: string; tests?: SpecTestCase[]; data?: unknown }) =>
      http.request<VersionSummary>('PATCH', `/specs/${seg(id)}/versions/${seg(version)}`, patch),
    submit: (id: string, version: string) => http.request<VersionSummary>('POST', `/specs/${seg(id)}/versions/${seg(version)}/submit`, undefined, idempotencyKey()),
    approve: (id: string, version: string, comment: string, evidenceHash?: string) =>
      http.request<VersionSummary>('POST', `/specs/${seg(id)}/versions/${seg(version)}/approve`, { comment, ...(evidenceHash ? { evidenceHash } : {}) }, idempotencyKey()),
    reject: (id: string, version: string, comment: string, evidenceHash?: string) =>
      http.request<VersionSummary>('POST', `/specs/${seg(id)}/versions/${seg(version)}/reject`, { comment, ...(evidenceHash ? { evidenceHash } : {}) }, idempotencyKey()),
    publish: (id: string, version: string) => http.request<VersionSummary>('POST', `/specs/${seg(id)}/versions/${seg(version)}/publish`, undefined, idempotencyKey()),
    evidence: (id: string, version: string) => http.request<Evidence>('GET', `/specs/${seg(id)}/versions/${seg(version)}/evidence`),
    diff: (id: string, from: string, to: string) => http.request<SpecDiffReport>('GET', `/specs/${seg(id)}/diff?from=${seg(from)}&to=${seg(to)}`),
    preview: (id: string, version: string, input: unknown, now?: string) =>
      http.request<PreviewResult>('POST', `/specs/${seg(id)}/preview`, { version, input, ...(now ? { now } : {}) }),
    inbox: () => http.request<Inbox>('GET', '/governance/inbox'),
  };
}

export type SpecsApi = ReturnType<typeof specsApi>;
