/**
 * Runtime helpers called from generated code. Each performs one operator or call
 * with the interpreter's checks, and decorates errors with the node's position
 * and token as the interpreter does.
 */
import { jsonataError } from './errors';
import { Frame, NativeDefinition, throwDepth, tick, wrapFunctionArg } from './runtime';
import { append, finish, isJsonataFunction, markCons } from './sequence';
import { castString, toBoolean } from './builtins/casts';
import { boolize } from './operators';
import { fastValidator, symbolBit } from './signature-fast';
import { ParsedSignature, ref } from './reference-library';

const { isNumeric, isDeepEqual } = ref().utils;

function decorate(err: any, position: number | null, token: string): void {
  if (err !== null && typeof err === 'object') {
    err.position = position ?? undefined;
    err.token = token;
  }
}

function arith(l: any, r: any, op: string, position: number | null): unknown {
  if (typeof l === 'number' && typeof r === 'number' && isFinite(l) && isFinite(r)) {
    switch (op) {
      case '+':
        return l + r;
      case '-':
        return l - r;
      case '*':
        return l * r;
      case '/':
        return l / r;
      default:
        return l % r;
    }
  }
  try {
    if (l !== undefined && !isNumeric(l)) throw jsonataError('T2001', { value: l });
    if (r !== undefined && !isNumeric(r)) throw jsonataError('T2002', { value: r });
  } catch (err) {
    decorate(err, position, op);
    throw err;
  }
  // both numeric (NaN is not numeric) or one side undefined
  if (l === undefined || r === undefined) return undefined;
  return arith(l, r, op, position);
}

function compare(l: any, r: any, op: string, position: number | null): unknown {
  const lt = typeof l;
  const rt = typeof r;
  if (lt === rt && (lt === 'string' || lt === 'number')) {
    switch (op) {
      case '<':
        return l < r;
      case '<=':
        return l <= r;
      case '>':
        return l > r;
      default:
        return l >= r;
    }
  }
  const lc = lt === 'undefined' || lt === 'string' || lt === 'number';
  const rc = rt === 'undefined' || rt === 'string' || rt === 'number';
  let err;
  if (!lc || !rc) err = jsonataError('T2010', { value: !(lt === 'string' || lt === 'number') ? l : r });
  else if (lt === 'undefined' || rt === 'undefined') return undefined;
  else err = jsonataError('T2009', { value: l, value2: r });
  decorate(err, position, op);
  throw err;
}

function concat(l: unknown, r: unknown, position: number | null): string {
  try {
    const ls = l === undefined ? '' : (castString(l) as string);
    const rs = r === undefined ? '' : (castString(r) as string);
    return ls.concat(rs);
  } catch (err) {
    decorate(err, position, '&');
    throw err;
  }
}

/** Error decoration for a failed library call (applyInner reading the definition's last call site, then evaluateFunction). */
function decorateCall(err: any, def: NativeDefinition, token: string, position: number | null): void {
  if (err !== null && typeof err === 'object') {
    if (err.token === undefined && def.token !== undefined) err.token = def.token;
    err.position = def.position || err.position;
    if (!err.position) err.position = position ?? undefined;
    if (!err.token) err.token = token;
  }
}

function callNative(
  def: NativeDefinition,
  validate: ((args: unknown[], context: unknown) => unknown[]) | null,
  args: unknown[],
  input: unknown,
  env: Frame,
  token: string,
  position: number | null,
): unknown {
  try {
    def.token = token;
    def.position = position ?? undefined;
    const validated = validate !== null ? validate(args, input) : args;
    const focus = env.ctx.focus;
    focus.input = input;
    return def.implementation.apply(focus, validated);
  } catch (err: any) {
    decorateCall(err, def, token, position);
    throw err;
  }
}

export const CODEGEN_HELPERS = {
  hasOwn: Object.prototype.hasOwnProperty,
  depth(env: Frame, depth: number): void {
    const ctx = env.ctx;
    if (ctx.base + depth > ctx.maxDepth) throwDepth();
  },
  tick,
  finish: (value: unknown) => finish(value, false),
  arith,
  compare,
  concat,
  eq: isDeepEqual,
  boolize,
  toBoolean,
  decorate,
  arg: (value: unknown, env: Frame) => (isJsonataFunction(value) ? wrapFunctionArg(value, env.ctx) : value),
  callNative,
  decorateCall,
  bit: symbolBit,
  append,
  markCons,
  validator: (def: NativeDefinition) => (def.signature ? fastValidator(def.signature as ParsedSignature) : null),
};
