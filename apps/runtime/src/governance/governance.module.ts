import { Module } from '@nestjs/common';
import { SpecsModule } from '../specs/specs.module';
import { GovernanceController } from './governance.controller';
import { GovernanceService } from './governance.service';

@Module({ imports: [SpecsModule], controllers: [GovernanceController], providers: [GovernanceService] })
export class GovernanceModule {}
