import * as path from 'node:path';
import { ConfigError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('applies defaults relative to the working directory', () => {
    const cfg = loadAppConfig({}, '/srv/app');
    expect(cfg).toMatchObject({ port: 3000, authMode: 'dev', dataDir: path.resolve('/srv/app/data'), bodyLimitBytes: 1048576 });
    expect(cfg.databaseUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ AUTH_MODE: 'none' }, 'AUTH_MODE'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ BODY_LIMIT: 'huge' }, 'BODY_LIMIT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SHADOW_RETENTION_DAYS: '0' }, 'SHADOW_RETENTION_DAYS'],
    [{ AUTH_MODE: 'oidc' }, 'OIDC_ISSUER'],
    [{ AUTH_MODE: 'oidc', OIDC_ISSUER: 'https://id.example', OIDC_JWKS_URL: 'https://id.example/jwks' }, 'OIDC_AUDIENCE'],
  ])('rejects %j naming %s', (env, variable) => {
    let caught: unknown;
    try {
      loadAppConfig(env);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(variable);
    expect((caught as ConfigError).message).toContain(variable);
  });

  it('parses oidc settings with a default roles claim', () => {
    const cfg = loadAppConfig({ AUTH_MODE: 'oidc', OIDC_ISSUER: 'https://id.example', OIDC_AUDIENCE: 'mapwright', OIDC_JWKS_URL: 'https://id.example/jwks', BODY_LIMIT: '2mb' });
    expect(cfg.oidc).toEqual({ issuer: 'https://id.example', audience: 'mapwright', jwksUrl: 'https://id.example/jwks', rolesClaim: 'roles' });
    expect(cfg.bodyLimitBytes).toBe(2 * 1024 * 1024);
  });
});
