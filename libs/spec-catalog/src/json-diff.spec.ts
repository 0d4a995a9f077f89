import { diffExpected, diffJson, formatCaseDiff, generalisePointer } from './json-diff';

describe('diffJson', () => {
  it('reports leaf changes by JSON pointer, escaping ~ and /', () => {
    const before = { a: 1, 'x/y': { 'k~': 'old' }, list: [1, 2, 3], gone: true };
    const after = { a: 1, 'x/y': { 'k~': 'new' }, list: [1, 5], added: null };
    expect(diffJson(before, after)).toEqual([
      { pointer: '/added', kind: 'added', after: null },
      { pointer: '/gone', kind: 'removed', before: true },
      { pointer: '/list/1', kind: 'changed', before: 2, after: 5 },
      { pointer: '/list/2', kind: 'removed', before: 3 },
      { pointer: '/x~1y/k~0', kind: 'changed', before: 'old', after: 'new' },
    ]);
  });

  it('treats a type change as a change of the whole value and equal values as no change', () => {
    expect(diffJson({ a: '1.0' }, { a: 1 })).toEqual([{ pointer: '/a', kind: 'changed', before: '1.0', after: 1 }]);
    expect(diffJson({ a: [{ b: 'x' }] }, { a: [{ b: 'x' }] })).toEqual([]);
    expect(diffJson(1, 2)).toEqual([{ pointer: '/', kind: 'changed', before: 1, after: 2 }]);
  });
});

describe('diffExpected and formatCaseDiff', () => {
  it('speaks of expected and actual values', () => {
    const diff = diffExpected({ Total: 10, Lines: [1] }, { Total: 10.5, Extra: 'x' });
    expect(formatCaseDiff(diff)).toEqual([
      '/Extra: not expected, got "x"',
      '/Lines: expected [1] but it is missing',
      '/Total: expected 10 but got 10.5',
    ]);
  });
});

describe('generalisePointer', () => {
  it('replaces array indices only', () => {
    expect(generalisePointer('/LineItems/12/Tracking/0/Name')).toBe('/LineItems/*/Tracking/*/Name');
    expect(generalisePointer('/a1/b')).toBe('/a1/b');
  });
});
