import * as path from 'node:path';

export type AuthMode = 'dev' | 'oidc';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  authMode: AuthMode;
  oidc?: { issuer: string; audience: string; jwksUrl: string; rolesClaim: string };
  logLevel: LogLevel;
  bodyLimitBytes: number;
  maxJsonDepth: number;
  specsDir: string;
  designerDir: string;
  shadowRetentionDays: number;
  shadowSampleSize: number;
  seedDemoData: boolean;
  /** Worker threads for transform/preview/shadow runs; 0 evaluates in-process. */
  mappingWorkers: number;
  /** Events travel over NATS JetStream when set; the in-process bus otherwise. */
  natsUrl?: string;
  /** Subject prefix and stream-name stem on NATS. */
  natsPrefix: string;
  /** Deliveries before an event becomes a dead letter. */
  messageMaxDeliver: number;
  messageBackoffMs: number;
  /** Published events not confirmed processed within this time are published again. */
  outboxSweepAfterMs: number;
  /** Worker roles this process runs (`intake`, `billing`, `posting`); empty runs none. */
  workerRoles: string[];
  /** XERO_API_URL unset and no credentials: an in-process Xero sandbox receives the documents. */
  xero: { apiUrl?: string; tokenUrl?: string; clientId?: string; clientSecret?: string; clientIdFile?: string; clientSecretFile?: string; callsPerMinute: number };
}

/** Thrown at boot; the message names the offending variable so the operator can fix it. */
export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be an integer between ${min} and ${max}, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function enumVar<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function urlVar(env: Env, name: string, protocols: string[]): string {
  const raw = env[name];
  if (!raw) throw new ConfigError(name, 'is required');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  return raw;
}

const SIZE = /^(\d+)(b|kb|mb)?$/i;

function sizeVar(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const m = SIZE.exec(raw.trim());
  if (!m) throw new ConfigError(name, `must be a size such as 512kb or 1mb, got "${raw}"`);
  const unit = (m[2] ?? 'b').toLowerCase();
  const bytes = Number(m[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
  if (bytes < 1024 || bytes > 64 * 1024 * 1024) throw new ConfigError(name, 'must be between 1kb and 64mb');
  return bytes;
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

export const WORKER_ROLES = ['intake', 'billing', 'posting'] as const;

function workerRolesVar(env: Env): string[] {
  const raw = env.WORKER_ROLES;
  if (raw === undefined) return [...WORKER_ROLES];
  const roles = raw.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !(WORKER_ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new ConfigError('WORKER_ROLES', `must list roles from ${WORKER_ROLES.join(', ')}, got "${unknown.join(',')}"`);
  return roles;
}

/** Reads the environment once at boot; the rest of the service only sees the returned object. */
export function loadAppConfig(env: Env, cwd: string = process.cwd()): AppConfig {
  const authMode = enumVar(env, 'AUTH_MODE', ['dev', 'oidc'] as const, 'dev');
  const oidc =
    authMode === 'oidc'
      ? {
          issuer: urlVar(env, 'OIDC_ISSUER', ['https:', 'http:']),
          audience: (() => {
            if (!env.OIDC_AUDIENCE) throw new ConfigError('OIDC_AUDIENCE', 'is required when AUTH_MODE=oidc');
            return env.OIDC_AUDIENCE;
          })(),
          jwksUrl: urlVar(env, 'OIDC_JWKS_URL', ['https:', 'http:']),
          rolesClaim: env.OIDC_ROLES_CLAIM || 'roles',
        }
      : undefined;
  return {
    port: intVar(env, 'PORT', 3000, 0, 65535),
    dataDir: path.resolve(cwd, env.DATA_DIR || 'data'),
    databaseUrl: env.DATABASE_URL ? urlVar(env, 'DATABASE_URL', ['postgres:', 'postgresql:']) : undefined,
    authMode,
    oidc,
    logLevel: enumVar(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    bodyLimitBytes: sizeVar(env, 'BODY_LIMIT', 1024 * 1024),
    maxJsonDepth: intVar(env, 'MAX_JSON_DEPTH', 64, 2, 1000),
    specsDir: path.resolve(cwd, env.SPECS_DIR || 'mapping-specs'),
    designerDir: path.resolve(cwd, env.DESIGNER_DIR || 'apps/designer/dist'),
    shadowRetentionDays: intVar(env, 'SHADOW_RETENTION_DAYS', 30, 1, 3650),
    shadowSampleSize: intVar(env, 'SHADOW_SAMPLE_SIZE', 50, 1, 10000),
    seedDemoData: boolVar(env, 'SEED_DEMO_DATA', true),
    mappingWorkers: intVar(env, 'MAPPING_WORKERS', 2, 0, 64),
    natsUrl: env.NATS_URL ? urlVar(env, 'NATS_URL', ['nats:', 'tls:']) : undefined,
    natsPrefix: (() => {
      const v = env.NATS_PREFIX || 'mw';
      if (!/^[A-Za-z0-9_-]{1,40}$/.test(v)) throw new ConfigError('NATS_PREFIX', `must be 1-40 of A-Za-z0-9_-, got "${v}"`);
      return v;
    })(),
    messageMaxDeliver: intVar(env, 'MESSAGE_MAX_DELIVER', 5, 1, 100),
    messageBackoffMs: intVar(env, 'MESSAGE_BACKOFF_MS', 500, 1, 600_000),
    outboxSweepAfterMs: intVar(env, 'OUTBOX_SWEEP_AFTER_MS', 120_000, 100, 86_400_000),
    workerRoles: workerRolesVar(env),
    xero: {
      apiUrl: env.XERO_API_URL ? urlVar(env, 'XERO_API_URL', ['https:', 'http:']) : undefined,
      tokenUrl: env.XERO_TOKEN_URL ? urlVar(env, 'XERO_TOKEN_URL', ['https:', 'http:']) : undefined,
      clientId: env.XERO_CLIENT_ID || undefined,
      clientSecret: env.XERO_CLIENT_SECRET || undefined,
      clientIdFile: env.XERO_CLIENT_ID_FILE || undefined,
      clientSecretFile: env.XERO_CLIENT_SECRET_FILE || undefined,
      callsPerMinute: intVar(env, 'XERO_CALLS_PER_MINUTE', 60, 1, 1_000_000),
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
