import { useEffect, useRef, useState } from 'react';
import { ExpressionEditor } from '../../editor/components/ExpressionEditor';
import { parseJsonata } from '../model/jsonata-mapping';

interface Props {
  target: string | null;
  expression: string | undefined;
  lockedReason: string | null;
  onCommit(target: string, expression: string | null): void;
}

/**
 * The selected field's JSONata. Text that does not parse stays here (with its error underlined) and is
 * committed to the mapping only once it parses, so a half-typed rule never breaks the whole document.
 */
export function FieldRuleEditor({ target, expression, lockedReason, onCommit }: Props) {
  const [draft, setDraft] = useState(expression ?? '');
  const committed = useRef<string | undefined>(expression);
  // Only outside edits (canvas, whole text, another field) replace the draft; echoes of our own commits would eat keystrokes.
  useEffect(() => {
    if (expression?.trim() !== committed.current?.trim()) {
      committed.current = expression;
      setDraft(expression ?? '');
    }
  }, [expression]);
  useEffect(() => {
    committed.current = expression;
    setDraft(expression ?? '');
  }, [target]); // deliberately not on `expression`: a new target starts from its stored rule

  if (!target) return <p className="muted pad">Select a target field, a rule node or an edge to edit its rule.</p>;

  function change(text: string) {
    setDraft(text);
    if (!target) return;
    if (text.trim() === '') {
      committed.current = undefined;
      onCommit(target, null);
    } else if (parseJsonata(text).ok) {
      committed.current = text;
      onCommit(target, text);
    }
  }

  return (
    <ExpressionEditor
      modelPath={`field/${target}.jsonata`}
      label={`Rule for ${target}${expression === undefined ? ' (unmapped — type to map it)' : ''}`}
      value={draft}
      onChange={change}
      readOnly={lockedReason !== null}
      height={150}
    />
  );
}
