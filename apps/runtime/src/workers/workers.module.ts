import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ErpDeliveryModule } from '../erp-delivery/erp-delivery.module';
import { ExceptionsModule } from '../exceptions/exceptions.module';
import { SpecsModule } from '../specs/specs.module';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';
import { WorkerService } from './worker.service';

@Module({ imports: [ErpDeliveryModule, AuditModule, ExceptionsModule, SpecsModule], controllers: [OperationsController], providers: [WorkerService, OperationsService], exports: [WorkerService] })
export class WorkersModule {}
