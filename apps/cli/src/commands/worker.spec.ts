import { worker } from './worker';

function io() {
  const err: string[] = [];
  return { err, io: { stdout: () => undefined, stderr: (s: string) => err.push(s), isTTY: false, readStdin: async () => '', cwd: '/repo' } };
}

describe('worker command', () => {
  it('hands the environment to the runtime with the requested roles and returns its exit code', async () => {
    const t = io();
    const seen: Record<string, string | undefined>[] = [];
    const code = await worker({ roles: 'posting' }, t.io, { DATABASE_URL: 'postgres://db/mw', WORKER_ROLES: 'intake' }, async (env) => {
      seen.push(env);
      return 0;
    });
    expect(code).toBe(0);
    expect(seen).toEqual([{ DATABASE_URL: 'postgres://db/mw', WORKER_ROLES: 'posting' }]);
  });

  it('passes configuration errors through and fails plainly when the runtime is not built', async () => {
    const t = io();
    expect(await worker({ roles: 'payroll' }, t.io, {}, async (_env, write) => {
      write('Invalid configuration: WORKER_ROLES must list roles from intake, billing, posting, got "payroll"\n');
      return 78;
    })).toBe(78);
    expect(t.err.join('')).toContain('WORKER_ROLES');
    const u = io();
    expect(await worker({ roles: 'posting' }, u.io, {}, undefined)).toBe(1);
    expect(u.err.join('')).toContain('npm run build');
    const v = io();
    expect(await worker({ roles: 'posting' }, v.io, {}, async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:4222'); })).toBe(1);
    expect(v.err.join('')).toContain('ECONNREFUSED');
  });
});
