import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AppModule } from '../app.module';
import { AppConfig, ConfigError, loadAppConfig } from '../config/app-config';
import { openDataSource } from '../database/data-source.factory';
import { createPinoLogger, NestPinoLogger } from '../logging/app-logger';
import { CatalogImportService } from '../mapping/catalog-import.service';
import { WorkerService } from './worker.service';

export interface WorkerProcess {
  context: INestApplicationContext;
  close(): Promise<void>;
}

/**
 * Workers without the HTTP API: the same modules and the same database, no listener. Catalog import
 * and demo seeding stay with the API process; workers read published specs from the database.
 */
export async function startWorkers(config: AppConfig): Promise<WorkerProcess> {
  const logger = createPinoLogger(config.logLevel);
  const dataSource = await openDataSource(config);
  try {
    const context = await NestFactory.createApplicationContext(AppModule.register({ config, dataSource, logger }), { logger: new NestPinoLogger(logger) });
    await context.get(CatalogImportService).loadPublishedReference();
    await context.get(WorkerService).start();
    return {
      context,
      async close() {
        await context.close();
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
}

/** Entry for `mapwright worker`: exits 78 on bad configuration, stops cleanly on SIGINT/SIGTERM. */
export async function runWorkerProcess(env: Record<string, string | undefined>, write: (text: string) => void): Promise<number> {
  let config: AppConfig;
  try {
    config = loadAppConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      write(`${err.message}\n`);
      return 78;
    }
    throw err;
  }
  if (config.workerRoles.length === 0) {
    write('Invalid configuration: WORKER_ROLES must name at least one role (intake, billing, posting)\n');
    return 78;
  }
  const workers = await startWorkers(config);
  return new Promise<number>((resolve) => {
    const stop = () => {
      workers.close().then(() => resolve(0), () => resolve(1));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
