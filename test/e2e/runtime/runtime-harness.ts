import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import request from 'supertest';
import { createRuntimeApp, RuntimeApp } from '../../../apps/runtime/src/bootstrap';
import { issueDevToken, DevTokenSubject } from '../../../apps/runtime/src/auth/dev-token';
import { loadAppConfig } from '../../../apps/runtime/src/config/app-config';

export type Dialect = 'sqlite' | 'postgres';
const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
export const EMPTY_SPECS = path.join(__dirname, 'fixtures', 'empty-specs');

export interface Harness {
  dialect: Dialect;
  runtime: RuntimeApp;
  http: () => ReturnType<typeof request>;
  dataDir: string;
  logs: string[];
  token(user: string | DevTokenSubject): Promise<string>;
  /** Raw SQL through the runtime's own connection (tests bypass the service on purpose). */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A synchronous TCP probe, so suites can be declared skipped (and say so) rather than pass empty. */
export function tcpReachable(host: string, port: number): boolean {
  const probe = `const s=require('net').connect(${port},${JSON.stringify(host)});s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),1500)`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 3000 }).status === 0;
}

/** When CI=true an unreachable server is an error, never a skip. */
export function postgresRequirement(reachable: boolean, ci: string | undefined): boolean {
  if (!reachable && ci === 'true') throw new Error('PostgreSQL at 127.0.0.1:5432 is required when CI=true but is not reachable');
  return reachable;
}

export const POSTGRES_AVAILABLE: boolean = postgresRequirement(tcpReachable('127.0.0.1', 5432), process.env.CI);

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function startRuntime(dialect: Dialect, env: Record<string, string> = {}): Promise<Harness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapwright-e2e-'));
  let dbName: string | undefined;
  const vars: Record<string, string> = { DATA_DIR: dataDir, SPECS_DIR: EMPTY_SPECS, LOG_LEVEL: 'info', MAPPING_WORKERS: '0', DESIGNER_DIR: path.join(dataDir, 'no-designer'), ...env };
  if (dialect === 'postgres') {
    dbName = `mapwright_e2e_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${dbName}`);
    vars.DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${dbName}`;
  }
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, cb) { logs.push(String(chunk)); cb(); } });
  const runtime = await createRuntimeApp(loadAppConfig(vars, path.resolve(__dirname, '../../..')), { logDestination: sink });
  const server = runtime.app.getHttpServer();
  return {
    dialect,
    runtime,
    dataDir,
    logs,
    http: () => request(server),
    token: (user) => issueDevToken(dataDir, user),
    sql: (text, params) => runtime.dataSource.query(dialect === 'postgres' ? text.replace(/\?/g, (() => { let i = 0; return () => `$${++i}`; })()) : text, params as unknown[]),
    async close() {
      await runtime.close();
      if (dbName) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs a suite against SQLite and, when reachable, PostgreSQL; says so plainly when it is skipped. */
export function describeEachDialect(name: string, body: (h: () => Harness, dialect: Dialect) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const available = dialect === 'sqlite' || POSTGRES_AVAILABLE;
    if (!available) console.warn(`SKIPPED: "${name}" on PostgreSQL: 127.0.0.1:5432 is not reachable (CI=true makes this a failure)`);
    (available ? describe : describe.skip)(`${name} [${dialect}]`, () => {
      let harness: Harness | undefined;
      beforeAll(async () => {
        harness = await startRuntime(dialect);
      });
      afterAll(async () => {
        await harness?.close();
      });
      body(() => {
        if (!harness) throw new Error('runtime not started');
        return harness;
      }, dialect);
    });
  }
}
