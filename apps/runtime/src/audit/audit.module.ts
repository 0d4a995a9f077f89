import { Module } from '@nestjs/common';
import { ConfigAuditService } from '../config/config-audit.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Module({ controllers: [AuditController], providers: [AuditRepository, AuditService, ConfigAuditService], exports: [AuditService, ConfigAuditService] })
export class AuditModule {}
