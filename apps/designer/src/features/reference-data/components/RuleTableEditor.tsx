import { ChangeEvent, useEffect, useMemo, useState } from 'react';
import { ActionButton } from '../../../shared/components/ActionButton';
import type { Problem } from '../model/reference-data';
import { csvToRules, emptyRule, FlatRule, RuleTableKind, rulesToCsv } from '../model/rule-table';
import { download, readText } from './file-io';

interface Props<R> {
  kind: RuleTableKind<R>;
  /** Names the table in labels and the exported file, e.g. "tax-rules". */
  tableId: string;
  rules: readonly R[];
  lockedReason: string | null;
  onApply(rules: R[]): void;
}

/**
 * A rule set as a grid: every cell checked as you type with the message under the cell, effective dates,
 * CSV in and out; *Apply to draft* hands valid rules to the open draft, which then follows the spec's review.
 */
export function RuleTableEditor<R>({ kind, tableId, rules, lockedReason, onApply }: Props<R>) {
  const original = useMemo(() => rules.map(kind.toFlat), [rules, kind]);
  const [draft, setDraft] = useState<FlatRule[]>(original);
  const [importProblems, setImportProblems] = useState<Problem[]>([]);
  useEffect(() => setDraft(original), [original]);
  const problems = kind.validate(draft);
  const locked = lockedReason !== null;
  const changed = JSON.stringify(draft) !== JSON.stringify(original);
  const rowLabel = (i: number) => `${kind.noun} ${i + 1}`;

  function edit(i: number, field: string, value: string) {
    setDraft(draft.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  }

  async function importCsv(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    const parsed = csvToRules(kind, await readText(file));
    setImportProblems(parsed.rows.length ? [] : parsed.problems);
    if (parsed.rows.length) setDraft(parsed.rows);
    e.target.value = '';
  }

  const problemsAt = (i: number, field: string) => problems.filter((p) => p.row === i && p.field === field);
  return (
    <div className="rule-table" aria-label={`Rules ${tableId}`}>
      <div className="row">
        <button type="button" onClick={() => setDraft([...draft, emptyRule(kind.columns)])} disabled={locked}>Add rule</button>
        <button type="button" onClick={() => download(`${tableId}.csv`, rulesToCsv(kind.columns, draft))}>Export CSV</button>
        <label className="inline file-label">
          Import CSV
          <input type="file" accept=".csv,text/csv" onChange={importCsv} disabled={locked} />
        </label>
        <ActionButton className="primary" onClick={() => onApply(draft.map((r) => kind.fromFlat(r, rules)))} blockedReason={lockedReason ?? (problems.length ? `Fix ${problems.length} problem(s) first.` : null)} disabled={!changed}>Apply to draft</ActionButton>
        <span className="muted small">{draft.length === 1 ? `1 ${kind.noun}` : `${draft.length} ${kind.noun}s`}{changed ? ' · not applied yet' : ''}</span>
      </div>
      {importProblems.map((p) => <p key={p.message} role="alert" className="error">{p.message}</p>)}
      <div className="grid-scroll">
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">#</th>
              {kind.columns.map((c) => <th key={c.name} scope="col" title={c.hint}>{c.label}{c.required ? ' *' : ''}</th>)}
              <th scope="col"><span className="sr-only">Remove</span></th>
            </tr>
          </thead>
          <tbody>
            {draft.map((r, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                {kind.columns.map((c) => {
                  const here = problemsAt(i, c.name);
                  const errorId = `${tableId}-${i}-${c.name}-problem`;
                  const common = {
                    'aria-label': `${c.label} of ${rowLabel(i)}`,
                    'aria-invalid': here.length ? true : undefined,
                    'aria-describedby': here.length ? errorId : undefined,
                    disabled: locked,
                    value: r[c.name] ?? '',
                  };
                  return (
                    <td key={c.name}>
                      {c.type === 'select' ? (
                        <select {...common} onChange={(e) => edit(i, c.name, e.target.value)}>
                          {(c.options ?? []).map((o) => <option key={o} value={o}>{o === '' ? '(any)' : o}</option>)}
                        </select>
                      ) : (
                        <input {...common} type={c.type === 'number' ? 'text' : c.type} inputMode={c.type === 'number' ? 'numeric' : undefined} placeholder={c.hint} onChange={(e) => edit(i, c.name, e.target.value)} />
                      )}
                      {here.length > 0 && <span id={errorId} className="cell-problem">{here.map((p) => p.message).join(' ')}</span>}
                    </td>
                  );
                })}
                <td><button type="button" onClick={() => setDraft(draft.filter((_, j) => j !== i))} disabled={locked} aria-label={`Remove ${rowLabel(i)}`}>✕</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {draft.length === 0 && <p className="muted">No {kind.noun}s yet. Add one or import a CSV with the header <code>{kind.columns.map((c) => c.name).join(',')}</code>.</p>}
      {problems.length > 0 && <p className="error small" role="status">{problems.length} problem(s); each is shown under its cell.</p>}
    </div>
  );
}
