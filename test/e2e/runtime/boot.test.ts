import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { loadSpecCatalog } from '@mapwright/spec-catalog';
import { EMPTY_SPECS, startRuntime } from './runtime-harness';
import { costDraft, costTransaction } from './spec-fixtures';

const ROOT = path.resolve(__dirname, '../../..');

describe('runtime boot', () => {
  it.each([
    ['PORT', 'abc'],
    ['AUTH_MODE', 'magic'],
    ['DATABASE_URL', 'mysql://db/x'],
  ])('refuses to start when %s=%s and names the variable', (name, value) => {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/runtime/src/main.ts'], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: os.tmpdir(), [name]: value }, encoding: 'utf8', timeout: 60000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain(`Invalid configuration: ${name}`);
  });

  it('imports the shipped mapping-specs as PUBLISHED versions audited as a system import, and seeds the demo users', async () => {
    const h = await startRuntime('sqlite', { SPECS_DIR: path.join(ROOT, 'mapping-specs') });
    try {
      const catalog = loadSpecCatalog(path.join(ROOT, 'mapping-specs'));
      const ids = [...new Set(catalog.specs.map((s) => s.id))];
      expect(ids.length).toBeGreaterThan(0);
      const erin = await h.token('erin');
      const specs = (await h.http().get('/api/v1/specs').set('Authorization', `Bearer ${erin}`).expect(200)).body as { id: string; publishedVersion: string | null }[];
      for (const id of ids) {
        const highest = catalog.specs.filter((s) => s.id === id).map((s) => s.version).pop();
        expect(specs.find((s) => s.id === id)?.publishedVersion).toBe(highest);
      }
      const imports = await h.sql<{ actor: string }>("SELECT actor FROM audit_events WHERE action = 'version.imported'");
      expect(imports.length).toBe(catalog.specs.length + (specs.some((s) => s.id === 'reference-data') ? 1 : 0) + (specs.some((s) => s.id === 'routing-rules') ? 1 : 0));
      expect(imports.every((r) => r.actor === 'system')).toBe(true);
      const users = await h.sql<{ name: string; roles: string }>('SELECT name, roles FROM users ORDER BY name');
      expect(users.map((u) => [u.name, JSON.parse(u.roles)[0]])).toEqual([
        ['alice', 'architect'], ['bob', 'approver'], ['carol', 'approver'], ['dave', 'operator'], ['erin', 'auditor'], ['psa-bot', 'integration'],
      ]);
      expect(fs.existsSync(path.join(h.dataDir, 'dev-signing-key.json'))).toBe(true);
      const config = await h.sql<{ actor: string; details: string }>("SELECT actor, details FROM audit_events WHERE action = 'config.applied'");
      expect(config).toHaveLength(1);
      expect(JSON.parse(config[0].details)).toMatchObject({ authMode: 'dev', database: 'sqlite' });
    } finally {
      await h.close();
    }
  });

  it('serves the designer build at / with index.html for client routes, never for API paths', async () => {
    const designer = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-designer-'));
    fs.writeFileSync(path.join(designer, 'index.html'), '<!doctype html><title>Mapwright designer</title>');
    fs.writeFileSync(path.join(designer, 'app.js'), 'console.log(1)');
    const h = await startRuntime('sqlite', { DESIGNER_DIR: designer });
    try {
      expect((await h.http().get('/').expect(200)).text).toContain('Mapwright designer');
      expect((await h.http().get('/specs/harvest').set('Accept', 'text/html').expect(200)).text).toContain('Mapwright designer');
      expect((await h.http().get('/app.js').expect(200)).text).toContain('console.log');
      const api = await h.http().get('/api/v1/unknown').set('Accept', 'text/html').expect(404);
      expect(api.headers['content-type']).toMatch(/problem\+json/);
    } finally {
      await h.close();
      fs.rmSync(designer, { recursive: true, force: true });
    }
  });

  it('runs request data on worker threads: a runaway expression times out while the API keeps answering', async () => {
    const h = await startRuntime('sqlite', { MAPPING_WORKERS: '1' });
    try {
      const alice = await h.token('alice');
      const body = costDraft('1.0.0', 'standard', '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)');
      body.manifest = { ...body.manifest, guardrails: { timeoutMs: 200 } } as typeof body.manifest;
      body.tests = [];
      await h.http().post('/api/v1/specs/runaway/versions').set('Authorization', `Bearer ${alice}`).send(body).expect(201);
      const started = Date.now();
      const stuck = h.http().post('/api/v1/specs/runaway/preview').set('Authorization', `Bearer ${alice}`).send({ version: '1.0.0', input: costTransaction() }).then((r) => r);
      await new Promise((r) => setTimeout(r, 100));
      await h.http().get('/health').expect(200);
      const res = await stuck;
      expect(res.status).toBe(422);
      expect(res.body.mappingError.code).toBe('MW_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(20000);
    } finally {
      await h.close();
    }
  });

  it('in oidc mode verifies tokens against the JWKS, reads roles from the configured claim, and offers no dev tokens', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const issuer = 'https://id.example.test/realms/mapwright';
    const h = await startRuntime('sqlite', {
      AUTH_MODE: 'oidc', OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'mapwright-api', OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      OIDC_ROLES_CLAIM: 'realm_access.roles', SPECS_DIR: EMPTY_SPECS,
    });
    try {
      const sign = (aud: string) => new SignJWT({ realm_access: { roles: ['auditor', 'unrelated'] } })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('frank').setIssuer(issuer).setAudience(aud).setIssuedAt().setExpirationTime('5m').sign(privateKey);
      const me = await h.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${await sign('mapwright-api')}`).expect(200);
      expect(me.body).toEqual({ name: 'frank', roles: ['auditor'], viewSensitive: true });
      await h.http().get('/api/v1/audit/verify').set('Authorization', `Bearer ${await sign('someone-else')}`).expect(401);
      await h.http().get('/api/v1/audit/verify').set('Authorization', `Bearer ${await h.token('erin')}`).expect(401);
      const dev = await h.http().post('/api/v1/auth/dev-token').send({ user: 'alice' }).expect(404);
      expect(dev.body.code).toBe('DEV_TOKENS_DISABLED');
    } finally {
      await h.close();
      server.close();
    }
  });
});
