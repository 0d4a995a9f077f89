import { jsonDepth } from './json-depth';

describe('jsonDepth', () => {
  it('counts nesting of objects and arrays', () => {
    expect(jsonDepth(1)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [{ b: 1 }] })).toBe(3);
  });
  it('handles very deep values without recursion', () => {
    let v: unknown = 1;
    for (let i = 0; i < 50000; i++) v = [v];
    expect(jsonDepth(v)).toBe(50000);
  });
});
