import type { Edge, Node } from '@xyflow/react';
import { ClassifiedMapping, classifyExpression, TransformCategory } from './field-mapping';
import type { MappingModel } from './jsonata-mapping';
import type { SchemaField } from './schema-tree';

export const ROW_HEIGHT = 22;
export const HEADER_HEIGHT = 36;
export const TARGET_X = 720;
export const RULE_X = 330;
const RULE_GAP = 10;

/** Rough rendered height of a rule node, so stacked nodes do not overlap before React Flow measures them. */
function ruleHeight(expression: string): number {
  return 30 + Math.ceil(Math.min(expression.length, 90) / 46) * 14;
}

export type SchemaNodeData = {
  side: 'source' | 'target';
  title: string;
  fields: SchemaField[];
  mapped: string[];
  missing: string[];
  selected: string | null;
  onSelect?: (path: string) => void;
};

export type RuleNodeData = {
  target: string;
  expression: string;
  classified: ClassifiedMapping;
  selected: boolean;
};

export type TextBlockNodeData = { title: string; text: string };

export type SourceSchemaNode = Node<SchemaNodeData, 'schema'>;
export type TransformNode = Node<RuleNodeData, 'transform'>;
export type ExpressionNode = Node<RuleNodeData, 'expression'>;
export type TextBlockNode = Node<TextBlockNodeData, 'textBlock'>;
export type MappingNode = SourceSchemaNode | TransformNode | ExpressionNode | TextBlockNode;

export const CATEGORY_LABEL: Record<TransformCategory, string> = {
  uom: 'UOM conversion',
  decimal: 'Decimal / money',
  lookup: 'Value-map lookup',
  concat: 'Text / concatenation',
  date: 'Date and time',
  condition: 'Condition',
  convert: 'Type conversion',
};

export const sourceHandle = (path: string) => `s:${path}`;
export const targetHandle = (path: string) => `t:${path}`;
export const ruleNodeId = (target: string) => `rule:${target}`;

/** The nearest source row a read path lands on (`user.id` when the tree shows it, else `user`). */
function sourceRow(fields: Set<string>, path: string): string | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const p = parts.slice(0, n).join('.');
    if (fields.has(p)) return p;
  }
  return null;
}

export interface GraphInput {
  model: MappingModel;
  sourceFields: SchemaField[];
  targetFields: SchemaField[];
  missing: string[];
  selectedTarget: string | null;
  positions: Record<string, { x: number; y: number }>;
  onSelect(path: string): void;
}

/** Pure model → canvas: schema trees at the sides, one node per non-direct rule, edges for every read and write. */
export function buildGraph(input: GraphInput): { nodes: MappingNode[]; edges: Edge[] } {
  const { model, sourceFields, targetFields, positions } = input;
  const at = (id: string, x: number, y: number) => positions[id] ?? { x, y };
  const fieldsById = new Set(sourceFields.map((f) => f.path));
  const rows = new Map(targetFields.map((f, i) => [f.path, i]));
  const mapped = model.kind === 'object' ? model.fields.map((f) => f.target) : [];
  const nodes: MappingNode[] = [
    { id: 'source', type: 'schema', position: at('source', 0, 0), deletable: false, data: { side: 'source', title: 'Source', fields: sourceFields, mapped: [], missing: [], selected: null } },
    { id: 'target', type: 'schema', position: at('target', TARGET_X, 0), deletable: false, data: { side: 'target', title: 'Target', fields: targetFields, mapped, missing: input.missing, selected: input.selectedTarget, onSelect: input.onSelect } },
  ];
  const edges: Edge[] = [];
  if (model.kind === 'opaque') {
    nodes.push({ id: 'opaque', type: 'textBlock', position: at('opaque', RULE_X - 40, 40), deletable: false, data: { title: 'Expression (kept as text)', text: model.text } });
    return { nodes, edges };
  }
  if (model.prefix.replace(/\/\*[\s\S]*?\*\//g, '').trim().length > 1) {
    nodes.push({ id: 'prelude', type: 'textBlock', position: at('prelude', RULE_X - 20, 0), deletable: false, data: { title: 'Statements before the object (kept as text)', text: model.prefix.trim() } });
  }
  let free = targetFields.length;
  let nextY = nodes.length > 2 ? 280 : 0;
  for (const field of model.fields) {
    const classified = classifyExpression(field.expression);
    const row = rows.get(field.target) ?? free++;
    const tHandle = rows.has(field.target) ? targetHandle(field.target) : undefined;
    const source = classified.kind === 'direct' ? sourceRow(fieldsById, classified.sources[0] ?? '') : null;
    if (source && tHandle) {
      edges.push({ id: `direct:${field.target}`, source: 'source', sourceHandle: sourceHandle(source), target: 'target', targetHandle: tHandle, selected: input.selectedTarget === field.target, className: 'edge-direct' });
      continue;
    }
    const id = ruleNodeId(field.target);
    const type = classified.kind === 'transform' ? 'transform' : 'expression';
    const y = Math.max(HEADER_HEIGHT + row * ROW_HEIGHT - 18, nextY);
    nextY = y + ruleHeight(field.expression) + RULE_GAP;
    nodes.push({ id, type, position: at(id, RULE_X, y), data: { target: field.target, expression: field.expression, classified, selected: input.selectedTarget === field.target } } as TransformNode | ExpressionNode);
    for (const read of classified.sources) {
      const s = sourceRow(fieldsById, read);
      if (s && !edges.some((e) => e.id === `in:${field.target}:${s}`)) {
        edges.push({ id: `in:${field.target}:${s}`, source: 'source', sourceHandle: sourceHandle(s), target: id, targetHandle: 'in', deletable: false, className: 'edge-read' });
      }
    }
    if (tHandle) edges.push({ id: `out:${field.target}`, source: id, sourceHandle: 'out', target: 'target', targetHandle: tHandle, className: 'edge-write' });
  }
  return { nodes, edges };
}

export interface ConnectionEnds {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

/** Source row → target row or rule input; rule output → target row. Nothing ever flows into the source tree. */
export function isValidMappingConnection(c: ConnectionEnds): boolean {
  const fromSource = c.source === 'source' && (c.sourceHandle ?? '').startsWith('s:');
  const fromRule = c.source.startsWith('rule:') && c.sourceHandle === 'out';
  const toTarget = c.target === 'target' && (c.targetHandle ?? '').startsWith('t:');
  const toRule = c.target.startsWith('rule:') && c.targetHandle === 'in';
  return (fromSource && (toTarget || toRule)) || (fromRule && toTarget);
}
