import jsonata from 'jsonata';
import { indexOfTopLevel, matchBracket, skipTrivia, splitTopLevel, trimEnd } from './text-scanner';

/** One target field and the JSONata that produces it; `target` is a dot path into the output object. */
export interface FieldMapping {
  target: string;
  expression: string;
  /** Comments written just before the field, kept verbatim. */
  comment?: string;
}

/** The mapping seen as an object constructor the canvas can draw, plus the text around it, kept verbatim. */
export interface ObjectMapping {
  kind: 'object';
  /** Everything before the constructor's `{`: header comments, `(`, `$assert`s and variable bindings. */
  prefix: string;
  /** Everything after its `}`. */
  suffix: string;
  fields: FieldMapping[];
  /** Comments after the last field. */
  trailing?: string;
  indent: string;
}

/** An expression whose shape the canvas cannot draw; it is shown as one expression node and never rewritten. */
export interface OpaqueMapping {
  kind: 'opaque';
  text: string;
  reason: string;
}

export type MappingModel = ObjectMapping | OpaqueMapping;

export interface JsonataSyntaxError {
  code: string;
  message: string;
  /** 0-based offsets of the offending token in the text. */
  start: number;
  end: number;
}

export type ParseOutcome = { ok: true; model: MappingModel } | { ok: false; error: JsonataSyntaxError };

interface AstNode {
  type: string;
  value?: unknown;
  expressions?: AstNode[];
  lhs?: unknown;
  [key: string]: unknown;
}

export function syntaxErrorOf(err: unknown, text: string): JsonataSyntaxError {
  const e = err as { code?: string; message?: string; position?: number; token?: unknown };
  const end = Math.max(0, Math.min(typeof e.position === 'number' ? e.position : text.length, text.length));
  // '(end)' is jsonata's name for running out of input: underline the last character, not five phantom ones.
  const tokenLength = typeof e.token === 'string' && e.token.length > 0 && e.token !== '(end)' ? e.token.length : 1;
  return { code: e.code ?? 'S0000', message: e.message ?? String(err), start: Math.max(0, end - tokenLength), end: Math.max(end, 1) };
}

/** Parses with jsonata itself; returns the AST or the error with its exact position. */
export function parseJsonata(text: string): { ok: true; ast: AstNode } | { ok: false; error: JsonataSyntaxError } {
  try {
    return { ok: true, ast: jsonata(text).ast() as unknown as AstNode };
  } catch (err) {
    return { ok: false, error: syntaxErrorOf(err, text) };
  }
}

function isLiteralKeyObject(node: AstNode | undefined): boolean {
  return !!node && node.type === 'unary' && node.value === '{' && Array.isArray(node.lhs) && (node.lhs as AstNode[][]).every(([k]) => k.type === 'string');
}

function readKey(raw: string): string | null {
  const t = raw.trim();
  if (t.length < 2) return null;
  if (t[0] === '"' && t[t.length - 1] === '"') {
    try {
      return JSON.parse(t) as string;
    } catch {
      return null;
    }
  }
  if (t[0] === "'" && t[t.length - 1] === "'") return t.slice(1, -1).replace(/\\'/g, "'");
  return null;
}

/** Fields of the object constructor text[open..close]; nested literal-key objects become dotted targets. */
function splitObject(text: string, open: number, close: number, base: string): { fields: FieldMapping[]; trailing?: string } | null {
  const fields: FieldMapping[] = [];
  let trailing: string | undefined;
  for (const span of splitTopLevel(text, open + 1, close, ',')) {
    const keyStart = skipTrivia(text, span.start);
    const leading = text.slice(span.start, keyStart).trim();
    if (keyStart >= span.end) {
      if (leading) trailing = leading;
      continue;
    }
    const colon = indexOfTopLevel(text, ':', keyStart, span.end);
    if (colon < 0) return null;
    const key = readKey(text.slice(keyStart, colon));
    if (key === null || key.includes('.') || key === '') return null;
    const valueStart = skipTrivia(text, colon + 1);
    const valueEnd = trimEnd(text, valueStart, span.end);
    const value = text.slice(valueStart, valueEnd);
    const target = base ? `${base}.${key}` : key;
    const nested = value.startsWith('{') && matchBracket(text, valueStart) === valueEnd - 1 ? parseJsonata(value) : null;
    if (nested && nested.ok && isLiteralKeyObject(nested.ast) && (nested.ast.lhs as unknown[]).length > 0) {
      const inner = splitObject(text, valueStart, valueEnd - 1, target);
      if (inner && !inner.trailing) {
        if (leading && inner.fields[0]) inner.fields[0] = { ...inner.fields[0], comment: [leading, inner.fields[0].comment].filter(Boolean).join('\n') };
        fields.push(...inner.fields);
        continue;
      }
    }
    fields.push({ target, expression: value, ...(leading ? { comment: leading } : {}) });
  }
  return { fields, ...(trailing ? { trailing } : {}) };
}

function indentBefore(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** Finds the object constructor the mapping returns: the whole expression, or the last statement of a block. */
function locateObject(text: string, ast: AstNode): { open: number; close: number } | null {
  const first = skipTrivia(text, 0);
  if (isLiteralKeyObject(ast)) {
    const close = matchBracket(text, first);
    return text[first] === '{' && close > 0 ? { open: first, close } : null;
  }
  const last = ast.type === 'block' && ast.expressions ? ast.expressions[ast.expressions.length - 1] : undefined;
  if (!isLiteralKeyObject(last) || text[first] !== '(') return null;
  const blockEnd = matchBracket(text, first);
  if (blockEnd < 0) return null;
  const statements = splitTopLevel(text, first + 1, blockEnd, ';');
  const open = skipTrivia(text, statements[statements.length - 1].start);
  const close = text[open] === '{' ? matchBracket(text, open) : -1;
  return close > 0 && skipTrivia(text, close + 1) >= blockEnd ? { open, close } : null;
}

export function parseMapping(text: string): ParseOutcome {
  const parsed = parseJsonata(text);
  if (!parsed.ok) return parsed;
  const at = locateObject(text, parsed.ast);
  if (!at) return { ok: true, model: { kind: 'opaque', text, reason: 'The mapping does not end in an object constructor with literal keys.' } };
  const split = splitObject(text, at.open, at.close, '');
  if (!split) return { ok: true, model: { kind: 'opaque', text, reason: 'The object constructor has computed or dotted keys.' } };
  const firstField = skipTrivia(text, at.open + 1);
  // Fields on their own lines set the indent; an object written on one line gets its brace's indent plus two.
  const ownLine = firstField < at.close && text.slice(at.open, firstField).includes('\n');
  const indent = ownLine ? indentBefore(text, firstField) : `${indentBefore(text, at.open)}  `;
  return {
    ok: true,
    model: { kind: 'object', prefix: text.slice(0, at.open), suffix: text.slice(at.close + 1), fields: split.fields, ...(split.trailing ? { trailing: split.trailing } : {}), indent },
  };
}

interface Group {
  key: string;
  field?: FieldMapping;
  children: Group[];
}

function groupFields(fields: FieldMapping[]): Group[] {
  const root: Group = { key: '', children: [] };
  for (const f of fields) {
    let node = root;
    for (const key of f.target.split('.')) {
      let child = node.children.find((c) => c.key === key && !c.field);
      if (!child) {
        child = { key, children: [] };
        node.children.push(child);
      }
      node = child;
    }
    node.field = f;
  }
  return root.children;
}

function emitComment(comment: string | undefined, indent: string): string {
  return comment ? comment.split('\n').map((l) => `${indent}${l.trim()}\n`).join('') : '';
}

function emitGroups(groups: Group[], indent: string, step: string): string {
  const lines = groups.map((g) => {
    const key = JSON.stringify(g.key);
    if (g.field) return `${emitComment(g.field.comment, indent)}${indent}${key}: ${g.field.expression}`;
    const inline = g.children.every((c) => c.field && !c.field.comment && !c.field.expression.includes('\n'))
      ? `{ ${g.children.map((c) => `${JSON.stringify(c.key)}: ${c.field?.expression}`).join(', ')} }`
      : null;
    const body = inline && inline.length + indent.length + key.length < 100 ? inline : `{\n${emitGroups(g.children, indent + step, step)}\n${indent}}`;
    return `${indent}${key}: ${body}`;
  });
  return lines.join(',\n');
}

/** Canvas → text: the object constructor is regenerated, everything around it is written back untouched. */
export function generateMapping(model: MappingModel): string {
  if (model.kind === 'opaque') return model.text;
  const outer = model.indent.length >= 2 ? model.indent.slice(0, -2) : '';
  const body = emitGroups(groupFields(model.fields), model.indent, '  ');
  const trailing = model.trailing ? `\n${model.indent}${model.trailing}` : '';
  return `${model.prefix}{\n${body}${trailing}\n${outer}}${model.suffix}`;
}
