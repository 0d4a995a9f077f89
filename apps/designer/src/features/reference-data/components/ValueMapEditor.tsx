import { ChangeEvent, useEffect, useState } from 'react';
import { ActionButton } from '../../../shared/components/ActionButton';
import { csvToTable, Problem, tableToCsv, validateTable, ValueMapRow } from '../model/reference-data';
import { download, readText } from './file-io';

interface Props {
  tableId: string;
  rows: ValueMapRow[];
  lockedReason: string | null;
  onApply(rows: ValueMapRow[]): void;
}

const FIELDS: { name: keyof ValueMapRow; label: string; type: string }[] = [
  { name: 'key', label: 'Key', type: 'text' },
  { name: 'value', label: 'Value', type: 'text' },
  { name: 'validFrom', label: 'Valid from', type: 'date' },
  { name: 'validTo', label: 'Valid to (exclusive)', type: 'date' },
  { name: 'note', label: 'Note', type: 'text' },
];

/** One value-mapping table: rows with effective dates, checked as you type, CSV in and out. */
export function ValueMapEditor({ tableId, rows, lockedReason, onApply }: Props) {
  const [draft, setDraft] = useState<ValueMapRow[]>(rows);
  const [importProblems, setImportProblems] = useState<Problem[]>([]);
  useEffect(() => setDraft(rows), [rows]);
  const problems = validateTable(draft);
  const locked = lockedReason !== null;
  const changed = JSON.stringify(draft) !== JSON.stringify(rows);

  function edit(i: number, field: keyof ValueMapRow, value: string) {
    setDraft(draft.map((r, j) => {
      if (j !== i) return r;
      const next = { ...r, [field]: value };
      if (!value && field !== 'key' && field !== 'value') delete next[field];
      return next;
    }));
  }

  async function importCsv(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    const parsed = csvToTable(await readText(file));
    setImportProblems(parsed.rows.length ? [] : parsed.problems);
    if (parsed.rows.length) setDraft(parsed.rows);
    e.target.value = '';
  }

  const problemAt = (i: number, field: string) => problems.find((p) => p.row === i && p.field === field);
  return (
    <div className="value-map" aria-label={`Value map ${tableId}`}>
      <div className="row">
        <button type="button" onClick={() => setDraft([...draft, { key: '', value: '' }])} disabled={locked}>Add row</button>
        <button type="button" onClick={() => download(`${tableId}.csv`, tableToCsv(draft))}>Export CSV</button>
        <label className="inline file-label">
          Import CSV
          <input type="file" accept=".csv,text/csv" onChange={importCsv} disabled={locked} />
        </label>
        <ActionButton className="primary" onClick={() => onApply(draft)} blockedReason={lockedReason ?? (problems.length ? `Fix ${problems.length} problem(s) first.` : null)} disabled={!changed}>Apply to draft</ActionButton>
      </div>
      {importProblems.map((p) => <p key={p.message} role="alert" className="error">{p.message}</p>)}
      <table className="grid">
        <thead><tr><th scope="col">#</th>{FIELDS.map((f) => <th key={f.name} scope="col">{f.label}</th>)}<th scope="col"><span className="sr-only">Remove</span></th></tr></thead>
        <tbody>
          {draft.map((r, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              {FIELDS.map((f) => {
                const problem = problemAt(i, f.name);
                return (
                  <td key={f.name}>
                    <input type={f.type} aria-label={`${f.label} row ${i + 1}`} value={r[f.name] ?? ''} onChange={(e) => edit(i, f.name, e.target.value)} disabled={locked} aria-invalid={problem ? true : undefined} title={problem?.message} />
                  </td>
                );
              })}
              <td><button type="button" onClick={() => setDraft(draft.filter((_, j) => j !== i))} disabled={locked} aria-label={`Remove row ${i + 1}`}>✕</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {problems.length > 0 && (
        <ul className="problems" aria-label="Problems">
          {problems.map((p) => <li key={`${p.row}-${p.field}-${p.message}`} className="error">Row {(p.row ?? 0) + 1}, {p.field}: {p.message}</li>)}
        </ul>
      )}
    </div>
  );
}
