import { FieldMapping, MappingModel, ObjectMapping, parseJsonata } from './jsonata-mapping';

export type MappingKind = 'direct' | 'transform' | 'constant' | 'expression';
export type TransformCategory = 'uom' | 'decimal' | 'lookup' | 'concat' | 'date' | 'condition' | 'convert';

export interface ClassifiedMapping {
  kind: MappingKind;
  category?: TransformCategory;
  /** The library or built-in function at the top of the expression, without `$`. */
  fn?: string;
  /** Source field paths the expression reads, in order of appearance. */
  sources: string[];
  error?: string;
}

const CATEGORY_OF_FUNCTION: Record<string, TransformCategory> = {
  uom: 'uom',
  decRound: 'decimal', decAdd: 'decimal', decSub: 'decimal', decMul: 'decimal', decDiv: 'decimal', decSum: 'decimal', money: 'decimal', round: 'decimal', minorUnits: 'decimal',
  xref: 'lookup', lookup: 'lookup',
  join: 'concat', substring: 'concat', uppercase: 'concat', lowercase: 'concat', trim: 'concat', pad: 'concat', replace: 'concat',
  now: 'date', fromMillis: 'date', toMillis: 'date', millis: 'date',
  string: 'convert', number: 'convert', boolean: 'convert',
};

interface Node {
  type: string;
  value?: unknown;
  steps?: Node[];
  procedure?: Node;
  [key: string]: unknown;
}

function leadingPath(node: Node): string | null {
  const names: string[] = [];
  for (const step of node.steps ?? []) {
    if (step.type !== 'name') break;
    names.push(String(step.value));
    if (step.stages || step.predicate || step.group || step.keepArray) break;
  }
  return names.length ? names.join('.') : null;
}

function collectSources(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collectSources(n, out);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (n.type === 'path') {
    const p = leadingPath(n);
    if (p && !out.includes(p)) out.push(p);
  }
  if (n.type === 'name' && typeof n.value === 'string' && !out.includes(n.value)) out.push(n.value);
  for (const [k, v] of Object.entries(n)) {
    if (k === 'position' || k === 'value' || k === 'type') continue;
    if (n.type === 'path' && k === 'steps') {
      for (const step of v as Node[]) collectSources(Object.fromEntries(Object.entries(step).filter(([sk]) => sk !== 'type' && sk !== 'value')), out);
      continue;
    }
    collectSources(v, out);
  }
}

function isPlainPath(node: Node): boolean {
  return node.type === 'path' && (node.steps ?? []).every((s) => s.type === 'name' && !s.stages && !s.predicate && !s.group && !s.keepArray);
}

export function classifyExpression(expression: string): ClassifiedMapping {
  const parsed = parseJsonata(expression);
  if (!parsed.ok) return { kind: 'expression', sources: [], error: parsed.error.message };
  const ast = parsed.ast as Node;
  const sources: string[] = [];
  collectSources(ast, sources);
  if (isPlainPath(ast)) return { kind: 'direct', sources };
  if (['string', 'number', 'value'].includes(ast.type)) return { kind: 'constant', sources };
  if (ast.type === 'function' && ast.procedure?.type === 'variable') {
    const fn = String(ast.procedure.value);
    const category = CATEGORY_OF_FUNCTION[fn];
    return category ? { kind: 'transform', category, fn, sources } : { kind: 'expression', fn, sources };
  }
  if (ast.type === 'binary' && ast.value === '&') return { kind: 'transform', category: 'concat', sources };
  if (ast.type === 'condition') return { kind: 'transform', category: 'condition', sources };
  return { kind: 'expression', sources };
}

export function setMapping(model: ObjectMapping, target: string, expression: string): ObjectMapping {
  const exists = model.fields.some((f) => f.target === target);
  const fields = exists ? model.fields.map((f) => (f.target === target ? { ...f, expression } : f)) : [...model.fields, { target, expression }];
  return { ...model, fields };
}

export function removeMapping(model: ObjectMapping, target: string): ObjectMapping {
  return { ...model, fields: model.fields.filter((f) => f.target !== target) };
}

/** Moves a rule to another target field; a rule already there is replaced. */
export function retarget(model: ObjectMapping, from: string, to: string): ObjectMapping {
  if (from === to) return model;
  const moving = model.fields.find((f) => f.target === from);
  if (!moving) return model;
  const rest = model.fields.filter((f) => f.target !== to);
  return { ...model, fields: rest.map((f) => (f.target === from ? { ...f, target: to } : f)) };
}

/**
 * A function dropped on a mapped target field wraps what the rule reads: the template's `@` becomes the
 * rule's expression (parenthesised unless it is a plain path or one function call). Without a rule there is nothing to wrap,
 * and the reason comes back instead.
 */
export function wrapInTransform(model: ObjectMapping, target: string, template: string): ObjectMapping | string {
  const rule = model.fields.find((f) => f.target === target);
  if (!rule) return `Map a source field to ${target} first; a function dropped on it then wraps that field.`;
  const inner = rule.expression.trim();
  const shape = classifyExpression(inner);
  // a path or a single function call reads the same as an argument; anything else keeps its own parentheses
  const input = shape.kind === 'direct' || shape.fn !== undefined ? inner : `(${inner})`;
  return setMapping(model, target, template.replace(/@/g, input));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rewires a transform's input: the first read of `from` becomes `to` (variables, keys and strings untouched). */
export function replaceSource(expression: string, from: string, to: string): string {
  const re = new RegExp(`(^|[^\\w$."'.])${escapeRegExp(from)}(?![\\w])`);
  return re.test(expression) ? expression.replace(re, `$1${to}`) : expression;
}

/** The rule that writes the output value at a JSON pointer: the deepest mapping whose target is that field or a parent. */
export function ruleForPointer(model: MappingModel, pointer: string): FieldMapping | undefined {
  if (model.kind !== 'object') return undefined;
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let n = parts.length; n > 0; n--) {
    const target = parts.slice(0, n).join('.');
    const hit = model.fields.find((f) => f.target === target);
    if (hit) return hit;
  }
  return undefined;
}
