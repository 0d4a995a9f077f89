import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { LedgerService } from './ledger.service';

@ApiTags('ledger')
@ApiBearerAuth()
@ApiProblems()
@Controller()
export class LedgerController {
  constructor(@Inject(LedgerService) private readonly ledger: LedgerService) {}

  @Get('journals')
  @Roles('operator', 'auditor', 'integration')
  @ApiOperation({ summary: 'Journals by legal entity and period (YYYY-MM), as JSON or a CSV batch' })
  async journals(@Query('legalEntity') legalEntity: string | undefined, @Query('period') period: string | undefined, @Query('format') format: string | undefined, @Res({ passthrough: true }) res: Response) {
    const out = await this.ledger.journals({ legalEntity, period, format });
    res.type(out.contentType);
    return out.body;
  }

  @Get('payroll-inputs')
  @Roles('operator', 'auditor', 'integration')
  @ApiOperation({ summary: 'Payroll hours per employee, period and pay code from the latest rating of each entry' })
  payrollInputs(@Query('period') period: string | undefined, @Query('legalEntity') legalEntity: string | undefined) {
    return this.ledger.payrollInputs({ period, legalEntity });
  }
}
