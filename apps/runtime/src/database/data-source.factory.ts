import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ENTITIES, MIGRATIONS } from './entities';

export type Dialect = 'sqlite' | 'postgres';

/** Builds the DataSource and applies migrations; schema is never synchronised from entities. */
export async function openDataSource(config: AppConfig): Promise<DataSource> {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: false, synchronize: false, logging: false } as const;
  let dataSource: DataSource;
  if (config.databaseUrl) {
    dataSource = new DataSource({ ...common, type: 'postgres', url: config.databaseUrl, poolSize: 10 });
  } else {
    fs.mkdirSync(config.dataDir, { recursive: true });
    dataSource = new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: path.join(config.dataDir, 'mapwright.sqlite'),
      enableWAL: true,
      timeout: 5000,
      prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
        db.pragma('foreign_keys = ON');
        // In WAL mode NORMAL syncs at checkpoints, not on every commit: a power loss may drop the last
        // commits but never corrupts the file, and each record's own transaction stops costing an fsync.
        db.pragma('synchronous = NORMAL');
      },
    });
  }
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
}
