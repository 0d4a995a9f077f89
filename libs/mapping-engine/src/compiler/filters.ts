/**
 * Predicates (`expr[...]`): a literal number selects by index (negative counts from
 * the end), a numeric result selects by position, anything else filters by its
 * boolean cast. Mirrors the interpreter's evaluateFilter, including tuple streams.
 */
import { AstNode, CompileContext } from './compile-context';
import { Frame } from './runtime';
import { createSequence, Seq, sequenceOf, Tuple } from './sequence';
import { ref } from './reference-library';
import { toBoolean } from './builtins/casts';
import { frameFromTuple } from './path-steps';

export type FilterEv = (input: any, env: Frame) => Seq;

export function compileFilter(predicate: AstNode, depth: number, cc: CompileContext): FilterEv {
  if (predicate.type === 'number') {
    const literal = Math.floor(predicate.value as number);
    return (input) => {
      let results = createSequence();
      if (input && input.tupleStream) results.tupleStream = true;
      const seq = Array.isArray(input) ? input : sequenceOf(input);
      const index = literal < 0 ? seq.length + literal : literal;
      const item = seq[index];
      if (item !== undefined) {
        if (Array.isArray(item)) results = item as Seq;
        else results.push(item);
      }
      return results;
    };
  }
  const ev = cc.node(predicate, depth);
  const { isNumeric, isArrayOfNumbers } = ref().utils;
  return (input, env) => {
    const results = createSequence();
    const tupleStream = input && input.tupleStream;
    if (tupleStream) results.tupleStream = true;
    const seq = Array.isArray(input) ? input : sequenceOf(input);
    for (let index = 0; index < seq.length; index++) {
      const item = seq[index];
      let res: any = tupleStream ? ev((item as Tuple)['@'], frameFromTuple(env, item as Tuple)) : ev(item, env);
      if (isNumeric(res)) res = [res];
      if (isArrayOfNumbers(res)) {
        for (const value of res as number[]) {
          let ii = Math.floor(value);
          if (ii < 0) ii = seq.length + ii;
          if (ii === index) results.push(item);
        }
      } else if (toBoolean(res)) {
        results.push(item);
      }
    }
    return results;
  };
}
