import { Handle, NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { HEADER_HEIGHT, ROW_HEIGHT, SchemaNodeData, SourceSchemaNode, sourceHandle, targetHandle } from '../../model/canvas-graph';

/** One side of the canvas: a schema tree whose every row is a connection point. */
function SchemaNodeImpl({ data }: NodeProps<SourceSchemaNode>) {
  const d: SchemaNodeData = data;
  const isSource = d.side === 'source';
  return (
    <div className={`schema-node schema-${d.side}`} aria-label={`${d.title} schema`}>
      <div className="schema-node-header" style={{ height: HEADER_HEIGHT }}>{d.title}</div>
      <ul>
        {d.fields.map((f) => {
          const missing = d.missing.includes(f.path);
          const mapped = d.mapped.includes(f.path);
          return (
            <li
              key={f.path}
              style={{ height: ROW_HEIGHT, paddingLeft: 10 + f.depth * 14 }}
              className={['schema-row', missing ? 'row-missing' : '', mapped ? 'row-mapped' : '', d.selected === f.path ? 'row-selected' : ''].join(' ')}
              data-path={f.path}
              data-state={missing ? 'unmapped-required' : mapped ? 'mapped' : 'free'}
              title={f.description ?? f.path}
              onClick={d.onSelect ? () => d.onSelect?.(f.path) : undefined}
            >
              <span className="row-name">{f.name}</span>
              <span className="row-type">{f.type}{f.required ? ' *' : ''}</span>
              {missing && <span className="row-flag" aria-label="required, unmapped">required</span>}
              <Handle
                type={isSource ? 'source' : 'target'}
                position={isSource ? Position.Right : Position.Left}
                id={isSource ? sourceHandle(f.path) : targetHandle(f.path)}
                className="row-handle"
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export const SchemaNode = memo(SchemaNodeImpl);
