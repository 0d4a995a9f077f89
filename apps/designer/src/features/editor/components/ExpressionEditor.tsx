import Editor, { OnMount } from '@monaco-editor/react';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { monaco } from '../model/monaco-setup';
import { JSONATA, validateJsonataModel } from '../model/jsonata-language';

interface Props {
  value: string;
  onChange(value: string): void;
  label: string;
  readOnly?: boolean;
  height?: number | string;
  /** Rendered once per identity; a new key gives a fresh editor (and undo stack). */
  modelPath: string;
}

/** Monaco with the JSONata language: highlighting, completion, errors at the token, Shift+Alt+F formats. */
function ExpressionEditorImpl({ value, onChange, label, readOnly = false, height = '100%', modelPath }: Props) {
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const validate = useCallback(() => {
    const model = editorRef.current?.getModel();
    if (model) setError(validateJsonataModel(monaco, model));
  }, []);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    validate();
  };

  useEffect(validate, [value, validate]);

  return (
    <div className="expression-editor nokey" role="group" aria-label={label}>
      <div className="expression-editor-toolbar">
        <span className="muted small">{label}</span>
        <button type="button" className="link" disabled={readOnly} onClick={() => editorRef.current?.getAction('editor.action.formatDocument')?.run()}>Format</button>
      </div>
      <Editor
        height={height}
        language={JSONATA}
        path={modelPath}
        value={value}
        onMount={onMount}
        onChange={(v) => onChange(v ?? '')}
        options={{ readOnly, minimap: { enabled: false }, fontSize: 13, wordWrap: 'on', scrollBeyondLastLine: false, automaticLayout: true, ariaLabel: label, tabSize: 2 }}
      />
      <p className={error ? 'editor-status error' : 'editor-status muted small'} role={error ? 'alert' : 'status'} data-testid="expression-status">
        {error ?? 'Parses cleanly'}
      </p>
    </div>
  );
}

export const ExpressionEditor = memo(ExpressionEditorImpl);
