import { ROLES, Role } from '../../../apps/runtime/src/auth/roles';
import { describeEachDialect } from './runtime-harness';
import { concretePath, routeTable, RouteEntry } from './route-table';

const KNOWN_ROUTES = 22;

describeEachDialect('authorization matrix', (h) => {
  let routes: RouteEntry[];
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    routes = routeTable(h().runtime.app);
    for (const role of ROLES) tokens.set(role, await h().token({ name: `matrix-${role}`, roles: [role] }));
  });

  it('reads every registered route and each one declares roles or is explicitly public', () => {
    expect(routes.length).toBeGreaterThanOrEqual(KNOWN_ROUTES);
    const undeclared = routes.filter((r) => !r.isPublic && (!r.roles || r.roles.length === 0));
    expect(undeclared.map((r) => r.handler)).toEqual([]);
    expect(routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /health', 'GET /metrics', 'POST /api/v1/auth/dev-token']);
  });

  it('matches the routes Express actually serves (apart from the OpenAPI documents)', () => {
    const express = h().runtime.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
    const served = express.router.stack
      // Layers answering every method are Nest's prefix-exclusion plumbing, not endpoints.
      .filter((l) => l.route && !l.route.path.startsWith('/api/docs') && Object.keys(l.route.methods).length < 5)
      .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`));
    expect(served.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('every endpoint: 401 without a token, 401 with a forged token, 403 for roles not declared, never 401/403 for declared roles', async () => {
    const failures: string[] = [];
    const forged = `${tokens.get('auditor')!.slice(0, -4)}AAAA`;
    for (const route of routes) {
      const path = concretePath(route.path);
      const call = (token?: string) => {
        const req = h().http()[route.method.toLowerCase() as 'get' | 'post' | 'patch'](path);
        if (token) req.set('Authorization', `Bearer ${token}`);
        return route.method === 'GET' ? req : req.send({});
      };
      const expectStatus = (label: string, status: number, ok: (s: number) => boolean) => {
        if (!ok(status)) failures.push(`${route.method} ${route.path} ${label} → ${status}`);
      };
      if (route.isPublic) {
        expectStatus('anonymous', (await call()).status, (s) => s !== 401 && s !== 403);
        continue;
      }
      expectStatus('anonymous', (await call()).status, (s) => s === 401);
      expectStatus('forged', (await call(forged)).status, (s) => s === 401);
      for (const role of ROLES) {
        const status = (await call(tokens.get(role))).status;
        if (route.roles!.includes(role)) expectStatus(role, status, (s) => s !== 401 && s !== 403);
        else expectStatus(role, status, (s) => s === 403);
      }
    }
    expect(failures).toEqual([]);
  });
});
