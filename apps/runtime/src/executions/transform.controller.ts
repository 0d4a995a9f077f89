import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ExecutionsService } from './executions.service';
import { ApiProblems } from '../common/api-problems.decorator';
import { RunResultDto } from '../specs/dto/spec-response.dto';

@ApiTags('transform')
@ApiBearerAuth()
@ApiProblems()
@Controller('transform')
export class TransformController {
  constructor(@Inject(ExecutionsService) private readonly executions: ExecutionsService) {}

  @Post(':id')
  @HttpCode(200)
  @Roles('integration')
  @Idempotent()
  @ApiBody({ description: 'The input document, as the source system sends it', schema: { type: 'object' } })
  @ApiOperation({ summary: 'Run the published version of a spec; the response names the pinned version and content hash' })
  @ApiOkResponse({ type: RunResultDto })
  transform(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.executions.transform(p, id, body);
  }
}
