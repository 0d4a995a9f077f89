import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { samplesFromTests } from '@mapwright/spec-catalog';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { canonicalJson } from '../common/canonical-hash';
import { requestContext } from '../common/request-context';
import { TransactionService } from '../database/transaction.service';
import { PostImplementationReviewEntity } from '../governance/post-implementation-review.entity';
import { MappingGateway, VersionContent } from '../mapping/mapping-gateway.service';
import { ApprovalDecision, ApprovalEntity } from './entities/approval.entity';
import { EvidenceEntity } from './entities/evidence.entity';
import { SpecVersionEntity, VersionStatus } from './entities/spec-version.entity';
import { EvidenceService } from './evidence.service';
import { SpecsRepository } from './specs.repository';
import { SpecsService } from './specs.service';
import { versionView } from './spec-views';
import { canTransition } from './version-rules';

@Injectable()
export class LifecycleService {
  constructor(
    @Inject(SpecsRepository) private readonly repo: SpecsRepository,
    @Inject(SpecsService) private readonly specs: SpecsService,
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(EvidenceService) private readonly evidence: EvidenceService,
    @Inject(MappingGateway) private readonly gateway: MappingGateway,
  ) {}

  /** Freezes the content and stores the evidence approvers will judge. */
  async submit(principal: Principal, id: string, version: string) {
    const spec = await this.specs.requireSpec(id);
    const draft = await this.specs.requireVersion(id, version);
    this.assertTransition(draft, 'IN_REVIEW');
    const [published] = await this.repo.findByStatus('PUBLISHED', id);
    // Evidence is computed outside the write transaction: running tests can take a while.
    const { document, hash } = await this.evidence.build(spec, draft, published);
    if (!document.checks.passed) {
      throw new AppError('VALIDATION_FAILED', `${id}@${version} has content problems; fix them before submitting.`, document.checks.problems);
    }
    if (!document.semver.passed) {
      throw new AppError('SEMVER_MAJOR_REQUIRED', `${document.semver.reason}. Create the draft with a higher major version.`);
    }
    return this.tx.write(async (manager) => {
      const row = await this.specs.requireVersion(id, version, manager);
      this.assertTransition(row, 'IN_REVIEW');
      if (row.contentHash !== draft.contentHash) throw new AppError('INVALID_TRANSITION', 'The draft changed while its evidence was computed; submit again.');
      row.status = 'IN_REVIEW';
      row.evidenceHash = hash;
      row.updatedAt = new Date().toISOString();
      await this.repo.saveVersion(manager, row);
      await this.repo.upsertEvidence(manager, Object.assign(new EvidenceEntity(), {
        versionId: row.id, document: canonicalJson(document), hash, correlationId: requestContext.correlationId(), createdAt: row.updatedAt,
      }));
      await this.audit.append(manager, { actor: principal.name, action: 'version.submitted', entityType: 'spec_version', entityId: `${id}@${version}`, beforeHash: row.contentHash, afterHash: row.contentHash, details: { evidenceHash: hash } });
      return { ...versionView(row), evidence: document };
    });
  }

  async decide(principal: Principal, id: string, version: string, decision: ApprovalDecision, comment: string, evidenceHash?: string) {
    return this.tx.write(async (manager) => {
      await this.tx.lock(manager, `spec:${id}`);
      const row = await this.specs.requireVersion(id, version, manager);
      if (row.status !== 'IN_REVIEW') throw new AppError('INVALID_TRANSITION', `${id}@${version} is ${row.status}; only versions in review can be decided.`);
      this.assertNotAuthor(principal, row);
      if (evidenceHash && evidenceHash !== row.evidenceHash) {
        throw new AppError('VALIDATION_FAILED', 'The evidence you reviewed is not the evidence on record; reload it.', [{ pointer: '/evidenceHash', message: 'does not match' }]);
      }
      await this.repo.insertApproval(manager, this.approvalRow(principal, row, decision, comment, false));
      const approvals = (await this.repo.listApprovals(row.id, manager)).filter((a) => a.decision === 'APPROVE');
      const before = row.status;
      if (decision === 'REJECT') row.status = 'REJECTED';
      else if (approvals.length >= row.requiredApprovals) row.status = 'APPROVED';
      row.updatedAt = new Date().toISOString();
      await this.repo.saveVersion(manager, row);
      await this.audit.append(manager, {
        actor: principal.name, action: decision === 'APPROVE' ? 'version.approved' : 'version.rejected', entityType: 'spec_version',
        entityId: `${id}@${version}`, beforeHash: row.contentHash, afterHash: row.contentHash,
        details: { comment, evidenceHash: row.evidenceHash, statusBefore: before, statusAfter: row.status, approvals: approvals.length, required: row.requiredApprovals },
      });
      return versionView(row, await this.repo.listApprovals(row.id, manager));
    });
  }

  async publish(principal: Principal, id: string, version: string) {
    return this.tx.write(async (manager) => {
      await this.tx.lock(manager, `spec:${id}`);
      const row = await this.specs.requireVersion(id, version, manager);
      if (row.status !== 'APPROVED') {
        throw new AppError('INVALID_TRANSITION', `${id}@${version} is ${row.status}; only approved versions can be published (approvers may use emergency publish).`);
      }
      const approvals = (await this.repo.listApprovals(row.id, manager)).filter((a) => a.decision === 'APPROVE');
      if (approvals.length < row.requiredApprovals) {
        throw new AppError('INSUFFICIENT_APPROVALS', `${id}@${version} has ${approvals.length} of ${row.requiredApprovals} approvals.`);
      }
      return this.makePublished(manager, principal, row, 'version.published', {});
    });
  }

  /** One approver, flagged, and a post-implementation review that stays open on the inbox. */
  async emergencyPublish(principal: Principal, id: string, version: string, reason: string) {
    return this.tx.write(async (manager) => {
      await this.tx.lock(manager, `spec:${id}`);
      const row = await this.specs.requireVersion(id, version, manager);
      if (row.status !== 'IN_REVIEW' && row.status !== 'APPROVED') {
        throw new AppError('INVALID_TRANSITION', `${id}@${version} is ${row.status}; submit it for review before an emergency publish.`);
      }
      this.assertNotAuthor(principal, row);
      const already = (await this.repo.listApprovals(row.id, manager)).some((a) => a.approver === principal.name);
      if (!already) await this.repo.insertApproval(manager, this.approvalRow(principal, row, 'APPROVE', `EMERGENCY: ${reason}`, true));
      row.emergency = true;
      const review = Object.assign(new PostImplementationReviewEntity(), {
        id: randomUUID(), specId: id, versionId: row.id, version, openedBy: principal.name, reason, openedAt: new Date().toISOString(),
        closedBy: null, closingComment: null, closedAt: null, correlationId: requestContext.correlationId(),
      });
      const view = await this.makePublished(manager, principal, row, 'version.emergency-published', { reason, reviewId: review.id });
      await this.repo.insertReview(manager, review);
      await this.audit.append(manager, { actor: principal.name, action: 'review.opened', entityType: 'post_implementation_review', entityId: review.id, details: { specId: id, version, reason } });
      return { ...view, postImplementationReviewId: review.id };
    });
  }

  async closeReview(principal: Principal, reviewId: string, comment: string) {
    return this.tx.write(async (manager) => {
      const review = await this.repo.findReview(reviewId, manager);
      if (!review) throw new AppError('REVIEW_NOT_FOUND', `No post-implementation review ${reviewId}.`);
      if (review.closedAt) throw new AppError('INVALID_TRANSITION', 'This review is already closed.');
      if (review.openedBy === principal.name) {
        throw new AppError('EMERGENCY_REVIEWER_CONFLICT', 'The approver who made the emergency publish cannot close its review; ask another approver.');
      }
      Object.assign(review, { closedBy: principal.name, closingComment: comment, closedAt: new Date().toISOString() });
      await this.repo.saveReview(manager, review);
      await this.audit.append(manager, { actor: principal.name, action: 'review.closed', entityType: 'post_implementation_review', entityId: review.id, details: { comment } });
      return review;
    });
  }

  async getEvidence(id: string, version: string) {
    const row = await this.specs.requireVersion(id, version);
    const evidence = await this.repo.findEvidence(row.id);
    if (!evidence) throw new AppError('VERSION_NOT_FOUND', `${id}@${version} has no evidence yet; it is computed when the draft is submitted.`);
    return { hash: evidence.hash, createdAt: evidence.createdAt, correlationId: evidence.correlationId, document: JSON.parse(evidence.document) };
  }

  async diff(id: string, from: string, to: string) {
    const spec = await this.specs.requireSpec(id);
    const [a, b] = [await this.specs.requireVersion(id, from), await this.specs.requireVersion(id, to)];
    const ca = JSON.parse(a.content) as VersionContent;
    const cb = JSON.parse(b.content) as VersionContent;
    if (!['inbound', 'outbound', 'canonical'].includes(spec.kind)) {
      return { before: { id, version: from }, after: { id, version: to }, contentChanged: a.contentHash !== b.contentHash };
    }
    const la = this.gateway.toLoaded(spec, from, ca);
    const lb = this.gateway.toLoaded(spec, to, cb);
    return this.gateway.diff(la, lb, samplesFromTests(la, lb));
  }

  private async makePublished(manager: EntityManager, principal: Principal, row: SpecVersionEntity, action: string, details: Record<string, unknown>) {
    const current = await this.repo.findByStatus('PUBLISHED', row.specId, manager);
    const now = new Date().toISOString();
    for (const old of current) {
      old.status = 'RETIRED';
      old.updatedAt = now;
      await this.repo.saveVersion(manager, old);
      await this.audit.append(manager, { actor: principal.name, action: 'version.retired', entityType: 'spec_version', entityId: `${old.specId}@${old.version}`, beforeHash: old.contentHash, afterHash: old.contentHash, details: { supersededBy: row.version } });
    }
    row.status = 'PUBLISHED';
    row.publishedAt = now;
    row.updatedAt = now;
    await this.repo.saveVersion(manager, row);
    await this.audit.append(manager, { actor: principal.name, action, entityType: 'spec_version', entityId: `${row.specId}@${row.version}`, beforeHash: current[0]?.contentHash ?? null, afterHash: row.contentHash, details: { ...details, emergency: row.emergency } });
    if (row.specId === 'reference-data') this.gateway.setReferenceData((JSON.parse(row.content) as VersionContent).data as never);
    return versionView(row, await this.repo.listApprovals(row.id, manager));
  }

  private approvalRow(principal: Principal, row: SpecVersionEntity, decision: ApprovalDecision, comment: string, emergency: boolean): ApprovalEntity {
    return Object.assign(new ApprovalEntity(), {
      id: randomUUID(), versionId: row.id, approver: principal.name, decision, comment, evidenceHash: row.evidenceHash,
      emergency, correlationId: requestContext.correlationId(), createdAt: new Date().toISOString(),
    });
  }

  private assertNotAuthor(principal: Principal, row: SpecVersionEntity): void {
    if (principal.name === row.author) {
      throw new AppError('SELF_APPROVAL_FORBIDDEN', `You wrote ${row.specId}@${row.version}; another approver must decide on it.`);
    }
  }

  private assertTransition(row: SpecVersionEntity, to: VersionStatus): void {
    if (!canTransition(row.status, to)) {
      throw new AppError(row.status === 'PUBLISHED' ? 'VERSION_IMMUTABLE' : 'INVALID_TRANSITION', `${row.specId}@${row.version} is ${row.status} and cannot move to ${to}.`);
    }
  }
}
