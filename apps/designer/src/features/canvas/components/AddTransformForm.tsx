import { FormEvent, useState } from 'react';
import type { TransformCategory } from '../model/field-mapping';
import { CATEGORY_LABEL } from '../model/canvas-graph';
import type { SchemaField } from '../model/schema-tree';

/** Starting JSONata for each function of the library; `@` is the chosen source field. */
export const TRANSFORM_TEMPLATES: Record<TransformCategory | 'direct', string> = {
  direct: '@',
  uom: '$uom(@, "HUR", "DAY")',
  decimal: '$decRound(@, 2)',
  lookup: '$xref("table-name", @)',
  concat: '"prefix-" & $string(@)',
  date: '$fromMillis($toMillis(@), "[Y0001]-[M01]-[D01]")',
  condition: '$exists(@) ? @',
  convert: '$string(@)',
};

interface Props {
  sourceFields: SchemaField[];
  targetFields: SchemaField[];
  disabledReason: string | null;
  onAdd(target: string, expression: string): void;
}

/** Keyboard route to what dragging does on the canvas: pick a function, a source and a target. */
export function AddTransformForm({ sourceFields, targetFields, disabledReason, onAdd }: Props) {
  const [kind, setKind] = useState<keyof typeof TRANSFORM_TEMPLATES>('direct');
  const [source, setSource] = useState('');
  const [target, setTarget] = useState('');
  const disabled = disabledReason !== null;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!source || !target) return;
    onAdd(target, TRANSFORM_TEMPLATES[kind].replace(/@/g, source));
  }

  return (
    <form className="add-transform" onSubmit={submit} aria-label="Add a field rule" title={disabledReason ?? undefined}>
      <label>
        Rule
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} disabled={disabled}>
          <option value="direct">Direct copy</option>
          {(Object.keys(CATEGORY_LABEL) as TransformCategory[]).map((c) => <option key={c} value={c}>{CATEGORY_LABEL[c]}</option>)}
        </select>
      </label>
      <label>
        From
        <select value={source} onChange={(e) => setSource(e.target.value)} disabled={disabled}>
          <option value="">source field…</option>
          {sourceFields.map((f) => <option key={f.path} value={f.path}>{f.path}</option>)}
        </select>
      </label>
      <label>
        To
        <select value={target} onChange={(e) => setTarget(e.target.value)} disabled={disabled}>
          <option value="">target field…</option>
          {targetFields.map((f) => <option key={f.path} value={f.path}>{f.path}{f.required ? ' *' : ''}</option>)}
        </select>
      </label>
      <button type="submit" disabled={disabled || !source || !target}>Add rule</button>
    </form>
  );
}
