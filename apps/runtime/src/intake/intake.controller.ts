import { Body, Controller, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { IntakeService } from './intake.service';

@ApiTags('intake')
@ApiBearerAuth()
@ApiProblems()
@Controller('inbound')
export class IntakeController {
  constructor(@Inject(IntakeService) private readonly intake: IntakeService) {}

  @Post(':source/time-entries')
  @HttpCode(200)
  @Roles('integration')
  @Idempotent()
  @ApiBody({ description: 'One record or an array of records in the source\'s native format', schema: {} })
  @ApiOperation({ summary: 'Map, validate and store time entries; bad records go to the exception queue and are reported by position' })
  timeEntries(@CurrentPrincipal() p: Principal, @Param('source') source: string, @Body() body: unknown, @Query() query: Record<string, string | undefined>) {
    return this.intake.receive(p.name, source, body, query);
  }

  @Post(':source/approvals')
  @HttpCode(200)
  @Roles('integration')
  @Idempotent()
  @ApiOperation({ summary: 'Approval events from the source: {externalId, action: submit|approve|reject, reason?}' })
  approvals(@CurrentPrincipal() p: Principal, @Param('source') source: string, @Body() body: unknown) {
    return this.intake.receiveApprovals(p.name, source, body);
  }
}
