import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { validateBody } from '../common/json-schema.validator';
import { CLOSE_REVIEW_SCHEMA, CloseReviewDto } from '../specs/dto/spec.dto';
import { LifecycleService } from '../specs/lifecycle.service';
import { GovernanceService } from './governance.service';
import { ApiProblems } from '../common/api-problems.decorator';

@ApiTags('governance')
@ApiBearerAuth()
@ApiProblems()
@Controller('governance')
export class GovernanceController {
  constructor(
    @Inject(GovernanceService) private readonly governance: GovernanceService,
    @Inject(LifecycleService) private readonly lifecycle: LifecycleService,
  ) {}

  @Get('inbox')
  @Roles('approver', 'auditor')
  @ApiOperation({ summary: 'Versions awaiting a decision, approved versions awaiting publish, open post-implementation reviews' })
  inbox(@CurrentPrincipal() p: Principal) {
    return this.governance.inbox(p);
  }

  @Post('reviews/:id/close')
  @HttpCode(200)
  @Roles('approver')
  @ApiBody({ type: CloseReviewDto })
  close(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.lifecycle.closeReview(p, id, validateBody<CloseReviewDto>(CLOSE_REVIEW_SCHEMA, body).comment);
  }
}
