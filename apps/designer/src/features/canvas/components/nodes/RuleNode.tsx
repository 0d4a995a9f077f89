import { Handle, NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { CATEGORY_LABEL, ExpressionNode, TransformNode } from '../../model/canvas-graph';

function RuleBody({ data, kind }: { data: TransformNode['data']; kind: 'transform' | 'expression' }) {
  const c = data.classified;
  const label = kind === 'transform' && c.category ? CATEGORY_LABEL[c.category] : c.kind === 'constant' ? 'Constant' : 'Expression';
  return (
    <div className={`rule-node rule-${kind}${data.selected ? ' rule-selected' : ''}`} data-target={data.target} title={data.expression}>
      <Handle type="target" position={Position.Left} id="in" />
      <div className="rule-node-header">
        <span className="rule-kind">{label}{c.fn ? ` · $${c.fn}` : ''}</span>
        <span className="rule-target">→ {data.target}</span>
      </div>
      <code className="rule-text">{data.expression.length > 90 ? `${data.expression.slice(0, 87)}…` : data.expression}</code>
      <Handle type="source" position={Position.Right} id="out" />
    </div>
  );
}

/** A function-library step (rounding, lookup, UOM…) between source fields and a target field. */
export const TransformRuleNode = memo(function TransformRuleNode({ data }: NodeProps<TransformNode>) {
  return <RuleBody data={data} kind="transform" />;
});

/** Any JSONata the canvas cannot break down further; edited as text, never lost. */
export const ExpressionRuleNode = memo(function ExpressionRuleNode({ data }: NodeProps<ExpressionNode>) {
  return <RuleBody data={data} kind="expression" />;
});
