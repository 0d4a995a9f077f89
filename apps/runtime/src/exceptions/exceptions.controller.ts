import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ExceptionsService } from './exceptions.service';

@ApiTags('exceptions')
@ApiBearerAuth()
@ApiProblems()
@Controller('exceptions')
export class ExceptionsController {
  constructor(@Inject(ExceptionsService) private readonly exceptions: ExceptionsService) {}

  @Get()
  @Roles('operator', 'auditor', 'approver')
  @ApiOperation({ summary: 'Exception queue; filters code, category, state, legalEntity, minAgeHours, limit' })
  list(@Query() q: Record<string, string>) {
    return this.exceptions.list(q);
  }

  @Get(':id')
  @Roles('operator', 'auditor', 'approver')
  @ApiOperation({ summary: 'One exception with its stored record; sensitive fields masked for roles without view-sensitive' })
  inspect(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.exceptions.inspect(p, id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Re-run intake (or rating) of the stored record after a fix' })
  retry(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.exceptions.retry(p, id);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Close the exception with a note' })
  resolve(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: { note?: unknown }) {
    return this.exceptions.resolve(p, id, body);
  }
}
