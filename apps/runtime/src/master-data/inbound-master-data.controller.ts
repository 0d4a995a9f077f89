import { Body, Controller, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { InboundMasterDataService } from './inbound-master-data.service';

@ApiTags('master-data')
@ApiBearerAuth()
@ApiProblems()
@Controller('inbound')
export class InboundMasterDataController {
  constructor(@Inject(InboundMasterDataService) private readonly inbound: InboundMasterDataService) {}

  @Post(':source/master-data/:type')
  @HttpCode(200)
  @Roles('integration')
  @Idempotent()
  @ApiBody({ description: 'One record or an array of records in the source\'s native format (Harvest v2 Client or Project)', schema: {} })
  @ApiOperation({ summary: 'Map master data with the published inbound spec for (source, type), validate and upsert it; bad records go to the exception queue, reported by position' })
  receive(@CurrentPrincipal() p: Principal, @Param('source') source: string, @Param('type') type: string, @Body() body: unknown, @Query() query: Record<string, string | undefined>) {
    return this.inbound.receive(p.name, source, type, body, query);
  }
}
