import jsonata from 'jsonata';
import { compileAst, compileJsonata } from './index';

function compiled(expr: string, options = {}) {
  const result = compileJsonata(expr, options);
  if (!result.ok) throw new Error(result.reason);
  return result.fn;
}

/** Results carry the interpreter's sequence flags on arrays; compare their JSON form. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('compileJsonata / compileAst', () => {
  it('compiles an AST taken from jsonata itself', () => {
    const result = compileAst(jsonata('a.b').ast());
    expect(result.ok && plain(result.fn({ a: [{ b: 1 }, { b: [2, 3] }] }))).toEqual([1, 2, 3]);
  });

  it('calls host functions with the evaluated arguments', () => {
    const calls: unknown[][] = [];
    const fn = compiled('$money(amount, "EUR")', { functions: { money: (...args: unknown[]) => (calls.push(args), 'ok') } });
    expect(fn({ amount: 12.5 })).toBe('ok');
    expect(calls).toEqual([[12.5, 'EUR']]);
  });

  it('lets a binding shadow a library function, as the interpreter does', async () => {
    const expr = '{ "s": $string(n), "u": $uppercase(t) }';
    const bindings = { string: (v: unknown) => `<${String(v)}>` };
    const expected = await jsonata(expr).evaluate({ n: 5, t: 'x' }, bindings);
    expect(compiled(expr)({ n: 5, t: 'x' }, bindings)).toEqual(expected);
    expect(compiled(expr)({ n: 5, t: 'x' })).toEqual({ s: '5', u: 'X' });
  });

  it('treats an input array as a single value, like the interpreter', async () => {
    const expr = '$count($)';
    expect(compiled(expr)([1, 2, 3])).toBe(await jsonata(expr).evaluate([1, 2, 3]));
  });

  it('uses bindings as variables and $$ as the root', () => {
    expect(plain(compiled('items.($$.prefix & $sep & name)')({ prefix: 'p', items: [{ name: 'a' }, { name: 'b' }] }, { sep: '-' }))).toEqual(['p-a', 'p-b']);
  });

  it('keeps singleton arrays when the step asks for it', () => {
    expect(plain(compiled('items.name[]')({ items: [{ name: 'a' }] }))).toEqual(['a']);
    expect(compiled('items.name')({ items: [{ name: 'a' }] })).toBe('a');
  });

  it('declines expressions it cannot run synchronously with a reason', () => {
    expect(compileJsonata('$shuffle([1, 2])')).toEqual({ ok: false, reason: 'function $shuffle' });
  });
});
