/**
 * Evaluation state shared by compiled closures: variable frames, function values
 * (lambdas, tail-call thunks, native definitions) and function application with
 * the interpreter's signature validation, trampolining and error decoration.
 */
import { jsonataError } from './errors';
import { ParsedSignature, JsonataFocus } from './reference-library';
import { createSequenceVariadic } from './sequence';
import { fastValidator } from './signature-fast';

/** A compiled AST node: evaluates against a context value in a frame. */
export type Ev = (input: unknown, env: Frame) => unknown;

/**
 * Per-evaluation state. It doubles as the `this` that library functions receive
 * (createSequence, environment.timestamp, input), so one object is allocated per call.
 */
export class EvalContext {
  /** True when a deadline or depth limit applies; unguarded code never looks at the fields below. */
  guarded = false;
  deadline = Infinity;
  maxDepth = Infinity;
  /** Interpreter evaluate-depth of the body currently running (root expression: 1). */
  base = 1;
  /** Depth of the node that is invoking a function right now. */
  callDepth = 0;
  ticks = 0;
  /** No binding shadows a library function that generated code calls directly. */
  direct = true;
  input: unknown = undefined;
  /** The evaluation's root frame (bindings), read by host functions through `environment.lookup`. */
  root: Frame | null = null;
  private stamp: Date | undefined = undefined;

  constructor(private readonly clock: () => number) {}

  get focus(): JsonataFocus {
    return this as unknown as JsonataFocus;
  }

  get ctx(): EvalContext {
    return this;
  }

  get environment(): { timestamp: Date; lookup(name: string): unknown } {
    return this;
  }

  /** Host functions registered like jsonata's read bindings as `this.environment.lookup(name)`. */
  lookup(name: string): unknown {
    return this.root === null ? undefined : this.root.lookup(name);
  }

  /** The evaluation timestamp ($now, $millis, date parsing), read from the clock on first use. */
  get timestamp(): Date {
    this.stamp ??= new Date(this.clock());
    return this.stamp;
  }

  createSequence(...items: unknown[]): unknown[] {
    return createSequenceVariadic(...items);
  }
}

export class Frame {
  readonly vars: Record<string, unknown> = Object.create(null);
  constructor(
    readonly parent: Frame | null,
    readonly ctx: EvalContext,
    readonly statics: Record<string, unknown>,
  ) {}

  lookup(name: string): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let frame: Frame | null = this;
    while (frame !== null) {
      if (name in frame.vars) return frame.vars[name];
      frame = frame.parent;
    }
    return this.statics[name];
  }

  bind(name: string, value: unknown): void {
    this.vars[name] = value;
  }

  child(): Frame {
    return new Frame(this, this.ctx, this.statics);
  }
}

export type NativeFn = (this: JsonataFocus, ...args: any[]) => unknown;

/** A native function as the interpreter represents it (`defineFunction`). */
export interface NativeDefinition {
  _jsonata_function: true;
  implementation: NativeFn;
  signature?: ParsedSignature;
  /** Token and position of the call site that invoked it last (see `markCallSite`). */
  token?: string;
  position?: number;
}

export function defineNative(implementation: NativeFn, signature?: ParsedSignature): NativeDefinition {
  const def: NativeDefinition = { _jsonata_function: true, implementation };
  if (signature) def.signature = signature;
  return def;
}

export class Lambda {
  readonly _jsonata_lambda = true;
  token?: string;
  position?: number;
  constructor(
    readonly input: unknown,
    readonly environment: Frame,
    readonly params: string[],
    readonly signature: ParsedSignature | undefined,
    readonly body: Ev | undefined,
    /** Set for a partially applied native function: called with its parameters looked up by name. */
    readonly native?: { fn: NativeFn; names: string[] },
  ) {}

  /** Lambdas are callable as `f.apply(self, args)`, as library code and matchers expect. */
  apply(self: any, args: unknown[]): unknown {
    const ctx: EvalContext = self && self.ctx ? self.ctx : this.environment.ctx;
    return applyFunction(this, args, this.input, ctx);
  }

  /** The interpreter exposes lambda parameters as `arguments`; arity is read from it. */
  get arguments(): string[] {
    return this.params;
  }
}

/** A call in tail position, returned to the caller's trampoline instead of recursing. */
export class Thunk {
  constructor(
    readonly procedure: Ev,
    readonly args: Ev[],
    readonly input: unknown,
    readonly env: Frame,
    readonly token: string | undefined,
    readonly position: number | undefined,
  ) {}
}

export function arityOf(func: any): number {
  if (typeof func.arity === 'number') return func.arity;
  if (func instanceof Lambda) return func.params.length;
  if (typeof func.implementation === 'function') return func.implementation.length;
  return typeof func.length === 'number' ? func.length : 0;
}

export function throwDepth(): never {
  throw jsonataError('U1001', { message: 'Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.' });
}

export function checkDeadline(ctx: EvalContext): void {
  if (Date.now() > ctx.deadline) {
    throw jsonataError('U1001', { message: 'Expression evaluation timeout: Check for infinite loop' });
  }
}

/** Called at loop and recursion points of guarded code; reads the clock every 256 ticks. */
export function tick(ctx: EvalContext): void {
  if (++ctx.ticks >= 256) {
    ctx.ticks = 0;
    checkDeadline(ctx);
  }
}

function invokeLambda(proc: Lambda, args: unknown[], ctx: EvalContext): unknown {
  const env = new Frame(proc.environment, ctx, proc.environment.statics);
  const params = proc.params;
  for (let i = 0; i < params.length; i++) env.vars[params[i]] = args[i];
  if (proc.native) {
    const nativeArgs = proc.native.names.map((name) => env.lookup(name));
    ctx.focus.input = undefined;
    return proc.native.fn.apply(ctx.focus, nativeArgs);
  }
  if (!ctx.guarded) return (proc.body as Ev)(proc.input, env);
  const savedBase = ctx.base;
  const savedCall = ctx.callDepth;
  ctx.base = ctx.callDepth + 1;
  tick(ctx);
  try {
    return (proc.body as Ev)(proc.input, env);
  } finally {
    ctx.base = savedBase;
    ctx.callDepth = savedCall;
  }
}

/**
 * The interpreter records the call site on the function value itself before each
 * call, and a failing call reads it back from there; a recursive function's error
 * therefore carries the innermost call's position. Compiled calls do the same.
 */
export function markCallSite(proc: unknown, token: string | undefined, position: number | undefined): void {
  if (proc !== null && typeof proc === 'object') {
    (proc as { token?: string }).token = token;
    (proc as { position?: number }).position = position;
  }
}

function applyInner(proc: any, args: unknown[], input: unknown, ctx: EvalContext, checkTime = false): unknown {
  try {
    if (checkTime) checkDeadline(ctx);
    const validated = proc && proc.signature ? fastValidator(proc.signature as ParsedSignature)(args, input) : args;
    if (proc instanceof Lambda) return invokeLambda(proc, validated, ctx);
    if (proc && proc._jsonata_function === true) {
      ctx.focus.input = input;
      return (proc as NativeDefinition).implementation.apply(ctx.focus, validated);
    }
    if (typeof proc === 'function') return proc.apply(input, validated);
    throw jsonataError('T1006');
  } catch (err: any) {
    if (proc && err !== null && typeof err === 'object') {
      if (err.token === undefined && proc.token !== undefined) err.token = proc.token;
      err.position = proc.position || err.position;
    }
    throw err;
  }
}

/** Applies any function value; tail calls returned as thunks are run here in a loop. */
export function applyFunction(proc: unknown, args: unknown[], input: unknown, ctx: EvalContext): unknown {
  const callDepth = ctx.callDepth;
  let result = applyInner(proc, args, input, ctx);
  while (result instanceof Thunk) {
    const thunk = result;
    const savedBase = ctx.base;
    let next: unknown;
    const evaluatedArgs: unknown[] = [];
    if (ctx.guarded) ctx.base = callDepth + 1;
    try {
      next = thunk.procedure(thunk.input, thunk.env);
      for (const arg of thunk.args) evaluatedArgs.push(arg(thunk.input, thunk.env));
    } finally {
      ctx.base = savedBase;
    }
    ctx.callDepth = callDepth;
    if (next !== null && typeof next === 'object') {
      if (thunk.token !== undefined) (next as { token?: string }).token = thunk.token;
      (next as { position?: number }).position = thunk.position;
    }
    // the deadline is checked where the interpreter mostly meets it: inside the call, after its site is recorded
    result = applyInner(next, evaluatedArgs, input, ctx, ctx.guarded);
  }
  return result;
}

/** Function-valued arguments are passed to functions as plain closures, as the interpreter does. */
export function wrapFunctionArg(func: unknown, ctx: EvalContext): (...params: unknown[]) => unknown {
  const closure = (...params: unknown[]) => applyFunction(func, params, null, ctx);
  (closure as unknown as { arity: number }).arity = arityOf(func);
  return closure;
}

export function newContext(clock: () => number): EvalContext {
  return new EvalContext(clock);
}
