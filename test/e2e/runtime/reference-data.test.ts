import { describeEachDialect } from './runtime-harness';
import { costDraft, costTransaction } from './spec-fixtures';

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

const referenceData = (status: string) => ({
  tables: { 'posting-status': { id: 'posting-status', rows: [{ key: 'final', value: status }] } },
  uomProfiles: { 'standard-8h': { id: 'standard-8h', hoursPerDay: '8', daysPerWeek: '5' } },
  defaultUomProfile: 'standard-8h',
});

describeEachDialect('reference data lifecycle', (h) => {
  it('reference data goes through the same approvals, and publishing it changes what mappings resolve', async () => {
    const [alice, bob, carol, bot] = await Promise.all(['alice', 'bob', 'carol', 'psa-bot'].map((u) => h().token(u)));
    const http = () => h().http();
    const publish = async (id: string, version: string, approvers: string[]) => {
      await http().post(`/api/v1/specs/${id}/versions/${version}/submit`).set(auth(alice)).send({}).expect(200);
      for (const a of approvers) await http().post(`/api/v1/specs/${id}/versions/${version}/approve`).set(auth(a)).send({ comment: 'ok' }).expect(200);
      await http().post(`/api/v1/specs/${id}/versions/${version}/publish`).set(auth(bob)).send({}).expect(200);
    };

    const refManifest = { kind: 'reference', riskClass: 'financial', description: 'Value maps', owner: 'finance-systems' };
    await http().post('/api/v1/specs/reference-data/versions').set(auth(alice)).send({ version: '1.0.0', manifest: refManifest, data: referenceData('posted') }).expect(201);
    await http().post('/api/v1/specs/reference-data/versions/1.0.0/submit').set(auth(alice)).send({}).expect(200);
    await http().post('/api/v1/specs/reference-data/versions/1.0.0/approve').set(auth(bob)).send({ comment: 'ok' }).expect(200);
    const early = await http().post('/api/v1/specs/reference-data/versions/1.0.0/publish').set(auth(bob)).send({}).expect(409);
    expect(early.body.code).toBe('INVALID_TRANSITION');
    await http().post('/api/v1/specs/reference-data/versions/1.0.0/approve').set(auth(carol)).send({ comment: 'ok' }).expect(200);
    await http().post('/api/v1/specs/reference-data/versions/1.0.0/publish').set(auth(bob)).send({}).expect(200);

    const mapping = costDraft('1.0.0', 'standard', '$merge([$, {"status": $xref("posting-status", "final")}])');
    await http().post('/api/v1/specs/status-map/versions').set(auth(alice)).send(mapping).expect(201);
    await publish('status-map', '1.0.0', [bob]);
    const before = await http().post('/api/v1/transform/status-map').set(auth(bot)).send(costTransaction()).expect(200);
    expect(before.body.output.status).toBe('posted');

    await http().post('/api/v1/specs/reference-data/versions').set(auth(alice)).send({ version: '1.1.0', fromVersion: '1.0.0', data: referenceData('reversed') }).expect(201);
    await publish('reference-data', '1.1.0', [bob, carol]);
    const after = await http().post('/api/v1/transform/status-map').set(auth(bot)).send(costTransaction()).expect(200);
    expect(after.body.output.status).toBe('reversed');
    const history = (await http().get('/api/v1/specs/reference-data/versions').set(auth(bob)).expect(200)).body;
    expect(history.map((v: any) => v.status)).toEqual(['RETIRED', 'PUBLISHED']);
  });
});
