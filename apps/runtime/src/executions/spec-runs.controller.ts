import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { validateBody } from '../common/json-schema.validator';
import { PREVIEW_SCHEMA, PreviewDto, SHADOW_RUN_SCHEMA, ShadowRunDto } from '../specs/dto/spec.dto';
import { ExecutionsService } from './executions.service';
import { ApiProblems } from '../common/api-problems.decorator';
import { RunResultDto } from '../specs/dto/spec-response.dto';

/** Runs that do not change production: previews of any version and shadow runs of versions in review. */
@ApiTags('specs')
@ApiBearerAuth()
@ApiProblems()
@Controller('specs')
export class SpecRunsController {
  constructor(@Inject(ExecutionsService) private readonly executions: ExecutionsService) {}

  @Post(':id/preview')
  @HttpCode(200)
  @Roles('architect', 'approver')
  @ApiBody({ type: PreviewDto })
  @ApiOperation({ summary: 'Dry run of any version over the given input' })
  @ApiOkResponse({ type: RunResultDto })
  preview(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    const dto = validateBody<PreviewDto>(PREVIEW_SCHEMA, body);
    return this.executions.preview(p, id, dto.version, dto.input, dto.now);
  }

  @Post(':id/versions/:version/shadow-run')
  @HttpCode(200)
  @Roles('architect', 'approver')
  @ApiBody({ type: ShadowRunDto, required: false })
  @ApiOperation({ summary: 'Replay recent recorded production inputs through a version in review' })
  shadowRun(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('version') version: string, @Body() body: unknown) {
    return this.executions.shadowRun(p, id, version, validateBody<ShadowRunDto>(SHADOW_RUN_SCHEMA, body).limit);
  }
}
