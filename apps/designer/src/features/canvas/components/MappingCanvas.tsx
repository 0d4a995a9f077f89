import {
  applyNodeChanges, Background, Connection, Controls, Edge, IsValidConnection, MiniMap, NodeChange, ReactFlow, ReactFlowProvider,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { DragEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { buildGraph, isValidMappingConnection, MappingNode, RuleNodeData } from '../model/canvas-graph';
import { loadCanvasLayout, saveCanvasLayout, CANVAS_LAYOUT_VERSION } from '../model/canvas-layout';
import { classifyExpression, removeMapping, replaceSource, retarget, setMapping, TransformCategory, wrapInTransform } from '../model/field-mapping';
import type { MappingModel, ObjectMapping } from '../model/jsonata-mapping';
import type { SchemaField } from '../model/schema-tree';
import { SchemaNode } from './nodes/SchemaNode';
import { ExpressionRuleNode, TransformRuleNode } from './nodes/RuleNode';
import { TextBlockNode } from './nodes/TextBlockNode';
import { TransformPalette, TRANSFORM_DRAG_TYPE } from './TransformPalette';

// Declared once: React Flow re-mounts every node when this object's identity changes.
const nodeTypes = { schema: SchemaNode, transform: TransformRuleNode, expression: ExpressionRuleNode, textBlock: TextBlockNode };

export interface MappingCanvasProps {
  specId: string;
  model: MappingModel;
  sourceFields: SchemaField[];
  targetFields: SchemaField[];
  missing: string[];
  selectedTarget: string | null;
  onSelectTarget(target: string): void;
  onModelChange(model: ObjectMapping): void;
  /** Why the canvas is read-only, or null when it can be edited. */
  lockedReason: string | null;
  /** `@` in a template is the input the function wraps. */
  transformTemplates: Record<TransformCategory, string>;
}

const pathOf = (handle: string | null | undefined) => (handle ?? '').slice(2);
const targetOfEdge = (id: string) => (id.startsWith('direct:') ? id.slice(7) : id.startsWith('out:') ? id.slice(4) : null);

function CanvasInner(props: MappingCanvasProps) {
  const { specId, model, sourceFields, targetFields, missing, selectedTarget, onSelectTarget, onModelChange, lockedReason, transformTemplates } = props;
  const [dropNote, setDropNote] = useState<string | null>(null);
  const [positions, setPositions] = useState<Record<string, { x: number; y: number }>>(() => loadCanvasLayout(specId)?.positions ?? {});
  const graph = useMemo(
    () => buildGraph({ model, sourceFields, targetFields, missing, selectedTarget, positions, onSelect: onSelectTarget }),
    [model, sourceFields, targetFields, missing, selectedTarget, positions, onSelectTarget],
  );
  const [nodes, setNodes] = useState<MappingNode[]>(graph.nodes);
  useEffect(() => setNodes(graph.nodes), [graph.nodes]);
  const editable = lockedReason === null && model.kind === 'object';

  const onNodesChange = useCallback((changes: NodeChange<MappingNode>[]) => {
    setNodes((current) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), current));
    const moved = changes.filter((c): c is Extract<NodeChange<MappingNode>, { type: 'position' }> => c.type === 'position' && c.dragging === false && !!c.position);
    if (moved.length) {
      setPositions((prev) => {
        const next = { ...prev };
        for (const c of moved) if (c.position) next[c.id] = c.position;
        saveCanvasLayout({ layoutVersion: CANVAS_LAYOUT_VERSION, specId, positions: next });
        return next;
      });
    }
  }, [specId]);

  const isValidConnection: IsValidConnection = useCallback((c: Connection | Edge) => {
    return editable && isValidMappingConnection(c);
  }, [editable]);

  const onConnect = useCallback((c: Connection) => {
    if (model.kind !== 'object' || !editable) return;
    if (c.source === 'source' && c.target === 'target') {
      const target = pathOf(c.targetHandle);
      onModelChange(setMapping(model, target, pathOf(c.sourceHandle)));
      onSelectTarget(target);
    } else if (c.source === 'source' && c.target.startsWith('rule:')) {
      const target = c.target.slice(5);
      const rule = model.fields.find((f) => f.target === target);
      const from = rule ? classifyExpression(rule.expression).sources[0] : undefined;
      if (rule && from) onModelChange(setMapping(model, target, replaceSource(rule.expression, from, pathOf(c.sourceHandle))));
    } else if (c.source.startsWith('rule:')) {
      const to = pathOf(c.targetHandle);
      onModelChange(retarget(model, c.source.slice(5), to));
      onSelectTarget(to);
    }
  }, [model, editable, onModelChange, onSelectTarget]);

  const onDelete = useCallback(({ nodes: gone, edges }: { nodes: MappingNode[]; edges: Edge[] }) => {
    if (model.kind !== 'object' || !editable) return;
    const targets = new Set<string>();
    for (const n of gone) if (n.type === 'transform' || n.type === 'expression') targets.add((n.data as RuleNodeData).target);
    for (const e of edges) {
      const t = targetOfEdge(e.id);
      if (t) targets.add(t);
    }
    if (targets.size) onModelChange([...targets].reduce((m, t) => removeMapping(m, t), model));
  }, [model, editable, onModelChange]);

  const applyTransform = useCallback((category: TransformCategory, target: string) => {
    if (model.kind !== 'object' || !editable) return;
    const next = wrapInTransform(model, target, transformTemplates[category]);
    if (typeof next === 'string') {
      setDropNote(next);
      return;
    }
    setDropNote(null);
    onModelChange(next);
    onSelectTarget(target);
  }, [model, editable, transformTemplates, onModelChange, onSelectTarget]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (editable && e.dataTransfer.types.includes(TRANSFORM_DRAG_TYPE)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, [editable]);

  const onDrop = useCallback((e: DragEvent) => {
    const category = e.dataTransfer.getData(TRANSFORM_DRAG_TYPE) as TransformCategory;
    if (!category) return;
    e.preventDefault();
    const row = (e.target as HTMLElement).closest('.schema-target [data-path]');
    const target = row?.getAttribute('data-path');
    if (target) applyTransform(category, target);
    else setDropNote('Drop a function on a field of the target schema (right-hand tree).');
  }, [applyTransform]);

  return (
    <div className="canvas" aria-label="Mapping canvas" onDragOver={onDragOver} onDrop={onDrop}>
      {lockedReason && <div className="canvas-lock" role="note">{lockedReason}</div>}
      <TransformPalette disabledReason={editable ? null : (lockedReason ?? 'This mapping is not an object of fields.')} selectedTarget={selectedTarget} onApply={applyTransform} />
      {dropNote && <p className="canvas-drop-note" role="status">{dropNote} <button type="button" className="link" onClick={() => setDropNote(null)}>Dismiss</button></p>}
      <ReactFlow<MappingNode>
        nodes={nodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        isValidConnection={isValidConnection}
        onNodeClick={(_, n) => (n.type === 'transform' || n.type === 'expression') && onSelectTarget((n.data as RuleNodeData).target)}
        onEdgeClick={(_, e) => {
          const t = targetOfEdge(e.id);
          if (t) onSelectTarget(t);
        }}
        nodesConnectable={editable}
        deleteKeyCode={editable ? ['Delete', 'Backspace'] : null}
        defaultViewport={{ x: 12, y: 12, zoom: 0.75 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} />
        <Controls showInteractive={false} position="top-right" />
        <MiniMap pannable zoomable ariaLabel="Canvas overview" style={{ width: 140, height: 90 }} />
      </ReactFlow>
    </div>
  );
}

/** The mapping as a graph: source fields, rules and target fields; every gesture edits the JSONata. */
export function MappingCanvas(props: MappingCanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}
