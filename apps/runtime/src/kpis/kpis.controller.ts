import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { KpisService } from './kpis.service';

@ApiTags('kpis')
@ApiBearerAuth()
@ApiProblems()
@Controller('kpis')
export class KpisController {
  constructor(@Inject(KpisService) private readonly kpis: KpisService) {}

  @Get()
  @Roles('operator', 'auditor', 'approver')
  @ApiOperation({ summary: 'Approval latency, pending billing, exceptions by reason and age, revenue leakage (?leakageDays=30), duplicate delivery rate' })
  get(@Query('leakageDays') leakageDays?: string) {
    return this.kpis.kpis({ leakageDays });
  }
}
