import { Module } from '@nestjs/common';
import { ErpDeliveryModule } from '../erp-delivery/erp-delivery.module';
import { WorkerService } from './worker.service';

@Module({ imports: [ErpDeliveryModule], providers: [WorkerService], exports: [WorkerService] })
export class WorkersModule {}
