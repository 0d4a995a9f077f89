import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { MasterDataService, MasterDataWrite } from './master-data.service';

const READERS = ['architect', 'approver', 'operator', 'auditor', 'integration'] as const;

@ApiTags('master-data')
@ApiBearerAuth()
@ApiProblems()
@Controller('master-data')
export class MasterDataController {
  constructor(@Inject(MasterDataService) private readonly masterData: MasterDataService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Master-data types and the system that is authoritative for each' })
  types() {
    return this.masterData.types();
  }

  @Get(':type')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Objects of a type; ?legalEntity= filters, ?externalSystem=&externalId= resolves an external id' })
  list(@CurrentPrincipal() p: Principal, @Param('type') type: string, @Query('legalEntity') legalEntity?: string, @Query('externalSystem') externalSystem?: string, @Query('externalId') externalId?: string) {
    return this.masterData.list(p, type, { legalEntity, externalSystem, externalId });
  }

  @Get(':type/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One object with its version history' })
  get(@CurrentPrincipal() p: Principal, @Param('type') type: string, @Param('id') id: string) {
    return this.masterData.get(p, type, id);
  }

  @Post(':type')
  @HttpCode(200)
  @Roles('integration', 'operator')
  @ApiBody({ schema: { type: 'object', required: ['sourceSystem', 'object'], properties: { sourceSystem: { type: 'string' }, object: { type: 'object' }, attributes: { type: 'object' } } } })
  @ApiOperation({ summary: 'Upsert by canonical id; refused unless sourceSystem is the type\'s authoritative system' })
  upsert(@CurrentPrincipal() p: Principal, @Param('type') type: string, @Body() body: MasterDataWrite) {
    return this.masterData.upsert(p.name, type, body);
  }
}
