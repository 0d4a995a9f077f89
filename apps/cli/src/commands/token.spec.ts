import { token } from './token';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), isTTY: false, readStdin: async () => '', cwd: '/repo' } };
}

describe('token command', () => {
  it('prints the token the runtime issues for the user, from the data dir under cwd', async () => {
    const t = io();
    const calls: string[][] = [];
    const code = await token({ user: 'alice', dataDir: 'data' }, t.io, async (dir, user) => {
      calls.push([dir, user]);
      return 'signed.jwt.value';
    });
    expect(code).toBe(0);
    expect(t.out.join('')).toBe('signed.jwt.value\n');
    expect(calls).toEqual([['/repo/data', 'alice']]);
  });

  it('fails with a message for unknown users and when the runtime is not built', async () => {
    const t = io();
    expect(await token({ user: 'mallory' }, t.io, async () => { throw new Error('Unknown demo user "mallory"'); })).toBe(1);
    expect(t.err.join('')).toContain('Unknown demo user');
    const u = io();
    expect(await token({ user: 'alice' }, u.io, undefined)).toBe(1);
    expect(u.err.join('')).toContain('npm run build');
  });
});
