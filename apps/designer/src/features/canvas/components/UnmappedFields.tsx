import type { SchemaField } from '../model/schema-tree';

/** Required target fields no rule writes; the runtime would reject every output until they are mapped. */
export function UnmappedFields({ fields, onSelect }: { fields: SchemaField[]; onSelect(path: string): void }) {
  if (fields.length === 0) return <span className="badge badge-ok" role="status">All required target fields mapped</span>;
  return (
    <div className="unmapped" role="alert" aria-label="Unmapped required fields">
      {fields.length} required target field{fields.length > 1 ? 's' : ''} unmapped:{' '}
      {fields.map((f) => <button key={f.path} type="button" className="link" onClick={() => onSelect(f.path)}>{f.path}</button>)}
    </div>
  );
}
