import { useCallback, useEffect, useMemo, useState } from 'react';
import { ExpressionEditor } from '../../editor/components/ExpressionEditor';
import { completionContext } from '../../editor/model/jsonata-language';
import { useSession } from '../../auth/hooks/useSession';
import { can, canEditVersion } from '../../auth/model/permissions';
import { PreviewPanel } from '../../preview/components/PreviewPanel';
import type { SpecWorkspace } from '../../specs/hooks/useSpecWorkspace';
import { useMappingModel } from '../hooks/useMappingModel';
import { setMapping, removeMapping } from '../model/field-mapping';
import { generateMapping, ObjectMapping } from '../model/jsonata-mapping';
import { flattenSchema, samplePaths, unmappedRequired } from '../model/schema-tree';
import { AddTransformForm, TRANSFORM_TEMPLATES } from './AddTransformForm';
import { FieldRuleEditor } from './FieldRuleEditor';
import { MappingCanvas } from './MappingCanvas';
import { UnmappedFields } from './UnmappedFields';

/** The mapping screen: canvas in the middle, the selected rule or the whole text beside it, live preview below. */
export function MappingWorkspace({ ws }: { ws: SpecWorkspace }) {
  const { session, http } = useSession();
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<'field' | 'text'>('field');
  const { model, error } = useMappingModel(ws.expression);
  const content = ws.detail?.content;
  const sourceFields = useMemo(() => flattenSchema(content?.inputSchema, 2), [content?.inputSchema]);
  const targetFields = useMemo(() => flattenSchema(content?.outputSchema), [content?.outputSchema]);
  const targets = useMemo(() => (model.kind === 'object' ? model.fields.map((f) => f.target) : []), [model]);
  const missing = useMemo(() => (model.kind === 'object' ? unmappedRequired(targetFields, targets) : []), [model, targetFields, targets]);
  const missingPaths = useMemo(() => missing.map((f) => f.path), [missing]);

  useEffect(() => {
    const fromSample = ws.tests.flatMap((t) => samplePaths(t.input));
    completionContext.sourcePaths = [...new Set([...sourceFields.map((f) => f.path), ...fromSample])];
  }, [sourceFields, ws.tests]);

  const edit = session && ws.detail ? canEditVersion(session, ws.detail) : { allowed: false, reason: 'Loading…' };
  const lockedReason = !edit.allowed ? edit.reason : error ? 'Fix the syntax error in the mapping text to edit on the canvas.' : model.kind !== 'object' ? 'This mapping is not an object constructor; edit it as text.' : null;
  const { setExpression } = ws;
  const applyModel = useCallback((next: ObjectMapping) => setExpression(generateMapping(next)), [setExpression]);
  const commitField = useCallback((target: string, expression: string | null) => {
    if (model.kind !== 'object') return;
    applyModel(expression === null ? removeMapping(model, target) : setMapping(model, target, expression));
  }, [model, applyModel]);
  const current = model.kind === 'object' ? model.fields.find((f) => f.target === selected)?.expression : undefined;
  const preview = session ? can(session, 'preview') : { allowed: false, reason: '' };
  const exactBlocked = !preview.allowed ? preview.reason : ws.dirty ? 'Save the draft first: the runtime previews stored versions.' : null;

  if (!ws.detail || !content) return <p className="pad muted">Loading the mapping…</p>;
  return (
    <div className="workspace">
      <div className="workspace-toolbar">
        <UnmappedFields fields={missing} onSelect={(p) => { setSelected(p); setTab('field'); }} />
        <AddTransformForm sourceFields={sourceFields} targetFields={targetFields} disabledReason={lockedReason} onAdd={(t, e) => { commitField(t, e); setSelected(t); }} />
      </div>
      <div className="workspace-body">
        <MappingCanvas
          specId={ws.specId}
          model={model}
          sourceFields={sourceFields}
          targetFields={targetFields}
          missing={missingPaths}
          selectedTarget={selected}
          onSelectTarget={(t) => { setSelected(t); setTab('field'); }}
          onModelChange={applyModel}
          lockedReason={lockedReason}
          transformTemplates={TRANSFORM_TEMPLATES}
        />
        <aside className="side-panel">
          <div className="tabs" role="tablist" aria-label="Editor">
            <button role="tab" type="button" aria-selected={tab === 'field'} onClick={() => setTab('field')}>Field rule</button>
            <button role="tab" type="button" aria-selected={tab === 'text'} onClick={() => setTab('text')}>Whole mapping (JSONata)</button>
          </div>
          <div className="editor-host" role="tabpanel">
            {tab === 'field' && (
              <label className="inline field-picker">
                Target field
                <select value={selected ?? ''} onChange={(e) => setSelected(e.target.value || null)}>
                  <option value="">choose…</option>
                  {targetFields.map((f) => <option key={f.path} value={f.path}>{f.path}{f.required ? ' *' : ''}{targets.includes(f.path) ? '' : ' (unmapped)'}</option>)}
                </select>
              </label>
            )}
            {tab === 'field' ? (
              <FieldRuleEditor target={selected} expression={current} lockedReason={lockedReason} onCommit={commitField} />
            ) : (
              <ExpressionEditor modelPath={`mapping/${ws.specId}/${ws.detail.version}.jsonata`} label="mapping.jsonata" value={ws.expression} onChange={setExpression} readOnly={!edit.allowed} height={220} />
            )}
          </div>
          <PreviewPanel
            http={http}
            specId={ws.specId}
            version={ws.detail.version}
            expression={ws.expression}
            model={model}
            tests={ws.tests}
            reference={ws.reference}
            outputSchema={content.outputSchema}
            exactBlockedReason={exactBlocked}
            addTestBlockedReason={edit.allowed ? null : edit.reason}
            onAddTest={(t) => ws.setTests([...ws.tests, t])}
            onSelectTarget={(t) => { setSelected(t); setTab('field'); }}
          />
        </aside>
      </div>
    </div>
  );
}
