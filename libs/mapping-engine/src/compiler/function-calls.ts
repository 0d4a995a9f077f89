/**
 * Function invocation, lambdas (with tail calls as thunks), partial application,
 * the `~>` chaining operator and variable references. Mirrors evaluateFunction,
 * evaluateLambda, evaluatePartialApplication and evaluateApplyExpression.
 */
import { AstNode, CompileContext } from './compile-context';
import { jsonataError } from './errors';
import { applyFunction, Ev, Frame, Lambda, markCallSite, NativeDefinition, Thunk, wrapFunctionArg } from './runtime';
import { isJsonataFunction } from './sequence';
import { nativeParameterNames } from './builtins/native-params';

function procedureToken(proc: AstNode): string | undefined {
  return proc.type === 'path' ? (proc.steps as AstNode[])[0].value : proc.value;
}

function throwIfForgotDollar(proc: unknown, procNode: AstNode, env: Frame, code: string, position: number | undefined): void {
  if (proc === undefined && procNode.type === 'path') {
    const name = (procNode.steps as AstNode[])[0].value;
    if (env.lookup(name)) throw jsonataError(code, { position, token: name });
  }
}

/** `f(args)`; with `applyTo`, the `~>` left side becomes the first argument. */
export function compileFunctionCall(node: AstNode, depth: number, cc: CompileContext, callDepth: number, applyTo?: Ev): Ev {
  const procNode = node.procedure as AstNode;
  const procedure = cc.node(procNode, depth + 1);
  const args = (node.arguments ?? []).map((arg) => cc.node(arg, depth + 1));
  const token = procedureToken(procNode);
  const position = node.position;
  const guarded = cc.guarded;
  return (input, env) => {
    const lhs = applyTo ? applyTo(input, env) : undefined;
    const proc = procedure(input, env);
    throwIfForgotDollar(proc, procNode, env, 'T1005', position);
    const ctx = env.ctx;
    const evaluated: unknown[] = [];
    if (applyTo) evaluated.push(lhs);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i](input, env);
      evaluated.push(isJsonataFunction(arg) ? wrapFunctionArg(arg, ctx) : arg);
    }
    if (guarded) ctx.callDepth = ctx.base + callDepth;
    try {
      markCallSite(proc, token, position);
      return applyFunction(proc, evaluated, input, ctx);
    } catch (err: any) {
      if (err !== null && typeof err === 'object') {
        if (!err.position) err.position = position;
        if (!err.token) err.token = token;
      }
      throw err;
    }
  };
}

export function compileLambda(node: AstNode, cc: CompileContext): Ev {
  if (node.thunk) {
    const call = node.body as AstNode;
    const procNode = call.procedure as AstNode;
    const procedure = cc.node(procNode, 0);
    const args = (call.arguments ?? []).map((arg) => cc.node(arg, 0));
    const token = procNode.type === 'variable' ? procNode.value : undefined;
    return (input, env) => new Thunk(procedure, args, input, env, token, procNode.position);
  }
  const body = cc.node(node.body as AstNode, 0);
  const params = (node.arguments ?? []).map((p) => p.value as string);
  const signature = node.signature;
  return (input, env) => new Lambda(input, env, params, signature, body);
}

function partialLambda(proc: Lambda, args: unknown[], env: Frame): Lambda {
  const frame = new Frame(proc.environment ?? env, env.ctx, env.statics);
  const unbound: string[] = [];
  proc.params.forEach((param, index) => {
    const arg = args[index];
    if (arg === PLACEHOLDER) unbound.push(param);
    else frame.vars[param] = arg;
  });
  return new Lambda(proc.input, frame, unbound, undefined, proc.body, proc.native);
}

const PLACEHOLDER = Symbol('partial-placeholder');

export function compilePartial(node: AstNode, depth: number, cc: CompileContext): Ev {
  const procNode = node.procedure as AstNode;
  const procedure = cc.node(procNode, depth + 1);
  const args = (node.arguments ?? []).map((arg) => (arg.type === 'operator' && arg.value === '?' ? undefined : cc.node(arg, depth + 1)));
  const position = node.position;
  return (input, env) => {
    const evaluated = args.map((arg) => (arg === undefined ? PLACEHOLDER : arg(input, env)));
    const proc: any = procedure(input, env);
    throwIfForgotDollar(proc, procNode, env, 'T1007', position);
    if (proc instanceof Lambda) return partialLambda(proc, evaluated, env);
    let native: ((...a: any[]) => unknown) | undefined;
    if (proc && proc._jsonata_function === true) native = (proc as NativeDefinition).implementation;
    else if (typeof proc === 'function') native = proc;
    if (native === undefined) throw jsonataError('T1008', { position, token: procedureToken(procNode) });
    const names = nativeParameterNames(native);
    const wrapper = new Lambda(undefined, env, names, undefined, undefined, { fn: native, names });
    return partialLambda(wrapper, evaluated, env);
  };
}

/** `lhs ~> rhs`: invoke rhs with lhs first, or compose when both are functions. */
export function compileApply(node: AstNode, depth: number, cc: CompileContext): Ev {
  const lhs = cc.node(node.lhs as AstNode, depth + 1);
  const rhsNode = node.rhs as AstNode;
  if (rhsNode.type === 'function') return compileFunctionCall(rhsNode, depth, cc, depth, lhs);
  const rhs = cc.node(rhsNode, depth + 1);
  const position = node.position;
  const guarded = cc.guarded;
  return (input, env) => {
    const l = lhs(input, env);
    const func = rhs(input, env);
    if (!isJsonataFunction(func)) throw jsonataError('T2006', { position, value: func });
    const ctx = env.ctx;
    if (guarded) ctx.callDepth = ctx.base + depth;
    if (isJsonataFunction(l)) {
      // function composition: λ($x){ func(l($x)) }
      const composed = (x: unknown) => applyFunction(func, [applyFunction(l, [x], null, ctx)], null, ctx);
      return new Lambda(undefined, env, ['x'], undefined, undefined, { fn: composed, names: ['x'] });
    }
    return applyFunction(func, [l], null, ctx);
  };
}

export function compileVariable(node: AstNode): Ev {
  const name = node.value as string;
  if (name === '') return (input: any) => (input && input.outerWrapper ? input[0] : input);
  return (_input, env) => env.lookup(name);
}
