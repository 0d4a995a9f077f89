import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { SimulationsService } from './simulations.service';

@ApiTags('simulations')
@ApiBearerAuth()
@ApiProblems()
@Controller('simulations')
export class SimulationsController {
  constructor(@Inject(SimulationsService) private readonly simulations: SimulationsService) {}

  @Post()
  @HttpCode(200)
  @Roles('operator', 'architect', 'approver', 'auditor')
  @ApiOperation({ summary: 'Run a billing scenario (master data and events) without side effects: invoices, credit notes, journals, exceptions, totals' })
  run(@Body() scenario: unknown) {
    return this.simulations.run(scenario);
  }
}
