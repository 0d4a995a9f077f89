/**
 * Source generation for the shapes mappings are made of: object constructors with
 * literal keys, field paths, literals, operators, conditions, blocks and calls to
 * library or host functions. Generated code gives every field access its own
 * inline cache, which closures shared across nodes cannot. Any other node (or one
 * with predicates, grouping or keep-array flags) is compiled as a closure and
 * called from the generated code, so semantics stay those of the closure compiler.
 */
import { AstNode, CompileContext } from './compile-context';
import { compileNode } from './ast-compiler';
import { Ev } from './runtime';
import { CODEGEN_HELPERS } from './codegen-helpers';
import { NativeDefinition } from './runtime';
import { parseParams } from './signature-fast';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

interface Emitter {
  cc: HybridContext;
  functions: string[];
  closures: Ev[];
  defs: NativeDefinition[];
  statics: Record<string, unknown>;
  /** Variable names bound anywhere in the expression (`:=`, parameters, focus/index). */
  bound: Set<string>;
  /** Library functions called without a lookup unless a binding has the same name. */
  directNames: Set<string>;
  counter: number;
}

function boundNames(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) boundNames(item, into);
  } else if (node !== null && typeof node === 'object') {
    const n = node as AstNode;
    if (n.type === 'bind' && n.lhs) into.add(n.lhs.value);
    if (n.type === 'lambda') for (const p of n.arguments ?? []) into.add(p.value);
    if (typeof n.focus === 'string') into.add(n.focus);
    if (typeof n.index === 'string') into.add(n.index);
    for (const key of Object.keys(n)) {
      const child = (n as unknown as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object' && !(child instanceof RegExp)) boundNames(child, into);
    }
  }
  return into;
}

function plain(node: AstNode): boolean {
  return !node.predicate?.length && !node.group && !node.keepArray;
}

function closure(em: Emitter, node: AstNode, depth: number): string {
  em.closures.push(em.cc.closureOnly(node, depth));
  return `c[${em.closures.length - 1}](input, env)`;
}

function fn(em: Emitter, body: string): string {
  const name = `f${em.counter++}`;
  em.functions.push(`function ${name}(input, env) {\n${body}\n}`);
  return `${name}(input, env)`;
}

function depthCheck(em: Emitter, depth: number): string {
  return em.cc.guarded ? `h.depth(env, ${depth}); ` : '';
}

function isPlainNamePath(node: AstNode): boolean {
  return (
    node.type === 'path' &&
    plain(node) &&
    !node.keepSingletonArray &&
    !node.tuple &&
    (node.steps ?? []).every(
      (s) => s.type === 'name' && typeof s.value === 'string' && plain(s) && !s.stages?.length && !s.tuple && s.focus === undefined && s.index === undefined && !s.ancestor,
    )
  );
}

function genPath(em: Emitter, node: AstNode, depth: number): string {
  const general = closure(em, node, depth);
  const names = (node.steps as AstNode[]).map((s) => s.value as string);
  const lines = [`${depthCheck(em, depth)}if (Array.isArray(input)) return ${general};`, em.cc.guarded ? `h.depth(env, ${depth + 1});` : '', 'let v = input;'];
  names.forEach((name, i) => {
    const key = JSON.stringify(name);
    lines.push(`if (v === null || typeof v !== 'object' || v._jsonata_function === true || v._jsonata_lambda === true || !h.hasOwn.call(v, ${key})) return undefined;`);
    lines.push(`v = v[${key}];`);
    lines.push(i < names.length - 1 ? `if (Array.isArray(v)) return ${general};` : `if (Array.isArray(v) && v.sequence === true) return ${general};`);
  });
  lines.push('return v;');
  return fn(em, lines.join('\n'));
}

function literalKeys(node: AstNode): string[] | undefined {
  const pairs = node.lhs as [AstNode, AstNode][];
  const keys = pairs.map(([k]) => (k.type === 'string' && plain(k) ? (k.value as string) : undefined));
  if (keys.some((k) => k === undefined || k === '__proto__' || k === '_jsonata_lambda' || k === '_jsonata_function')) return undefined;
  if (new Set(keys).size !== keys.length) return undefined;
  return keys as string[];
}

function genObject(em: Emitter, node: AstNode, depth: number): string {
  const keys = literalKeys(node);
  if (!keys) return closure(em, node, depth);
  const general = closure(em, node, depth);
  const pairs = node.lhs as [AstNode, AstNode][];
  // evaluate values in the order the interpreter visits its group table
  const probe: Record<string, number> = Object.create(null);
  keys.forEach((k, i) => (probe[k] = i));
  const order = Object.keys(probe).map((k) => probe[k]);
  const lines = [`${depthCheck(em, depth)}if (Array.isArray(input)) return ${general};`];
  if (em.cc.guarded) lines.push(`h.depth(env, ${depth + 1}); h.tick(env.ctx);`);
  lines.push('const r = {}; let t;');
  for (const i of order) {
    lines.push(`t = ${gen(em, pairs[i][1], depth + 1)}; if (t !== undefined) r[${JSON.stringify(keys[i])}] = t;`);
  }
  lines.push('return r;');
  return fn(em, lines.join('\n'));
}

/** `[a, b, ...]`: values are appended (flattening sequences), nested constructors pushed whole. */
function genArray(em: Emitter, node: AstNode, depth: number): string {
  const lines = [`${depthCheck(em, depth)}let r = []; let v;`];
  for (const item of node.expressions ?? []) {
    const add = item.value === '[' ? 'r.push(v);' : 'r = h.append(r, v);';
    lines.push(`v = ${gen(em, item, depth + 1)}; if (v !== undefined) { ${add} }`);
  }
  if (node.consarray) lines.push('h.markCons(r);');
  lines.push('return r;');
  return fn(em, lines.join('\n'));
}

function genBinary(em: Emitter, node: AstNode, depth: number): string {
  const op = node.value as string;
  const l = gen(em, node.lhs as AstNode, depth + 1);
  const r = gen(em, node.rhs as AstNode, depth + 1);
  const pos = JSON.stringify(node.position ?? null);
  const check = depthCheck(em, depth);
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return fn(em, `${check}const l = ${l}; const r = ${r}; return h.arith(l, r, ${JSON.stringify(op)}, ${pos});`);
    case '=':
      return fn(em, `${check}const l = ${l}; const r = ${r}; return l === undefined || r === undefined ? false : h.eq(l, r);`);
    case '!=':
      return fn(em, `${check}const l = ${l}; const r = ${r}; return l === undefined || r === undefined ? false : !h.eq(l, r);`);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return fn(em, `${check}const l = ${l}; const r = ${r}; return h.compare(l, r, ${JSON.stringify(op)}, ${pos});`);
    case '&':
      return fn(em, `${check}const l = ${l}; const r = ${r}; return h.concat(l, r, ${pos});`);
    case 'and':
    case 'or': {
      const isAnd = op === 'and';
      return fn(
        em,
        `${check}const lv = ${l};\ntry {\n  const lb = h.boolize(lv);\n  return ${isAnd ? `lb && h.boolize(${r})` : `lb || h.boolize(${r})`};\n} catch (e) { h.decorate(e, ${pos}, ${JSON.stringify(op)}); throw e; }`,
      );
    }
    default:
      return closure(em, node, depth);
  }
}

function genCall(em: Emitter, node: AstNode, depth: number): string {
  const procNode = node.procedure as AstNode;
  const name = procNode.type === 'variable' ? (procNode.value as string) : undefined;
  const def = name !== undefined && !em.bound.has(name) ? (em.statics[name] as NativeDefinition | undefined) : undefined;
  if (!def || def._jsonata_function !== true) return closure(em, node, depth);
  const general = closure(em, node, depth);
  em.defs.push(def);
  em.directNames.add(name as string);
  const d = em.defs.length - 1;
  const args = (node.arguments ?? []).map((a) => gen(em, a, depth + 1));
  const inline = inlineCall(em, def, d, args, name as string, node.position, depth);
  if (inline) return inline(general);
  const lines = [
    // only a host binding of the same name can shadow the library function here
    depthCheck(em, depth) + `if (${em.cc.guarded ? `h.depth(env, ${depth + 1}), ` : ''}!env.ctx.direct && env.lookup(${JSON.stringify(name)}) !== D[${d}]) return ${general};`,
    `const args = [${args.map((a) => `h.arg(${a}, env)`).join(', ')}];`,
    em.cc.guarded ? `env.ctx.callDepth = env.ctx.base + ${depth};` : '',
    `return h.finish(h.callNative(D[${d}], V[${d}], args, input, env, ${JSON.stringify(name)}, ${JSON.stringify(node.position ?? null)}));`,
  ];
  return fn(em, lines.join('\n'));
}

/**
 * When the argument count alone shows the signature needs no context value and no
 * missing required argument, the per-argument type check is emitted inline and the
 * implementation called directly; arguments of any other type take the validator.
 */
function inlineCall(em: Emitter, def: NativeDefinition, d: number, args: string[], name: string, position: number | undefined, depth: number): ((general: string) => string) | undefined {
  const params = def.signature ? parseParams(def.signature.definition) : undefined;
  if (def.signature && !params) return undefined;
  if (params && (args.length > params.length || params.slice(args.length).some((p) => !p.optional))) return undefined;
  return (general) => {
    const names = args.map((_a, i) => `a${i}`);
    const checks = params ? names.map((a, i) => `(${params[i].accepts} & h.bit(${a})) !== 0`) : [];
    const pos = JSON.stringify(position ?? null);
    const token = JSON.stringify(name);
    const lines = [
      depthCheck(em, depth) + `if (${em.cc.guarded ? `h.depth(env, ${depth + 1}), ` : ''}!env.ctx.direct && env.lookup(${token}) !== D[${d}]) return ${general};`,
      ...names.map((a, i) => `const ${a} = h.arg(${args[i]}, env);`),
      em.cc.guarded ? `env.ctx.callDepth = env.ctx.base + ${depth};` : '',
      checks.length > 0 ? `if (!(${checks.join(' && ')})) return h.finish(h.callNative(D[${d}], V[${d}], [${names.join(', ')}], input, env, ${token}, ${pos}));` : '',
      `const focus = env.ctx; focus.input = input; const def = D[${d}]; def.token = ${token}; def.position = ${pos} ?? undefined;`,
      `try { return h.finish(def.implementation.call(focus${names.map((a) => `, ${a}`).join('')})); }`,
      `catch (e) { h.decorateCall(e, def, ${token}, ${pos}); throw e; }`,
    ];
    return fn(em, lines.join('\n'));
  };
}

function gen(em: Emitter, node: AstNode, depth: number): string {
  if (!plain(node)) return closure(em, node, depth);
  const check = em.cc.guarded ? `(h.depth(env, ${depth}), ` : '(';
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value':
      if (node.value !== null && typeof node.value === 'object') return closure(em, node, depth);
      return `${check}${JSON.stringify(node.value)})`;
    case 'path':
      return isPlainNamePath(node) ? genPath(em, node, depth) : closure(em, node, depth);
    case 'unary':
      if (node.value === '{') return genObject(em, node, depth);
      return node.value === '[' ? genArray(em, node, depth) : closure(em, node, depth);
    case 'binary':
      return genBinary(em, node, depth);
    case 'condition': {
      const c = gen(em, node.condition as AstNode, depth + 1);
      const t = gen(em, node.then as AstNode, depth + 1);
      const e = node.else !== undefined ? gen(em, node.else, depth + 1) : 'undefined';
      return `${check}h.toBoolean(${c}) ? ${t} : ${e})`;
    }
    case 'block': {
      const body = (node.expressions ?? []).map((e) => `r = ${gen(em, e, depth + 1)};`);
      return fn(em, `${depthCheck(em, depth)}const outer = env; { const env = outer.child(); let r;\n${body.join('\n')}\nreturn r; }`);
    }
    case 'bind': {
      const name = (node.lhs as AstNode).value as string;
      return fn(em, `${depthCheck(em, depth)}const v = ${gen(em, node.rhs as AstNode, depth + 1)}; env.bind(${JSON.stringify(name)}, v); return v;`);
    }
    case 'variable':
      if (node.value === '') return `${check}input && input.outerWrapper ? input[0] : input)`;
      if (typeof node.value !== 'string' || !IDENT.test(node.value)) return closure(em, node, depth);
      return `${check}h.finish(env.lookup(${JSON.stringify(node.value)})))`;
    case 'function':
      return genCall(em, node, depth);
    default:
      return closure(em, node, depth);
  }
}

export interface Generated {
  evaluate: Ev;
  /** Names whose bindings must clear `direct` before evaluation. */
  directNames: Set<string>;
}

/**
 * The closure compiler's context with generation wired back in: a node the closure
 * compiler reaches (a lambda body, a path step, a sort term, a filter) is generated
 * when generation pays for it (object constructors, library calls, operators), so
 * generated and closure code nest both ways. `closureOnly` compiles one node as a
 * closure (its children again through `node`), which is how generated code falls back.
 */
interface HybridContext extends CompileContext {
  closureOnly(node: AstNode, depth: number): Ev;
}

const GENERATED_BINARY = new Set(['+', '-', '*', '/', '%', '=', '!=', '<', '<=', '>', '>=', '&', 'and', 'or']);

interface Generation {
  statics: Record<string, unknown>;
  bound: Set<string>;
  directNames: Set<string>;
}

/** Whether a node reached from closure code is worth a generated function of its own. */
function worthGenerating(g: Generation, node: AstNode): boolean {
  if (!plain(node)) return false;
  switch (node.type) {
    case 'unary':
      return node.value === '{' && literalKeys(node) !== undefined;
    case 'binary':
      return GENERATED_BINARY.has(node.value as string);
    case 'function': {
      const procNode = node.procedure as AstNode;
      const name = procNode.type === 'variable' ? (procNode.value as string) : undefined;
      const def = name !== undefined && !g.bound.has(name) ? (g.statics[name] as NativeDefinition | undefined) : undefined;
      return def !== undefined && def._jsonata_function === true;
    }
    default:
      return false;
  }
}

function hybridContext(base: CompileContext, g: Generation): HybridContext {
  const cc: HybridContext = {
    guarded: base.guarded,
    node: (node, depth) => (worthGenerating(g, node) ? emit(cc, g, node, depth) : compileNode(node, depth, cc)),
    closureOnly: (node, depth) => compileNode(node, depth, cc),
  };
  return cc;
}

/** One generated function for `node` at `depth` (relative to its body root). */
function emit(cc: HybridContext, g: Generation, node: AstNode, depth: number): Ev {
  const em: Emitter = { cc, functions: [], closures: [], defs: [], statics: g.statics, bound: g.bound, directNames: g.directNames, counter: 0 };
  const entry = gen(em, node, depth);
  const source = `const V = D.map(h.validator);\n${em.functions.join('\n')}\nreturn function evaluate(input, env) { return ${entry}; };`;
  return new Function('c', 'D', 'h', source)(em.closures, em.defs, CODEGEN_HELPERS) as Ev;
}

/** Generated evaluator for `root`, with closures for the parts generation does not cover. */
export function generate(root: AstNode, cc: CompileContext, statics: Record<string, unknown>): Generated {
  // bindings anywhere in the expression can shadow a library function, so every generated part sees them all
  const g: Generation = { statics, bound: boundNames(root, new Set()), directNames: new Set() };
  const evaluate = emit(hybridContext(cc, g), g, root, 0);
  return { evaluate, directNames: g.directNames };
}
