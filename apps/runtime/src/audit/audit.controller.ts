import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { AppError } from '../common/app-error';
import { AuditService } from './audit.service';
import { ApiProblems } from '../common/api-problems.decorator';
import { AuditEventDto, AuditVerdictDto } from './audit-response.dto';

@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems()
@Controller('audit')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  @Roles('auditor', 'approver')
  @ApiQuery({ name: 'entityId', required: false })
  @ApiQuery({ name: 'correlationId', required: false })
  @ApiQuery({ name: 'afterSeq', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({ type: [AuditEventDto] })
  async list(@Query('entityId') entityId?: string, @Query('correlationId') correlationId?: string, @Query('afterSeq') afterSeq?: string, @Query('limit') limit?: string) {
    const lim = limit === undefined ? 500 : Number(limit);
    const after = afterSeq === undefined ? undefined : Number(afterSeq);
    if (!Number.isInteger(lim) || lim < 1 || lim > 5000) throw new AppError('VALIDATION_FAILED', 'limit must be an integer from 1 to 5000.', [{ pointer: '/query/limit', message: 'out of range' }]);
    if (after !== undefined && !Number.isInteger(after)) throw new AppError('VALIDATION_FAILED', 'afterSeq must be an integer.', [{ pointer: '/query/afterSeq', message: 'not an integer' }]);
    const rows = await this.audit.list({ entityId, correlationId, afterSeq: after, limit: lim });
    return rows.map((r) => ({ ...r, details: JSON.parse(r.details) }));
  }

  @Get('verify')
  @Roles('auditor', 'approver')
  @ApiOperation({ summary: 'Recompute the hash chain and report the first broken link' })
  @ApiOkResponse({ type: AuditVerdictDto })
  verify() {
    return this.audit.verify();
  }
}
