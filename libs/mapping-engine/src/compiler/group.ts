/**
 * Object constructors and group-by (`{key: value}` and `path{key: value}`):
 * items are grouped by key, then each value expression runs over its group.
 * Mirrors evaluateGroupExpression, including tuple-stream reduction.
 */
import { AstNode, CompileContext } from './compile-context';
import { jsonataError } from './errors';
import { Ev, Frame } from './runtime';
import { append, objectKeys, sequenceOf, Tuple } from './sequence';
import { frameFromTuple } from './path-steps';

export type GroupEv = (input: any, env: Frame) => Record<string, unknown>;

function reduceTupleStream(stream: any): Tuple {
  if (!Array.isArray(stream)) return stream;
  const result: Tuple = Object.create(null);
  Object.assign(result, stream[0]);
  for (let i = 1; i < stream.length; i++) {
    for (const prop of objectKeys(stream[i])) result[prop] = append(result[prop], stream[i][prop]);
  }
  return result;
}

export function compileGroup(group: { lhs: [AstNode, AstNode][]; position?: number }, depth: number, cc: CompileContext): GroupEv {
  const pairs: [Ev, Ev][] = group.lhs.map(([k, v]) => [cc.node(k, depth), cc.node(v, depth)]);
  const position = group.position;
  return (input, env) => {
    const result: Record<string, unknown> = Object.create(null);
    const groups: Record<string, { data: any; exprIndex: number }> = Object.create(null);
    const reduce = !!(input && input.tupleStream);
    let items = input;
    if (!Array.isArray(items)) items = sequenceOf(items);
    if (items.length === 0 && !reduce) items.push(undefined);
    for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
      const item = items[itemIndex];
      const itemEnv = reduce ? frameFromTuple(env, item) : env;
      for (let p = 0; p < pairs.length; p++) {
        const key = pairs[p][0](reduce ? item['@'] : item, itemEnv);
        if (typeof key !== 'string' && key !== undefined) throw jsonataError('T1003', { position, value: key });
        if (key === undefined) continue;
        if (key === '_jsonata_lambda' || key === '_jsonata_function') throw jsonataError('D1013', { position, value: key });
        const existing = groups[key];
        if (existing !== undefined) {
          if (existing.exprIndex !== p) throw jsonataError('D1009', { position, value: key });
          existing.data = append(existing.data, item);
        } else {
          groups[key] = { data: item, exprIndex: p };
        }
      }
    }
    for (const key in groups) {
      const entry = groups[key];
      let context = entry.data;
      let valueEnv = env;
      if (reduce) {
        const tuple = reduceTupleStream(entry.data);
        context = tuple['@'];
        delete tuple['@'];
        valueEnv = frameFromTuple(env, tuple);
      }
      const value = pairs[entry.exprIndex][1](context, valueEnv);
      if (value !== undefined) result[key] = value;
    }
    return result;
  };
}
