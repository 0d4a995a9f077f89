import { describeEachDialect } from './runtime-harness';

describeEachDialect('runtime HTTP basics', (h) => {
  it('GET /health reports ok and the database dialect', async () => {
    const res = await h().http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', db: h().dialect });
  });
});
