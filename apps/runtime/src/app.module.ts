import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { TransactionService } from './database/transaction.service';
import { ExecutionsModule } from './executions/executions.module';
import { GovernanceModule } from './governance/governance.module';
import { HealthModule } from './health/health.module';
import { MetricsService } from './health/metrics.service';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { PINO_LOGGER } from './logging/app-logger';
import { MappingGateway } from './mapping/mapping-gateway.service';
import { MessagingModule } from './messaging/messaging.module';
import { WorkersModule } from './workers/workers.module';
import { SpecsModule } from './specs/specs.module';
import { UsersModule } from './users/users.module';
import { MasterDataModule } from './master-data/master-data.module';
import { ExceptionsModule } from './exceptions/exceptions.module';
import { LedgerModule } from './ledger/ledger.module';
import { TimeEntriesModule } from './time-entries/time-entries.module';
import { IntakeModule } from './intake/intake.module';
import { KpisModule } from './kpis/kpis.module';
import { SimulationsModule } from './simulations/simulations.module';
import { BillingModule } from './billing/billing.module';

export interface CoreDependencies {
  config: AppConfig;
  dataSource: DataSource;
  logger: Logger;
}

/** Process-wide singletons, built before Nest starts so boot failures are plain and early. */
@Global()
@Module({})
class CoreModule {
  static register(deps: CoreDependencies): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: DataSource, useValue: deps.dataSource },
        { provide: PINO_LOGGER, useValue: deps.logger },
        TransactionService,
        MetricsService,
        MappingGateway,
      ],
      exports: [APP_CONFIG, DataSource, PINO_LOGGER, TransactionService, MetricsService, MappingGateway],
    };
  }
}

@Module({})
export class AppModule {
  static register(deps: CoreDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(deps), AuditModule, UsersModule, AuthModule, SpecsModule, ExecutionsModule,
        MasterDataModule, ExceptionsModule, LedgerModule, TimeEntriesModule, IntakeModule, KpisModule, SimulationsModule, BillingModule,
        GovernanceModule, IdempotencyModule, HealthModule, MessagingModule, WorkersModule,
      ],
    };
  }
}
