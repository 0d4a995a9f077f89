/**
 * Order-by (`path^(>a, b)`): a stable merge sort with the interpreter's comparator
 * rules (undefined last, strings and numbers only, no mixing). Iterative so long
 * inputs cannot exhaust the stack.
 */
import { AstNode, CompileContext } from './compile-context';
import { jsonataError } from './errors';
import { Ev, Frame } from './runtime';
import { Tuple } from './sequence';
import { frameFromTuple } from './path-steps';

/** jsonata's merge sort: `swap(a, b)` true means b goes first. Stable for equal keys. */
export function mergeSort<T>(arr: T[], swap: (a: T, b: T) => boolean): T[] {
  if (!Array.isArray(arr) || arr.length <= 1) return arr;
  const middle = Math.floor(arr.length / 2);
  const left = mergeSort(arr.slice(0, middle), swap);
  const right = mergeSort(arr.slice(middle), swap);
  const merged: T[] = [];
  let l = 0;
  let r = 0;
  while (l < left.length && r < right.length) {
    if (swap(left[l], right[r])) merged.push(right[r++]);
    else merged.push(left[l++]);
  }
  while (l < left.length) merged.push(left[l++]);
  while (r < right.length) merged.push(right[r++]);
  return merged;
}

export function compileSort(node: AstNode, depth: number, cc: CompileContext): (input: any, env: Frame) => any {
  const terms = (node.terms ?? []).map((t) => ({ descending: t.descending === true, ev: cc.node(t.expression, depth) as Ev }));
  const position = node.position;
  return (input, env) => {
    const tupleSort = !!(input && input.tupleStream);
    const evalTerm = (ev: Ev, item: any) => (tupleSort ? ev(item['@'], frameFromTuple(env, item as Tuple)) : ev(item, env));
    const swap = (a: any, b: any): boolean => {
      let comp = 0;
      for (let t = 0; comp === 0 && t < terms.length; t++) {
        const term = terms[t];
        const aa: any = evalTerm(term.ev, a);
        const bb: any = evalTerm(term.ev, b);
        const atype = typeof aa;
        const btype = typeof bb;
        if (atype === 'undefined') {
          comp = btype === 'undefined' ? 0 : 1;
          continue;
        }
        if (btype === 'undefined') {
          comp = -1;
          continue;
        }
        if (!(atype === 'string' || atype === 'number') || !(btype === 'string' || btype === 'number')) {
          throw jsonataError('T2008', { position, value: !(atype === 'string' || atype === 'number') ? aa : bb });
        }
        if (atype !== btype) throw jsonataError('T2007', { position, value: aa, value2: bb });
        if (aa === bb) continue;
        comp = aa < bb ? -1 : 1;
        if (term.descending) comp = -comp;
      }
      return comp === 1;
    };
    if (input === undefined) return undefined;
    if (input.length <= 1) return input;
    return mergeSort(input, swap);
  };
}
