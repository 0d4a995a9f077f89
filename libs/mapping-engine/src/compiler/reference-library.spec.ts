import jsonata from 'jsonata';
import { ref } from './reference-library';
import { compileJsonata } from './index';

/** Result or error code, as either evaluator gives it. */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return await run();
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe('date/time pictures in the loaded jsonata copy', () => {
  it('are analysed once per picture', () => {
    expect(ref().picturesCached).toBe(true);
  });

  const pictures = [
    '[Y0001]-[M01]-[D01]',
    '[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01]Z',
    '[D01]/[M01]/[Y0001] [H01]:[m01]',
    '[H01]:[m01]',
    '[FNn], [D1o] [MNn] [Y]',
    '[Y0001]-[d001]',
    '[M01]-[D01]',
    '[h]:[m01] [P]',
    '[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]',
    '[X0001]',
    '[Q]',
  ];
  const stamps = ['2024-03-05', '2024-03-05T10:15:30Z', '05/03/2024 10:15', '10:15', 'Tuesday, 5th March 2024', '2024-065', '03-05', '9:05 pm', 'nonsense'];

  it('format and parse exactly as the interpreter does, on the first call and from the cache', async () => {
    const format = compileJsonata('$fromMillis(ms, picture)');
    const parse = compileJsonata('$toMillis(stamp, picture)');
    if (!format.ok || !parse.ok) throw new Error('not compiled');
    for (const picture of pictures) {
      for (let pass = 0; pass < 2; pass++) {
        const input = { ms: Date.UTC(2024, 2, 5, 21, 5, 30, 123), picture };
        expect([picture, await outcome(() => format.fn(input))]).toEqual([picture, await outcome(() => jsonata('$fromMillis(ms, picture)').evaluate(input))]);
        for (const stamp of stamps) {
          const parseInput = { stamp, picture };
          const interpreted = jsonata('$toMillis(stamp, picture)');
          const expected = await outcome(() => interpreted.evaluate(parseInput, undefined));
          const compiled = await outcome(() => parse.fn(parseInput));
          // a picture without a year defaults to the current one; compare only where the interpreter's clock does not show
          if (!/\[Y/.test(picture) && typeof expected === 'number') continue;
          expect([picture, stamp, compiled]).toEqual([picture, stamp, expected]);
        }
      }
    }
  });
});
