import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { validateBody } from '../common/json-schema.validator';
import { PAUSE_SCHEMA, PauseDto, REPLAY_FILTER_SCHEMA, ReplayFilterDto } from './dto/operations.dto';
import { OperationsService } from './operations.service';

@ApiTags('operations')
@ApiBearerAuth()
@ApiProblems()
@Controller('operations')
export class OperationsController {
  constructor(@Inject(OperationsService) private readonly ops: OperationsService) {}

  @Get('dead-letters')
  @Roles('operator', 'auditor')
  @ApiOperation({ summary: 'Dead letters with payload and failure history' })
  deadLetters(@Query('status') status?: string, @Query('type') type?: string, @Query('legalEntity') legalEntity?: string, @Query('code') code?: string) {
    return this.ops.listDeadLetters({ status, type, legalEntity, code });
  }

  @Post('dead-letters/replay')
  @HttpCode(200)
  @Roles('operator')
  @ApiBody({ type: ReplayFilterDto })
  @ApiOperation({ summary: 'Replay every open dead letter matching the filter, as new messages with the original correlation ids' })
  replayMatching(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    return this.ops.replayMatching(p, validateBody<ReplayFilterDto>(REPLAY_FILTER_SCHEMA, body));
  }

  @Post('dead-letters/:id/replay')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Replay one dead letter' })
  replayOne(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.ops.replayOne(p, id);
  }

  @Post('partitions/pause')
  @HttpCode(200)
  @Roles('operator')
  @ApiBody({ type: PauseDto })
  pause(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    const dto = validateBody<PauseDto>(PAUSE_SCHEMA, body);
    return this.ops.pause(p, dto.partitionKey, dto.reason ?? '');
  }

  @Post('partitions/resume')
  @HttpCode(200)
  @Roles('operator')
  @ApiBody({ type: PauseDto })
  resume(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    return this.ops.resume(p, validateBody<PauseDto>(PAUSE_SCHEMA, body).partitionKey);
  }

  @Get('in-flight')
  @Roles('operator', 'auditor')
  @ApiOperation({ summary: 'Unfinished events per partition, paused partitions, this process\'s dispatcher' })
  inFlight() {
    return this.ops.inFlight();
  }

  @Get('reconcile')
  @Roles('operator', 'auditor')
  @ApiOperation({ summary: 'Compare the documents Mapwright recorded as posted with what the ERP holds' })
  reconcile(@Query('legalEntity') legalEntity?: string, @Query('limit') limit?: string) {
    return this.ops.reconcile(legalEntity, limit && /^\d+$/.test(limit) ? Math.min(1000, Number(limit)) : 200);
  }
}
