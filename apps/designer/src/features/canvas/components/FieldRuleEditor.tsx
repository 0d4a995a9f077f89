import { useEffect, useState } from 'react';
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
  useEffect(() => setDraft(expression ?? ''), [target, expression]);

  if (!target) return <p className="muted pad">Select a target field, a rule node or an edge to edit its rule.</p>;

  function change(text: string) {
    setDraft(text);
    if (!target) return;
    if (text.trim() === '') onCommit(target, null);
    else if (parseJsonata(text).ok) onCommit(target, text);
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
