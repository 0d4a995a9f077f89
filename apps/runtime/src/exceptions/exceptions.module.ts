import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ExceptionsController } from './exceptions.controller';
import { ExceptionsRepository } from './exceptions.repository';
import { ExceptionsService } from './exceptions.service';

@Module({ imports: [AuditModule], controllers: [ExceptionsController], providers: [ExceptionsRepository, ExceptionsService], exports: [ExceptionsService, ExceptionsRepository] })
export class ExceptionsModule {}
