import type { ApprovalEntity } from './entities/approval.entity';
import type { SpecVersionEntity } from './entities/spec-version.entity';
import type { SpecEntity } from './entities/spec.entity';
import type { VersionContent } from '../mapping/mapping-gateway.service';

export function specView(spec: SpecEntity, versions: SpecVersionEntity[]) {
  const published = versions.find((v) => v.status === 'PUBLISHED');
  const latest = versions[versions.length - 1];
  return {
    id: spec.id,
    kind: spec.kind,
    description: spec.description,
    owner: spec.owner,
    riskClass: spec.riskClass,
    publishedVersion: published?.version ?? null,
    latestVersion: latest?.version ?? null,
    createdAt: spec.createdAt,
  };
}

export function approvalView(a: ApprovalEntity) {
  return { approver: a.approver, decision: a.decision, comment: a.comment, evidenceHash: a.evidenceHash, emergency: a.emergency, correlationId: a.correlationId, createdAt: a.createdAt };
}

export function versionView(v: SpecVersionEntity, approvals: ApprovalEntity[] = []) {
  return {
    specId: v.specId,
    version: v.version,
    status: v.status,
    contentHash: v.contentHash,
    author: v.author,
    basedOn: v.basedOn,
    requiredApprovals: v.requiredApprovals,
    emergency: v.emergency,
    evidenceHash: v.evidenceHash,
    correlationId: v.correlationId,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    publishedAt: v.publishedAt,
    approvals: approvals.map(approvalView),
  };
}

export function versionWithContent(v: SpecVersionEntity, approvals: ApprovalEntity[] = []) {
  return { ...versionView(v, approvals), content: JSON.parse(v.content) as VersionContent };
}
