import { ConfigError, loadAppConfig } from '../config/app-config';

describe('messaging configuration', () => {
  it('defaults to the in-process bus, every worker role and the embedded Xero sandbox', () => {
    const cfg = loadAppConfig({}, '/srv/app');
    expect(cfg.natsUrl).toBeUndefined();
    expect(cfg.workerRoles).toEqual(['intake', 'billing', 'posting']);
    expect(cfg).toMatchObject({ natsPrefix: 'mw', messageMaxDeliver: 5, messageBackoffMs: 500, outboxSweepAfterMs: 120_000 });
    expect(cfg.xero).toEqual({ callsPerMinute: 60 });
  });

  it('reads NATS, worker roles and Xero settings', () => {
    const cfg = loadAppConfig({ NATS_URL: 'nats://127.0.0.1:4222', WORKER_ROLES: 'posting, intake', XERO_CLIENT_ID: 'id', XERO_CLIENT_SECRET: 's', XERO_CALLS_PER_MINUTE: '30' }, '/srv/app');
    expect(cfg.natsUrl).toBe('nats://127.0.0.1:4222');
    expect(cfg.workerRoles).toEqual(['posting', 'intake']);
    expect(cfg.xero).toMatchObject({ clientId: 'id', clientSecret: 's', callsPerMinute: 30 });
    expect(loadAppConfig({ WORKER_ROLES: '' }, '/srv/app').workerRoles).toEqual([]);
  });

  it.each([
    [{ NATS_URL: 'http://127.0.0.1:4222' }, 'NATS_URL'],
    [{ NATS_PREFIX: 'mw.ops' }, 'NATS_PREFIX'],
    [{ WORKER_ROLES: 'posting,payroll' }, 'WORKER_ROLES'],
    [{ MESSAGE_MAX_DELIVER: '0' }, 'MESSAGE_MAX_DELIVER'],
    [{ XERO_API_URL: 'ftp://x' }, 'XERO_API_URL'],
  ])('refuses %p naming %s', (env, variable) => {
    try {
      loadAppConfig(env as Record<string, string>, '/srv/app');
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).variable).toBe(variable);
    }
  });
});
