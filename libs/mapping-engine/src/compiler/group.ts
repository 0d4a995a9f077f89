/**
 * Object constructors and group-by (`{key: value}` and `path{key: value}`):
 * items are grouped by key, then each value expression runs over its group.
 * Mirrors evaluateGroupExpression, including tuple-stream reduction.
 */
import { AstNode, CompileContext } from './compile-context';
import { jsonataError } from './errors';
import { Ev, Frame, throwDepth } from './runtime';
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

/**
 * Keys that are distinct string literals need no grouping for a single (non-array)
 * input: each value runs once over the input. Values are evaluated in the order
 * the interpreter would visit its group table (JavaScript property order).
 */
function literalKeyOrder(lhs: [AstNode, AstNode][]): number[] | undefined {
  const keys = lhs.map(([k]) => (k.type === 'string' && !k.predicate && !k.group && !k.keepArray ? (k.value as string) : undefined));
  if (keys.some((k) => k === undefined || k === '__proto__' || k === '_jsonata_lambda' || k === '_jsonata_function')) return undefined;
  if (new Set(keys).size !== keys.length) return undefined;
  const probe: Record<string, number> = Object.create(null);
  keys.forEach((k, i) => (probe[k as string] = i));
  return Object.keys(probe).map((k) => probe[k]);
}

export function compileGroup(group: { lhs: [AstNode, AstNode][]; position?: number }, depth: number, cc: CompileContext): GroupEv {
  const pairs: [Ev, Ev][] = group.lhs.map(([k, v]) => [cc.node(k, depth), cc.node(v, depth)]);
  const position = group.position;
  const order = literalKeyOrder(group.lhs);
  const general = compileGeneralGroup(pairs, position);
  if (!order) return general;
  const keys = order.map((i) => group.lhs[i][0].value as string);
  const values = order.map((i) => pairs[i][1]);
  const count = keys.length;
  const guarded = cc.guarded;
  return (input, env) => {
    if (Array.isArray(input)) return general(input, env);
    // the key literals would have been evaluated one level down
    if (guarded && env.ctx.base + depth > env.ctx.maxDepth) throwDepth();
    const result: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const value = values[i](input, env);
      if (value !== undefined) result[keys[i]] = value;
    }
    return result;
  };
}

function compileGeneralGroup(pairs: [Ev, Ev][], position: number | undefined): GroupEv {
  return (input, env) => {
    const result: Record<string, unknown> = Object.create(null);
    const groups: Record<string, { data: any; exprIndex: number }> = Object.create(null);
    const reduce = !!(input && input.tupleStream);
    let items = input;
    if (!Array.isArray(items)) items = sequenceOf(items);
    // One undefined item so a literal object is still built. The interpreter pushes it into
    // the array it was given, which can be the input document's own array; copying avoids
    // changing data that other fields may still read.
    if (items.length === 0 && !reduce) items = [undefined];
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
