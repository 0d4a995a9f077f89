import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { issueDevToken, loadOrCreateDevKey } from './dev-token';

describe('issueDevToken', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-devkey-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('signs ES256 tokens for demo users with their roles, reusing one key per data dir', async () => {
    const token = await issueDevToken(dir, 'bob');
    expect(decodeProtectedHeader(token).alg).toBe('ES256');
    expect(decodeJwt(token)).toMatchObject({ sub: 'bob', roles: ['approver'], iss: 'mapwright-dev', aud: 'mapwright' });
    const key = await loadOrCreateDevKey(dir);
    expect(decodeProtectedHeader(await issueDevToken(dir, 'erin')).kid).toBe(key.kid);
    expect(fs.statSync(path.join(dir, 'dev-signing-key.json')).mode & 0o077).toBe(0);
  });

  it('refuses unknown users', async () => {
    await expect(issueDevToken(dir, 'mallory')).rejects.toThrow(/Unknown demo user "mallory"/);
  });
});
