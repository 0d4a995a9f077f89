import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { AppError } from '../common/app-error';
import { validateBody } from '../common/json-schema.validator';
import { Idempotent } from '../idempotency/idempotent.decorator';
import {
  CREATE_DRAFT_SCHEMA, CreateDraftDto, DECISION_SCHEMA, DecisionDto, EDIT_DRAFT_SCHEMA, EditDraftDto, EMERGENCY_SCHEMA,
  EmergencyPublishDto,
} from './dto/spec.dto';
import { LifecycleService } from './lifecycle.service';
import { DraftInput, SpecsService } from './specs.service';
import { ApiProblems } from '../common/api-problems.decorator';
import { EvidenceDto, SpecDetailDto, SpecSummaryDto, VersionDto } from './dto/spec-response.dto';

const READERS = ['architect', 'approver', 'operator', 'auditor'] as const;

@ApiTags('specs')
@ApiBearerAuth()
@ApiProblems()
@Controller('specs')
export class SpecsController {
  constructor(
    @Inject(SpecsService) private readonly specs: SpecsService,
    @Inject(LifecycleService) private readonly lifecycle: LifecycleService,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'List specs with their published and latest versions' })
  @ApiOkResponse({ type: [SpecSummaryDto] })
  list() {
    return this.specs.list();
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: SpecDetailDto })
  get(@Param('id') id: string) {
    return this.specs.get(id);
  }

  @Get(':id/versions')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Version history with approvals' })
  @ApiOkResponse({ type: [VersionDto] })
  history(@Param('id') id: string) {
    return this.specs.history(id);
  }

  @Get(':id/versions/:version')
  @Roles(...READERS)
  @ApiOkResponse({ type: VersionDto })
  version(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('version') version: string) {
    return this.specs.getVersion(p, id, version);
  }

  @Post(':id/versions')
  @Roles('architect')
  @Idempotent()
  @ApiBody({ type: CreateDraftDto })
  @ApiOperation({ summary: 'Create a draft (new spec, new version, rollback copy, or rework of a rejected version)' })
  @ApiCreatedResponse({ type: VersionDto })
  createDraft(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.specs.createDraft(p, id, validateBody<DraftInput>(CREATE_DRAFT_SCHEMA, body));
  }

  @Patch(':id/versions/:version')
  @Roles('architect')
  @ApiBody({ type: EditDraftDto })
  @ApiOkResponse({ type: VersionDto })
  editDraft(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('version') version: string, @Body() body: unknown) {
    return this.specs.editDraft(p, id, version, validateBody<EditDraftDto>(EDIT_DRAFT_SCHEMA, body) as Omit<DraftInput, 'version'>);
  }

  @Post(':id/versions/:version/submit')
  @HttpCode(200)
  @Roles('architect')
  @Idempotent()
  @ApiOperation({ summary: 'Freeze the draft and compute evidence (tests, checks, semver, diff vs published)' })
  submit(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('version') version: string) {
    return this.lifecycle.submit(p, id, version);
  }

  @Post(':id/versions/:version/approve')
  @HttpCode(200)
  @Roles('approver')
  @Idempotent()
  @ApiBody({ type: DecisionDto })
  @ApiOkResponse({ type: VersionDto })
  approve(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('version') version: string, @Body() body: unknown) {
    const dto = validateBody<DecisionDto>(DECISION_SCHEMA, body);
    return this.lifecycle.decide(p, id, version, 'APPROVE', dto.comment, dto.evidenceHash);
  }

  @Post(':id/versions/:version/reject')
  @HttpCode(200)
  @Roles('approver')
  @Idempotent()
  @ApiBody({ type: DecisionDto })
  @ApiOkResponse({ type: VersionDto })
  reject(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('version') version: string, @Body() body: unknown) {
    const dto = validateBody<DecisionDto>(DECISION_SCHEMA, body);
    return this.lifecycle.decide(p, id, version, 'REJECT', dto.comment, dto.evidenceHash);
  }

  @Post(':id/versions/:version/publish')
  @HttpCode(200)
  @Roles('approver', 'architect')
  @Idempotent()
  @ApiOperation({ summary: 'Publish an approved version; the previous published version is retired' })
  @ApiOkResponse({ type: VersionDto })
  publish(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('version') version: string) {
    return this.lifecycle.publish(p, id, version);
  }

  @Post(':id/versions/:version/emergency-publish')
  @HttpCode(200)
  @Roles('approver')
  @Idempotent()
  @ApiBody({ type: EmergencyPublishDto })
  @ApiOperation({ summary: 'Single-approver publish, flagged, opening a mandatory post-implementation review' })
  @ApiOkResponse({ type: VersionDto })
  emergencyPublish(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('version') version: string, @Body() body: unknown) {
    return this.lifecycle.emergencyPublish(p, id, version, validateBody<EmergencyPublishDto>(EMERGENCY_SCHEMA, body).reason);
  }

  @Get(':id/versions/:version/evidence')
  @Roles(...READERS)
  @ApiOkResponse({ type: EvidenceDto })
  evidence(@Param('id') id: string, @Param('version') version: string) {
    return this.lifecycle.getEvidence(id, version);
  }

  @Get(':id/diff')
  @Roles(...READERS)
  @ApiQuery({ name: 'from', example: '1.0.0' })
  @ApiQuery({ name: 'to', example: '1.1.0' })
  @ApiOperation({ summary: 'Output differences between two versions over both versions\' test inputs' })
  diff(@Param('id') id: string, @Query('from') from?: string, @Query('to') to?: string) {
    if (!from || !to) {
      const errors = [...(from ? [] : [{ pointer: '/query/from', message: 'required' }]), ...(to ? [] : [{ pointer: '/query/to', message: 'required' }])];
      throw new AppError('VALIDATION_FAILED', 'Name both versions: ?from=<version>&to=<version>.', errors);
    }
    return this.lifecycle.diff(id, from, to);
  }
}
