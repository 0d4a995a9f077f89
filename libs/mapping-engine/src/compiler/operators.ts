/**
 * Binary and unary operators with the interpreter's type rules and error codes:
 * arithmetic (T2001/T2002), comparison (T2009/T2010), equality (deep), `&` with
 * $string casting, `..` ranges (T2003/T2004, D2014), `in`, and short-circuit
 * `and`/`or`. Errors get the operator's position and token.
 */
import { AstNode, CompileContext, decline } from './compile-context';
import { jsonataError } from './errors';
import { Ev } from './runtime';
import { append, currentSequenceLimit, markCons, Seq } from './sequence';
import { ref } from './reference-library';
import { castString, toBoolean } from './builtins/casts';

const { isNumeric, isDeepEqual } = ref().utils;

function numeric(lhs: any, rhs: any, op: string): unknown {
  if (lhs !== undefined && !isNumeric(lhs)) throw jsonataError('T2001', { value: lhs });
  if (rhs !== undefined && !isNumeric(rhs)) throw jsonataError('T2002', { value: rhs });
  if (lhs === undefined || rhs === undefined) return undefined;
  switch (op) {
    case '+':
      return lhs + rhs;
    case '-':
      return lhs - rhs;
    case '*':
      return lhs * rhs;
    case '/':
      return lhs / rhs;
    default:
      return lhs % rhs;
  }
}

function comparison(lhs: any, rhs: any, op: string): unknown {
  const ltype = typeof lhs;
  const rtype = typeof rhs;
  const lcomparable = ltype === 'undefined' || ltype === 'string' || ltype === 'number';
  const rcomparable = rtype === 'undefined' || rtype === 'string' || rtype === 'number';
  if (!lcomparable || !rcomparable) {
    throw jsonataError('T2010', { value: !(ltype === 'string' || ltype === 'number') ? lhs : rhs });
  }
  if (ltype === 'undefined' || rtype === 'undefined') return undefined;
  if (ltype !== rtype) throw jsonataError('T2009', { value: lhs, value2: rhs });
  switch (op) {
    case '<':
      return lhs < rhs;
    case '<=':
      return lhs <= rhs;
    case '>':
      return lhs > rhs;
    default:
      return lhs >= rhs;
  }
}

function range(lhs: any, rhs: any): unknown {
  if (lhs !== undefined && !Number.isInteger(lhs)) throw jsonataError('T2003', { value: lhs });
  if (rhs !== undefined && !Number.isInteger(rhs)) throw jsonataError('T2004', { value: rhs });
  if (lhs === undefined || rhs === undefined || lhs > rhs) return undefined;
  const size = rhs - lhs + 1;
  if (size > 1e7) throw jsonataError('D2014', { value: size });
  if (size > currentSequenceLimit()) throw jsonataError('D2015', { value: size });
  const result: Seq = new Array(size);
  for (let item = lhs, index = 0; item <= rhs; item++, index++) result[index] = item;
  result.sequence = true;
  return result;
}

function includes(lhs: unknown, rhs: unknown): boolean {
  if (lhs === undefined || rhs === undefined) return false;
  const list = Array.isArray(rhs) ? rhs : [rhs];
  for (let i = 0; i < list.length; i++) if (list[i] === lhs) return true;
  return false;
}

export function stringConcat(lhs: unknown, rhs: unknown): string {
  const l = lhs === undefined ? '' : (castString(lhs) as string);
  const r = rhs === undefined ? '' : (castString(rhs) as string);
  return l.concat(r);
}

export function boolize(value: unknown): boolean {
  const b = toBoolean(value);
  return b === undefined ? false : b;
}

function withPosition(fn: (l: any, r: any) => unknown, position: number | undefined, token: string) {
  return (l: any, r: any) => {
    try {
      return fn(l, r);
    } catch (err: any) {
      if (err !== null && typeof err === 'object') {
        err.position = position;
        err.token = token;
      }
      throw err;
    }
  };
}

export function compileBinary(node: AstNode, depth: number, cc: CompileContext): Ev {
  const op = node.value as string;
  const lhs = cc.node(node.lhs as AstNode, depth + 1);
  const rhs = cc.node(node.rhs as AstNode, depth + 1);
  const position = node.position;
  if (op === 'and' || op === 'or') {
    const isAnd = op === 'and';
    return (input, env) => {
      try {
        const l = boolize(lhs(input, env));
        if (isAnd) return l && boolize(rhs(input, env));
        return l || boolize(rhs(input, env));
      } catch (err: any) {
        if (err !== null && typeof err === 'object') {
          err.position = position;
          err.token = op;
        }
        throw err;
      }
    };
  }
  let apply: (l: any, r: any) => unknown;
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      apply = (l, r) => numeric(l, r, op);
      break;
    case '=':
      apply = (l, r) => (l === undefined || r === undefined ? false : isDeepEqual(l, r));
      break;
    case '!=':
      apply = (l, r) => (l === undefined || r === undefined ? false : !isDeepEqual(l, r));
      break;
    case '<':
    case '<=':
    case '>':
    case '>=':
      apply = (l, r) => comparison(l, r, op);
      break;
    case '&':
      apply = stringConcat;
      break;
    case '..':
      apply = range;
      break;
    case 'in':
      apply = includes;
      break;
    default:
      return decline(`operator ${op}`);
  }
  const guarded = withPosition(apply, position, op);
  return (input, env) => guarded(lhs(input, env), rhs(input, env));
}

export function compileUnary(node: AstNode, depth: number, cc: CompileContext, group: (input: any, env: any) => unknown): Ev {
  if (node.value === '-') {
    const operand = cc.node(node.expression as AstNode, depth + 1);
    const position = node.position;
    return (input, env) => {
      const result: any = operand(input, env);
      if (result === undefined) return undefined;
      if (isNumeric(result)) return -result;
      throw jsonataError('D1002', { position, token: '-', value: result });
    };
  }
  if (node.value === '[') {
    const items = (node.expressions ?? []).map((item) => ({ ev: cc.node(item, depth + 1), nested: item.value === '[' }));
    const consarray = node.consarray === true;
    return (input, env) => {
      let result: any = [];
      for (const item of items) {
        const value = item.ev(input, env);
        if (value === undefined) continue;
        if (item.nested) result.push(value);
        else result = append(result, value);
      }
      if (consarray) markCons(result);
      return result;
    };
  }
  if (node.value === '{') return group;
  return decline(`unary ${String(node.value)}`);
}

