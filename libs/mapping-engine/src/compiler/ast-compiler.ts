/**
 * Turns a jsonata AST into a tree of synchronous closures. Each node gets the
 * interpreter's per-node epilogue: predicates, grouping, and collapsing empty or
 * singleton sequences. In the guarded tree every node also checks the depth limit
 * (tracked exactly as the interpreter counts nested evaluate calls) and the deadline.
 */
import { AstNode, CompileContext, decline } from './compile-context';
import { compileBinary, compileUnary } from './operators';
import { compilePath } from './path-steps';
import { compileFilter } from './filters';
import { compileGroup } from './group';
import { compileApply, compileFunctionCall, compileLambda, compilePartial, compileVariable } from './function-calls';
import { compileTransform } from './transform';
import { Ev, throwDepth, tick } from './runtime';
import { append, createSequence, finish, flattenDeep, isJsonataFunction, lookup, objectKeys, Seq } from './sequence';
import { regexMatcher } from './builtins/regex';
import { UNSUPPORTED_FUNCTIONS } from './builtins';
import { toBoolean } from './builtins/casts';

/** Node types whose value is never a sequence, so the collapse step can be skipped. */
const NEVER_SEQUENCE = new Set(['string', 'number', 'value', 'lambda', 'regex', 'transform', 'parent']);

function wildcard(input: any): Seq {
  let results = createSequence();
  if (Array.isArray(input) && (input as Seq).outerWrapper && input.length > 0) input = input[0];
  if (input !== null && typeof input === 'object' && !isJsonataFunction(input)) {
    for (const key of objectKeys(input)) {
      const value = input[key];
      if (Array.isArray(value)) {
        // append() concatenates into a plain array, dropping the sequence flag as the interpreter does
        results = append(results, flattenDeep(value)) as Seq;
      } else {
        results.push(value);
      }
    }
  }
  return results;
}

function descendants(input: unknown): unknown {
  if (input === undefined) return undefined;
  const results = createSequence();
  const recurse = (value: any) => {
    if (!Array.isArray(value)) results.push(value);
    if (Array.isArray(value)) {
      for (const member of value) recurse(member);
    } else if (value !== null && typeof value === 'object' && !isJsonataFunction(value)) {
      for (const key of objectKeys(value)) recurse(value[key]);
    }
  };
  recurse(input);
  return results.length === 1 ? results[0] : results;
}

function hasPredicate(node: AstNode): boolean {
  return node.predicate !== undefined && node.predicate.length > 0;
}

/** Nodes that return a child's already-collapsed result; collapsing again changes nothing. */
const PASS_THROUGH = new Set(['condition', 'block', 'bind']);

function compileCore(node: AstNode, depth: number, cc: CompileContext): Ev {
  switch (node.type) {
    case 'path':
      return compilePath(node, depth, cc, !hasPredicate(node));
    case 'binary':
      return compileBinary(node, depth, cc);
    case 'unary':
      return compileUnary(node, depth, cc, node.value === '{' ? compileGroup(node as any, depth + 1, cc) : () => undefined);
    case 'name': {
      const name = node.value as string;
      return (input) => lookup(input, name);
    }
    case 'string':
    case 'number':
    case 'value': {
      const value = node.value;
      return () => value;
    }
    case 'wildcard':
      return (input) => wildcard(input);
    case 'descendant':
      return (input) => descendants(input);
    case 'parent': {
      const label = (node.slot as { label: string }).label;
      return (_input, env) => env.lookup(label);
    }
    case 'condition': {
      const condition = cc.node(node.condition as AstNode, depth + 1);
      const then = cc.node(node.then as AstNode, depth + 1);
      const otherwise = node.else !== undefined ? cc.node(node.else, depth + 1) : undefined;
      return (input, env) => {
        if (toBoolean(condition(input, env))) return then(input, env);
        return otherwise ? otherwise(input, env) : undefined;
      };
    }
    case 'block': {
      const expressions = (node.expressions ?? []).map((e) => cc.node(e, depth + 1));
      return (input, env) => {
        const frame = env.child();
        let result: unknown;
        for (let i = 0; i < expressions.length; i++) result = expressions[i](input, frame);
        return result;
      };
    }
    case 'bind': {
      const name = (node.lhs as AstNode).value as string;
      const rhs = cc.node(node.rhs as AstNode, depth + 1);
      return (input, env) => {
        const value = rhs(input, env);
        env.bind(name, value);
        return value;
      };
    }
    case 'regex': {
      const source = node.value as RegExp;
      const position = node.position;
      return () => regexMatcher(source, position);
    }
    case 'function':
      return compileFunctionCall(node, depth, cc, depth);
    case 'variable':
      if (UNSUPPORTED_FUNCTIONS.has(node.value)) decline(`function $${node.value}`);
      return compileVariable(node);
    case 'lambda':
      return compileLambda(node, cc);
    case 'partial':
      return compilePartial(node, depth, cc);
    case 'apply':
      return compileApply(node, depth, cc);
    case 'transform':
      return compileTransform(node, cc);
    default:
      return decline(`node type ${node.type}`);
  }
}

export function compileNode(node: AstNode, depth: number, cc: CompileContext): Ev {
  let ev = compileCore(node, depth, cc);
  if (node.predicate && node.predicate.length > 0) {
    const filters = node.predicate.map((p) => compileFilter(p.expr as AstNode, depth + 1, cc));
    const inner = ev;
    ev = (input, env) => {
      let result: unknown = inner(input, env);
      for (let i = 0; i < filters.length; i++) result = filters[i](result, env);
      return result;
    };
  }
  if (node.type !== 'path' && node.group) {
    const group = compileGroup(node.group, depth + 1, cc);
    const inner = ev;
    ev = (input, env) => group(inner(input, env), env);
  }
  const alreadyFinished =
    (node.type === 'path' && !hasPredicate(node)) ||
    (node.type === 'binary' && node.value !== '..' && !hasPredicate(node)) ||
    (PASS_THROUGH.has(node.type) && !hasPredicate(node) && !node.keepArray && !node.group);
  const mayBeSequence = !alreadyFinished && (!NEVER_SEQUENCE.has(node.type) || hasPredicate(node));
  if (mayBeSequence) {
    const keepArray = node.keepArray === true;
    const inner = ev;
    ev = (input, env) => finish(inner(input, env), keepArray);
  }
  if (cc.guarded) {
    const inner = ev;
    ev = (input, env) => {
      const ctx = env.ctx;
      if (ctx.base + depth > ctx.maxDepth) throwDepth();
      tick(ctx);
      return inner(input, env);
    };
  }
  return ev;
}

export function createCompileContext(guarded: boolean): CompileContext {
  const cc: CompileContext = {
    guarded,
    node: (node, depth) => compileNode(node, depth, cc),
  };
  return cc;
}
