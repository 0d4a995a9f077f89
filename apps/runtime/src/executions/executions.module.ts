import { Module } from '@nestjs/common';
import { SpecsModule } from '../specs/specs.module';
import { ExecutionsRepository } from './executions.repository';
import { ExecutionsService } from './executions.service';
import { RetentionService } from './retention.service';
import { SpecRunsController } from './spec-runs.controller';
import { TransformController } from './transform.controller';

@Module({ imports: [SpecsModule], controllers: [TransformController, SpecRunsController], providers: [ExecutionsRepository, ExecutionsService, RetentionService] })
export class ExecutionsModule {}
