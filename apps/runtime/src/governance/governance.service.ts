import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../auth/principal';
import { SpecsRepository } from '../specs/specs.repository';
import { versionView } from '../specs/spec-views';

@Injectable()
export class GovernanceService {
  constructor(@Inject(SpecsRepository) private readonly repo: SpecsRepository) {}

  async inbox(principal: Principal) {
    const inReview = await this.repo.findByStatus('IN_REVIEW');
    const approved = await this.repo.findByStatus('APPROVED');
    const reviews = await this.repo.openReviews();
    const awaiting = await Promise.all(inReview.map(async (v) => {
      const approvals = await this.repo.listApprovals(v.id);
      return { ...versionView(v, approvals), canDecide: v.author !== principal.name && !approvals.some((a) => a.approver === principal.name) };
    }));
    return {
      awaitingDecision: awaiting,
      awaitingPublish: approved.map((v) => versionView(v)),
      openPostImplementationReviews: reviews,
    };
  }
}
