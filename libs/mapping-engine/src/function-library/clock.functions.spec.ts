import { MappingEngine } from '../engine/mapping-engine';

describe('$now and $millis pinned per execution', () => {
  const engine = new MappingEngine();
  const spec = {
    id: 'clock',
    version: '1.0.0',
    expression: '{"now": $now(), "again": $now(), "millis": $millis(), "local": $now("[Y0001]-[M01]-[D01] [H01]:[m01]", "+0200"), "today": $toMillis("09:15", "[H]:[m]")}',
  };

  it('returns the pinned instant everywhere in the mapping, byte-identical across re-runs', async () => {
    const first = await engine.run(spec, {}, { now: '2024-03-05T10:20:30.000Z' });
    await new Promise((r) => setTimeout(r, 5));
    const second = await engine.run(spec, {}, { now: '2024-03-05T10:20:30.000Z' });
    expect(first.ok && second.ok).toBe(true);
    expect(JSON.stringify(first.ok && first.output)).toBe(JSON.stringify(second.ok && second.output));
    expect(first).toMatchObject({
      output: {
        now: '2024-03-05T10:20:30.000Z',
        again: '2024-03-05T10:20:30.000Z',
        millis: Date.parse('2024-03-05T10:20:30.000Z'),
        local: '2024-03-05 12:20',
        today: Date.parse('2024-03-05T09:15:00.000Z'),
      },
    });
  });

  it('pins one instant for a whole batch when none is given', async () => {
    const results = await engine.runBatch({ ...spec, expression: '$millis()' }, [1, 2, 3]);
    const values = results.map((r) => (r.ok ? r.output : r.error));
    expect(new Set(values).size).toBe(1);
    expect(typeof values[0]).toBe('number');
  });

  it('refuses a now that is not an instant', async () => {
    const result = await engine.run(spec, {}, { now: 'yesterday' });
    expect(result).toMatchObject({ ok: false, error: { code: 'MW_EVALUATION_FAILED', specId: 'clock' } });
  });
});
