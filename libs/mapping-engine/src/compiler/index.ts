/**
 * Mapping fast path: compiles a jsonata expression to synchronous JavaScript with
 * the interpreter's semantics. Expressions using anything not handled here are
 * declined with a reason, and the caller evaluates them with jsonata instead.
 */
import jsonata from 'jsonata';
import { AstNode, Decline } from './compile-context';
import { createCompileContext } from './ast-compiler';
import { populateMessage, jsonataError } from './errors';
import { Frame, newContext } from './runtime';
import { isSequence, sequenceOf, setSequenceLimit } from './sequence';
import { referenceLibrary } from './reference-library';
import { staticScope } from './builtins';
import { generate, Generated } from './codegen';

export type { JsonataError } from './errors';

/** A host function with a jsonata signature, validated before each call as `registerFunction` does. */
export interface HostFunction {
  implementation: (...args: any[]) => unknown;
  signature?: string;
}

export interface CompileOptions {
  /** Host function library, callable as `$name(...)`; `now`/`millis` here pin the clock. */
  functions?: Record<string, ((...args: any[]) => unknown) | HostFunction>;
}

export interface EvaluationGuard {
  /** Absolute time (Date.now() scale) after which evaluation fails with U1001. */
  deadline: number;
  /** Maximum nesting of evaluation, counted as the interpreter counts it; beyond it U1001. */
  maxDepth: number;
  /** Longest range or sequence (the interpreter's `sequence` option); beyond it D2015. */
  maxSequence?: number;
}

export type CompiledFunction = (input: unknown, bindings?: Record<string, unknown>, guard?: EvaluationGuard) => unknown;

export type CompiledExpression = { ok: true; fn: CompiledFunction } | { ok: false; reason: string };

function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}

export function compileAst(ast: unknown, options: CompileOptions = {}): CompiledExpression {
  const lib = referenceLibrary();
  if (typeof lib === 'string') return { ok: false, reason: lib };
  const root = ast as AstNode;
  const statics = staticScope(options.functions);
  let plain: Generated;
  try {
    plain = generate(root, createCompileContext(false), statics);
  } catch (err) {
    if (err instanceof Decline) return { ok: false, reason: err.reason };
    return { ok: false, reason: `compile error: ${(err as Error).message}` };
  }
  let guardedTree: Generated | undefined;
  const host = options.functions?.millis;
  const pinnedMillis = typeof host === 'function' ? host : host?.implementation;
  // called as a method of the evaluation context, so a host clock can read the bindings
  const clock = pinnedMillis
    ? function (this: unknown) {
        return Number(pinnedMillis.call(this));
      }
    : Date.now;
  const fn: CompiledFunction = (input, bindings, guard) => {
    const ctx = newContext(clock);
    let tree = plain;
    if (guard) {
      guardedTree ??= generate(root, createCompileContext(true), statics);
      tree = guardedTree;
      ctx.guarded = true;
      ctx.deadline = guard.deadline;
      ctx.maxDepth = guard.maxDepth;
    }
    const env = new Frame(null, ctx, statics);
    ctx.root = env;
    if (bindings) {
      for (const name of Object.keys(bindings)) {
        env.vars[name] = bindings[name];
        if (tree.directNames.has(name)) ctx.direct = false;
      }
    }
    env.vars['$'] = input;
    let context = input;
    if (Array.isArray(input) && !isSequence(input)) {
      context = sequenceOf(input);
      (context as { outerWrapper?: boolean }).outerWrapper = true;
    }
    const previousLimit = setSequenceLimit(guard?.maxSequence ?? Infinity);
    try {
      return tree.evaluate(context, env);
    } catch (err) {
      if (isStackOverflow(err)) {
        const overflow = jsonataError('U1001', { message: 'Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.' });
        throw overflow;
      }
      populateMessage(err);
      throw err;
    } finally {
      setSequenceLimit(previousLimit);
    }
  };
  return { ok: true, fn };
}

export function compileJsonata(expr: string, options: CompileOptions = {}): CompiledExpression {
  let ast: unknown;
  try {
    ast = jsonata(expr).ast();
  } catch (err) {
    const code = (err as { code?: string }).code;
    return { ok: false, reason: `syntax error${code ? ` ${code}` : ''}` };
  }
  return compileAst(ast, options);
}
