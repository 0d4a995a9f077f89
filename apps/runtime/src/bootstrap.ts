import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type pino from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { TokenVerifierService } from './auth/token-verifier.service';
import { correlationMiddleware } from './common/correlation.middleware';
import { jsonBodyMiddleware } from './common/json-body.middleware';
import { ProblemExceptionFilter } from './common/problem-exception.filter';
import { AppConfig } from './config/app-config';
import { ConfigAuditService } from './config/config-audit.service';
import { openDataSource } from './database/data-source.factory';
import { MetricsService } from './health/metrics.service';
import { createPinoLogger, NestPinoLogger } from './logging/app-logger';
import { httpLoggerMiddleware } from './logging/http-logger.middleware';
import { CatalogImportService } from './mapping/catalog-import.service';
import { MappingGateway } from './mapping/mapping-gateway.service';
import { UsersService } from './users/users.service';
import { MasterDataSeedService } from './master-data/master-data-seed.service';

export interface RuntimeApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Where JSON log lines go; stdout by default. */
  logDestination?: pino.DestinationStream;
}

/** Builds the fully configured application; used by main.ts and by the end-to-end tests. */
export async function createRuntimeApp(config: AppConfig, options: RuntimeOptions = {}): Promise<RuntimeApp> {
  const logger = createPinoLogger(config.logLevel, options.logDestination);
  const dataSource = await openDataSource(config);
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.register({ config, dataSource, logger }), {
      bodyParser: false,
      logger: new NestPinoLogger(logger),
    });
    const metrics = app.get(MetricsService);
    const gateway = app.get(MappingGateway);
    app.use(correlationMiddleware);
    app.use(httpLoggerMiddleware(logger, metrics));
    app.use(jsonBodyMiddleware({ bodyLimitBytes: config.bodyLimitBytes, maxJsonDepth: config.maxJsonDepth, hygiene: (v) => gateway.hygiene(v) }));
    app.setGlobalPrefix('api/v1', { exclude: ['health', 'metrics'] });
    app.useGlobalFilters(new ProblemExceptionFilter(logger));
    app.disable('x-powered-by');

    const openApi = new DocumentBuilder()
      .setTitle('Mapwright runtime API')
      .setDescription('Spec registry, approval-gated publishing, transforms and audit. Errors are RFC 9457 problem+json.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build();
    SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'api/docs-json' });

    if (fs.existsSync(config.designerDir)) serveDesigner(app, config.designerDir);

    await app.init();
    await app.get(TokenVerifierService).warmUp();
    await app.get(ConfigAuditService).recordIfChanged();
    if (config.seedDemoData) {
      await app.get(UsersService).seedDemoUsers();
      await app.get(MasterDataSeedService).seedDemoFirm();
      await app.get(CatalogImportService).importShippedSpecs();
    } else {
      await app.get(CatalogImportService).loadPublishedReference();
    }
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
  return {
    app,
    dataSource,
    async close() {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** Static designer build at `/`, with index.html for client-side routes (never for API paths). */
function serveDesigner(app: NestExpressApplication, dir: string): void {
  app.useStaticAssets(dir, { index: ['index.html'] });
  const index = path.join(dir, 'index.html');
  app.use((req: { method: string; path: string; accepts(type: string): string | false }, res: { sendFile(file: string): void }, next: () => void) => {
    if (req.method === 'GET' && !/^\/(api|health|metrics)(\/|$)/.test(req.path) && req.accepts('html') && fs.existsSync(index)) return res.sendFile(index);
    next();
  });
}
