import { describe, expect, it } from 'vitest';
import { formatJsonata } from './format-jsonata';

describe('formatJsonata', () => {
  it('lays a whole mapping out one field per line, keeping the text around the object', () => {
    const out = formatJsonata('/* head */\n{"a": x,   "b": {"c": 1, "d": y}}', true);
    expect(out).toBe('/* head */\n{\n  "a": x,\n  "b": { "c": 1, "d": y }\n}');
  });

  it('collapses runs of spaces in a rule but never inside strings or comments', () => {
    expect(formatJsonata('  $decRound(   hours,    2 )  & "a    b" /*  keep   */ ', false)).toBe('$decRound( hours, 2 ) & "a    b" /*  keep   */');
  });

  it('leaves text that does not parse alone', () => {
    expect(formatJsonata('{ "a": x + }', true)).toBe('{ "a": x + }');
  });
});
