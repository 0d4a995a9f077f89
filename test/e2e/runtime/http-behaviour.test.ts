import { describeEachDialect } from './runtime-harness';
import { costDraft, costTransaction } from './spec-fixtures';

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const PROBLEM = /application\/problem\+json/;

describeEachDialect('HTTP behaviour', (h) => {
  let alice: string;
  let bot: string;

  beforeAll(async () => {
    alice = await h().token('alice');
    bot = await h().token('psa-bot');
  });

  it('serves health, Prometheus metrics and the OpenAPI document', async () => {
    await h().http().get('/api/v1/specs').set(auth(alice)).expect(200);
    const metrics = await h().http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/specs"/);
    const doc = await h().http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/specs/{id}/versions/{version}/approve', '/api/v1/transform/{id}', '/api/v1/audit/verify', '/api/v1/governance/inbox']));
    await h().http().get('/api/docs').expect(200);
  });

  it('answers unknown routes and validation failures with problem+json and field pointers, never internals', async () => {
    const missing = await h().http().get('/api/v1/nope').set(auth(alice)).expect(404);
    expect(missing.headers['content-type']).toMatch(PROBLEM);
    expect(missing.body).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', title: 'Not Found', instance: '/api/v1/nope' });
    expect(missing.body.correlationId).toBe(missing.headers['x-correlation-id']);
    const invalid = await h().http().post('/api/v1/specs/x/versions').set(auth(alice)).send({ version: 1, extra: true }).expect(422);
    expect(invalid.body.errors).toEqual(expect.arrayContaining([{ pointer: '/version', message: expect.any(String) }, { pointer: '/extra', message: expect.any(String) }]));
    expect(JSON.stringify(invalid.body)).not.toMatch(/at .*\.ts|SQLITE|QueryFailed|stack/);
  });

  it('refuses oversized, prototype-polluting, too-deep and malformed bodies before any handler', async () => {
    const big = await h().http().post('/api/v1/transform/x').set(auth(bot)).set('Content-Type', 'application/json').send(`{"a":"${'x'.repeat(1024 * 1024 + 10)}"}`).expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const proto = await h().http().post('/api/v1/transform/x').set(auth(bot)).set('Content-Type', 'application/json').send('{"a":{"__proto__":{"admin":true}}}').expect(400);
    expect(proto.body.code).toBe('UNSAFE_JSON');
    const deep = await h().http().post('/api/v1/transform/x').set(auth(bot)).set('Content-Type', 'application/json').send(`${'['.repeat(100)}${']'.repeat(100)}`).expect(400);
    expect(deep.body.code).toBe('UNSAFE_JSON');
    const bad = await h().http().post('/api/v1/transform/x').set(auth(bot)).set('Content-Type', 'application/json').send('{"a":').expect(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_JSON', status: 400 });
    expect(bad.headers['content-type']).toMatch(PROBLEM);
  });

  it('Idempotency-Key: same payload replays, another payload is 422, a running first request is 409', async () => {
    const body = costDraft('1.0.0', 'standard');
    const first = await h().http().post('/api/v1/specs/idem/versions').set(auth(alice)).set('Idempotency-Key', 'key-1').send(body).expect(201);
    const again = await h().http().post('/api/v1/specs/idem/versions').set(auth(alice)).set('Idempotency-Key', 'key-1').send(body).expect(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const [{ n }] = await h().sql<{ n: number | string }>("SELECT count(*) AS n FROM spec_versions WHERE spec_id = 'idem'");
    expect(Number(n)).toBe(1);
    const other = await h().http().post('/api/v1/specs/idem/versions').set(auth(alice)).set('Idempotency-Key', 'key-1').send(costDraft('1.1.0', 'standard')).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    // Hold the first request inside the handler so the second finds it still running.
    await h().http().post('/api/v1/specs/idem/versions').set(auth(alice)).send(costDraft('1.1.0', 'standard')).expect(201);
    await h().http().post('/api/v1/specs/idem/versions/1.1.0/submit').set(auth(alice)).send({}).expect(200);
    await h().http().post('/api/v1/specs/idem/versions/1.1.0/approve').set(auth(await h().token('bob'))).send({ comment: 'ok' }).expect(200);
    await h().http().post('/api/v1/specs/idem/versions/1.1.0/publish').set(auth(alice)).expect(200);
    const slow = costTransaction();
    const { MappingGateway } = await import('../../../apps/runtime/src/mapping/mapping-gateway.service');
    const gateway = h().runtime.app.get(MappingGateway);
    const original = gateway.run.bind(gateway);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    gateway.run = async (...args) => {
      await gate;
      return original(...args);
    };
    try {
      const running = h().http().post('/api/v1/transform/idem').set(auth(bot)).set('Idempotency-Key', 'slow-1').send(slow).then((r) => r);
      await new Promise((r) => setTimeout(r, 150));
      const busy = await h().http().post('/api/v1/transform/idem').set(auth(bot)).set('Idempotency-Key', 'slow-1').send(slow).expect(409);
      expect(busy.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      release();
      expect((await running).status).toBe(200);
    } finally {
      gateway.run = original;
    }
    const replay = await h().http().post('/api/v1/transform/idem').set(auth(bot)).set('Idempotency-Key', 'slow-1').send(slow).expect(200);
    expect(replay.headers['idempotency-replayed']).toBe('true');
  });

  it('logs JSON lines carrying the correlation id, without bearer tokens', async () => {
    await h().http().get('/api/v1/specs').set(auth(alice)).set('X-Correlation-Id', 'corr-log-7').expect(200);
    const line = h().logs.map((l) => JSON.parse(l)).find((l) => l.correlationId === 'corr-log-7' && l.msg === 'request completed');
    expect(line).toMatchObject({ method: 'GET', status: 200, url: '/api/v1/specs' });
    expect(h().logs.join('\n')).not.toContain(alice);
  });
});
