import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { TimeEntriesService } from './time-entries.service';

interface TransitionBody {
  reason?: unknown;
  viaSystem?: unknown;
}

@ApiTags('time-entries')
@ApiBearerAuth()
@ApiProblems()
@Controller('time-entries')
export class TimeEntriesController {
  constructor(@Inject(TimeEntriesService) private readonly entries: TimeEntriesService) {}

  @Get(':id')
  @Roles('operator', 'auditor', 'integration')
  @ApiOperation({ summary: 'The current revision and state of a time entry' })
  get(@Param('id') id: string) {
    return this.entries.get(id);
  }

  @Get(':id/lineage')
  @Roles('operator', 'auditor')
  @ApiOperation({ summary: 'Revisions, mapping spec versions, transitions, rating snapshots with rate card and master-data versions, journals' })
  lineage(@Param('id') id: string) {
    return this.entries.lineage(id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('operator', 'integration')
  @Idempotent()
  @ApiOperation({ summary: 'Submit for approval; body {viaSystem?}' })
  submit(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: TransitionBody) {
    return this.entries.transitionById(p, id, 'submit', body);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('operator', 'integration')
  @Idempotent()
  @ApiOperation({ summary: 'Approve; rates the employee\'s week and posts the journal; body {viaSystem?, reason?}' })
  approve(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: TransitionBody) {
    return this.entries.transitionById(p, id, 'approve', body);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('operator', 'integration')
  @Idempotent()
  @ApiOperation({ summary: 'Reject with a reason; body {reason, viaSystem?}' })
  reject(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: TransitionBody) {
    return this.entries.transitionById(p, id, 'reject', body);
  }
}
