import fc from 'fast-check';
import { ref } from '../reference-library';
import { number } from './casts';
import { trim } from './strings';

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe('$number and $trim ports', () => {
  const lib = ref();
  const numeric = fc.oneof(
    fc.stringMatching(/^-?[0-9]{0,4}(\.[0-9]{0,4})?([eE][-+]?[0-9]{1,3})?$/),
    fc.double().map(String),
    fc.constantFrom('', '-', '.5', '5.', '-0', '007', '1'.repeat(300), '1'.repeat(301), '9'.repeat(309), '0x1F', '0b101', ' 1', '1 ', '1,5', 'NaN', 'Infinity'),
    fc.string({ maxLength: 8 }),
  );
  const anything = fc.oneof(numeric, fc.double(), fc.boolean(), fc.constantFrom(undefined, null), fc.array(fc.integer(), { maxLength: 2 }));

  it('$number reads what the interpreter reads and refuses what it refuses', () => {
    fc.assert(
      fc.property(anything, (arg) => {
        expect(outcome(() => number(arg))).toEqual(outcome(() => lib.fn.number(arg)));
      }),
      { numRuns: 1500 },
    );
  });

  it('$trim normalises whitespace as the interpreter does', () => {
    const text = fc.array(fc.constantFrom(' ', '  ', '\t', '\n', '\r', 'a', 'b c', '\u00a0', 'é'), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 12 }), fc.constant(undefined)), (str) => {
        expect(outcome(() => trim(str))).toEqual(outcome(() => lib.fn.trim(str)));
      }),
      { numRuns: 1500 },
    );
  });
});
