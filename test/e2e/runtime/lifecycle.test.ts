import { canonicalHash } from '../../../apps/runtime/src/common/canonical-hash';
import { describeEachDialect, Harness } from './runtime-harness';
import { costDraft, costTransaction, TIME_SCHEMA } from './spec-fixtures';

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

async function tokens(h: Harness) {
  return {
    alice: await h.token('alice'), bob: await h.token('bob'), carol: await h.token('carol'),
    erin: await h.token('erin'), bot: await h.token('psa-bot'),
    // Someone who both writes and approves: the only way to reach the self-approval rule.
    zoe: await h.token({ name: 'zoe', roles: ['architect', 'approver'] }),
  };
}

describeEachDialect('spec lifecycle', (h) => {
  let t: Awaited<ReturnType<typeof tokens>>;
  beforeAll(async () => {
    t = await tokens(h());
  });

  const draft = (id: string, body: object, who = t.alice) => h().http().post(`/api/v1/specs/${id}/versions`).set(auth(who)).send(body);
  const act = (id: string, v: string, action: string, who: string, body: object = { comment: 'ok' }) =>
    h().http().post(`/api/v1/specs/${id}/versions/${v}/${action}`).set(auth(who)).send(body);

  it('a financial spec needs two distinct approvers and the author may never approve', async () => {
    await draft('fin-cost', costDraft('1.0.0', 'financial'), t.zoe).expect(201);
    const submitted = await act('fin-cost', '1.0.0', 'submit', t.zoe, {}).expect(200);
    expect(submitted.body.status).toBe('IN_REVIEW');
    expect(submitted.body.evidence.tests.passed).toBe(true);

    const self = await act('fin-cost', '1.0.0', 'approve', t.zoe).expect(403);
    expect(self.body).toMatchObject({ code: 'SELF_APPROVAL_FORBIDDEN', status: 403 });
    expect(self.body.detail).toMatch(/another approver/);
    expect(self.headers['content-type']).toMatch(/application\/problem\+json/);

    const first = await act('fin-cost', '1.0.0', 'approve', t.bob).expect(200);
    expect(first.body.status).toBe('IN_REVIEW');
    await act('fin-cost', '1.0.0', 'publish', t.bob, {}).expect(409);
    const dup = await act('fin-cost', '1.0.0', 'approve', t.bob).expect(409);
    expect(dup.body.code).toBe('DUPLICATE_APPROVAL');
    const second = await act('fin-cost', '1.0.0', 'approve', t.carol).expect(200);
    expect(second.body.status).toBe('APPROVED');
    expect(second.body.approvals.map((a: any) => a.approver).sort()).toEqual(['bob', 'carol']);
    const published = await act('fin-cost', '1.0.0', 'publish', t.bob, {}).expect(200);
    expect(published.body.status).toBe('PUBLISHED');
  });

  it('the database refuses a self-approval even when the service is bypassed', async () => {
    await draft('db-self', costDraft('1.0.0', 'standard')).expect(201);
    const [row] = await h().sql<{ id: string }>('SELECT id FROM spec_versions WHERE spec_id = ?', ['db-self']);
    await expect(
      h().sql("INSERT INTO approvals (id, version_id, approver, decision, comment, emergency, correlation_id, created_at) VALUES ('x1', ?, 'alice', 'APPROVE', 'self', ?, 'c', '2026-01-01')", [row.id, h().dialect === 'postgres' ? false : 0]),
    ).rejects.toThrow(/author cannot approve/);
  });

  it('published content is immutable through the API and in the database', async () => {
    const res = await h().http().patch('/api/v1/specs/fin-cost/versions/1.0.0').set(auth(t.alice)).send({ expression: '$merge([$, {"status": "draft"}])' }).expect(409);
    expect(res.body.code).toBe('VERSION_IMMUTABLE');
    await expect(h().sql("UPDATE spec_versions SET content = '{}' WHERE spec_id = ? AND version = ?", ['fin-cost', '1.0.0'])).rejects.toThrow(/immutable/);
    await expect(h().sql('DELETE FROM spec_versions WHERE spec_id = ?', ['fin-cost'])).rejects.toThrow(/only drafts/);
  });

  it('two concurrent publishes leave exactly one PUBLISHED version', async () => {
    await draft('race', costDraft('1.0.0', 'standard')).expect(201);
    await draft('race', costDraft('1.1.0', 'standard', '$merge([$, {"status": "posted"}])')).expect(201);
    for (const v of ['1.0.0', '1.1.0']) {
      await act('race', v, 'submit', t.alice, {}).expect(200);
      await act('race', v, 'approve', t.bob).expect(200);
    }
    const results = await Promise.all([act('race', '1.0.0', 'publish', t.bob, {}), act('race', '1.1.0', 'publish', t.carol, {})]);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const rows = await h().sql<{ n: number | string }>("SELECT count(*) AS n FROM spec_versions WHERE spec_id = 'race' AND status = 'PUBLISHED'");
    expect(Number(rows[0].n)).toBe(1);
    // The partial unique index holds even against a direct write.
    await expect(h().sql("UPDATE spec_versions SET status = 'PUBLISHED' WHERE spec_id = 'race' AND status = 'RETIRED'")).rejects.toThrow();
  });

  it('a breaking output change needs a major version; rollback goes through approvals again', async () => {
    await draft('semver', costDraft('1.0.0', 'standard')).expect(201);
    await act('semver', '1.0.0', 'submit', t.alice, {}).expect(200);
    await act('semver', '1.0.0', 'approve', t.bob).expect(200);
    await act('semver', '1.0.0', 'publish', t.bob, {}).expect(200);

    const breaking = costDraft('1.1.0', 'standard', '{"id": id}');
    breaking.manifest.output = { schema: TIME_SCHEMA };
    breaking.tests = [];
    await draft('semver', breaking).expect(201);
    const refused = await act('semver', '1.1.0', 'submit', t.alice, {}).expect(422);
    expect(refused.body.code).toBe('SEMVER_MAJOR_REQUIRED');
    expect(refused.body.detail).toMatch(/major version > 1/);

    await draft('semver', { ...breaking, version: '2.0.0' }).expect(201);
    await act('semver', '2.0.0', 'submit', t.alice, {}).expect(200);
    await act('semver', '2.0.0', 'approve', t.carol).expect(200);
    await act('semver', '2.0.0', 'publish', t.carol, {}).expect(200);

    const rollback = await draft('semver', { version: '3.0.0', fromVersion: '1.0.0' }).expect(201);
    expect(rollback.body).toMatchObject({ status: 'DRAFT', basedOn: '1.0.0' });
    expect(rollback.body.content.expression).toBe('$');
    await act('semver', '3.0.0', 'submit', t.alice, {}).expect(200);
    await act('semver', '3.0.0', 'publish', t.alice, {}).expect(409);
    await act('semver', '3.0.0', 'approve', t.bob).expect(200);
    await act('semver', '3.0.0', 'publish', t.alice, {}).expect(200);
    const history = await h().http().get('/api/v1/specs/semver/versions').set(auth(t.erin)).expect(200);
    expect(history.body.map((v: any) => [v.version, v.status])).toEqual([['1.0.0', 'RETIRED'], ['1.1.0', 'DRAFT'], ['2.0.0', 'RETIRED'], ['3.0.0', 'PUBLISHED']]);
  });

  it('stores evidence whose hash is the sha256 of its canonical JSON, and a rejected version can be reworked', async () => {
    await draft('evid', costDraft('1.0.0', 'standard')).expect(201);
    const sub = await act('evid', '1.0.0', 'submit', t.alice, {}).expect(200);
    const ev = await h().http().get('/api/v1/specs/evid/versions/1.0.0/evidence').set(auth(t.bob)).expect(200);
    expect(ev.body.hash).toBe(canonicalHash(ev.body.document));
    expect(sub.body.evidenceHash).toBe(ev.body.hash);
    const stale = await act('evid', '1.0.0', 'reject', t.bob, { comment: 'no', evidenceHash: '0'.repeat(64) }).expect(422);
    expect(stale.body.errors[0].pointer).toBe('/evidenceHash');
    const rejected = await act('evid', '1.0.0', 'reject', t.bob, { comment: 'needs a status rule', evidenceHash: ev.body.hash }).expect(200);
    expect(rejected.body.status).toBe('REJECTED');
    const rework = await draft('evid', { version: '1.0.1', fromVersion: '1.0.0' }).expect(201);
    expect(rework.body.status).toBe('DRAFT');
  });

  it('emergency publish is flagged and keeps a post-implementation review on the inbox until another approver closes it', async () => {
    await draft('hotfix', costDraft('1.0.0', 'financial')).expect(201);
    await act('hotfix', '1.0.0', 'submit', t.alice, {}).expect(200);
    const pub = await act('hotfix', '1.0.0', 'emergency-publish', t.bob, { reason: 'ERP refuses every posting' }).expect(200);
    expect(pub.body).toMatchObject({ status: 'PUBLISHED', emergency: true });
    const inbox = await h().http().get('/api/v1/governance/inbox').set(auth(t.carol)).expect(200);
    const review = inbox.body.openPostImplementationReviews.find((r: any) => r.specId === 'hotfix');
    expect(review).toMatchObject({ version: '1.0.0', openedBy: 'bob' });
    await h().http().post(`/api/v1/governance/reviews/${review.id}/close`).set(auth(t.bob)).send({ comment: 'fine' }).expect(403);
    await h().http().post(`/api/v1/governance/reviews/${review.id}/close`).set(auth(t.carol)).send({ comment: 'root cause fixed' }).expect(200);
    const after = await h().http().get('/api/v1/governance/inbox').set(auth(t.carol)).expect(200);
    expect(after.body.openPostImplementationReviews.some((r: any) => r.specId === 'hotfix')).toBe(false);
  });

  it('transform pins the published version, masks recorded inputs, and shadow runs replay them', async () => {
    const input = costTransaction();
    const run = await h().http().post('/api/v1/transform/fin-cost').set(auth(t.bot)).send(input).expect(200);
    const [published] = await h().sql<{ content_hash: string }>("SELECT content_hash FROM spec_versions WHERE spec_id = 'fin-cost' AND status = 'PUBLISHED'");
    expect(run.body).toMatchObject({ specId: 'fin-cost', version: '1.0.0', contentHash: published.content_hash });
    expect(run.body.output.amount).toEqual(input.amount);
    const [exec] = await h().sql<any>('SELECT spec_id, version, content_hash, correlation_id FROM executions WHERE id = ?', [run.body.executionId]);
    expect(exec).toMatchObject({ spec_id: 'fin-cost', version: '1.0.0', content_hash: published.content_hash, correlation_id: run.headers['x-correlation-id'] });
    const [rec] = await h().sql<{ input: string }>('SELECT input FROM recorded_inputs WHERE execution_id = ?', [run.body.executionId]);
    expect(JSON.parse(rec.input).amount).toBe('***');

    const preview = await h().http().post('/api/v1/specs/fin-cost/preview').set(auth(t.alice)).send({ input }).expect(200);
    expect(preview.body.output.amount).toBe('***');

    await draft('fin-cost', costDraft('1.1.0', 'financial', '$merge([$, {"status": "reversed"}])')).expect(201);
    await act('fin-cost', '1.1.0', 'submit', t.alice, {}).expect(200);
    const shadow = await h().http().post('/api/v1/specs/fin-cost/versions/1.1.0/shadow-run').set(auth(t.bob)).send({}).expect(200);
    expect(shadow.body.summary.samples).toBeGreaterThanOrEqual(1);
    expect(shadow.body.samples[0].changes).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: '/status' })]));
  });

  it('masks sensitive test data in version content for roles without view-sensitive', async () => {
    const asArchitect = await h().http().get('/api/v1/specs/fin-cost/versions/1.0.0').set(auth(t.alice)).expect(200);
    expect(asArchitect.body.content.tests[0].input.amount).toBe('***');
    expect(asArchitect.body.content.tests[0].expect.output.unitCost).toBe('***');
    const asAuditor = await h().http().get('/api/v1/specs/fin-cost/versions/1.0.0').set(auth(t.erin)).expect(200);
    expect(asAuditor.body.content.tests[0].input.amount).toEqual(costTransaction().amount);
  });

  it('stores the request correlation id on approvals and evidence', async () => {
    await draft('corr', costDraft('1.0.0', 'standard')).expect(201);
    await h().http().post('/api/v1/specs/corr/versions/1.0.0/submit').set(auth(t.alice)).set('X-Correlation-Id', 'corr-submit-1').send({}).expect(200);
    await h().http().post('/api/v1/specs/corr/versions/1.0.0/approve').set(auth(t.bob)).set('X-Correlation-Id', 'corr-approve-1').send({ comment: 'ok' }).expect(200);
    const [ev] = await h().sql<{ correlation_id: string }>("SELECT e.correlation_id FROM evidence e JOIN spec_versions v ON v.id = e.version_id WHERE v.spec_id = 'corr'");
    const [ap] = await h().sql<{ correlation_id: string }>("SELECT a.correlation_id FROM approvals a JOIN spec_versions v ON v.id = a.version_id WHERE v.spec_id = 'corr'");
    expect([ev.correlation_id, ap.correlation_id]).toEqual(['corr-submit-1', 'corr-approve-1']);
    const audit = (await h().http().get('/api/v1/audit?correlationId=corr-approve-1').set(auth(t.erin)).expect(200)).body;
    expect(audit.map((r: any) => r.action)).toEqual(['version.approved']);
  });

  it('diffs the outputs of two versions over their test inputs', async () => {
    const diff = await h().http().get('/api/v1/specs/race/diff?from=1.0.0&to=1.1.0').set(auth(t.bob)).expect(200);
    expect(diff.body.summary).toMatchObject({ samples: 1, changed: 0, unchanged: 1 });
    const hot = await h().http().get('/api/v1/specs/fin-cost/diff?from=1.0.0&to=1.1.0').set(auth(t.bob)).expect(200);
    expect(hot.body.summary.changed).toBe(1);
    expect(Object.keys(hot.body.summary.fields)).toEqual(['/status']);
    const missing = await h().http().get('/api/v1/specs/race/diff?from=1.0.0').set(auth(t.bob)).expect(422);
    expect(missing.body.errors).toEqual([{ pointer: '/query/to', message: 'required' }]);
  });
});
