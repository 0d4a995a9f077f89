import { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TextBlockNode as TextBlockNodeType } from '../../model/canvas-graph';

/** Text the canvas keeps but does not draw: block statements before the object, or a whole non-object mapping. */
export const TextBlockNode = memo(function TextBlockNode({ data }: NodeProps<TextBlockNodeType>) {
  return (
    <div className="text-block-node" aria-label={data.title}>
      <div className="rule-node-header"><span className="rule-kind">{data.title}</span></div>
      <pre>{data.text}</pre>
    </div>
  );
});
