import { useState } from 'react';
import { useSession } from '../../auth/hooks/useSession';
import { canEditVersion } from '../../auth/model/permissions';
import type { SpecWorkspace } from '../../specs/hooks/useSpecWorkspace';
import { asReferenceData, UomProfile, validateUomProfile } from '../model/reference-data';
import { TAX_RULES } from '../model/tax-rules';
import { RuleTableEditor } from './RuleTableEditor';
import { ValueMapEditor } from './ValueMapEditor';

const UOM = '__uom__';
const TAX = '__tax__';

function UomProfiles({ profiles, lockedReason, onChange }: { profiles: Record<string, UomProfile>; lockedReason: string | null; onChange(p: Record<string, UomProfile>): void }) {
  return (
    <table className="grid" aria-label="UOM profiles">
      <thead><tr><th scope="col">Profile</th><th scope="col">Hours per day</th><th scope="col">Days per week</th><th scope="col">Days per month</th><th scope="col">Problems</th></tr></thead>
      <tbody>
        {Object.values(profiles).map((p) => (
          <tr key={p.id}>
            <td>{p.id}</td>
            {(['hoursPerDay', 'daysPerWeek', 'daysPerMonth'] as const).map((f) => (
              <td key={f}><input aria-label={`${f} of ${p.id}`} value={p[f]} disabled={lockedReason !== null} onChange={(e) => onChange({ ...profiles, [p.id]: { ...p, [f]: e.target.value } })} /></td>
            ))}
            <td className="error small">{validateUomProfile(p).map((x) => x.message).join(' ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Value maps and UOM profiles of the reference-data spec; changes go through a draft and the same review. */
export function ReferenceDataScreen({ ws }: { ws: SpecWorkspace }) {
  const { session } = useSession();
  const data = asReferenceData(ws.data);
  const tableIds = data ? Object.keys(data.tables) : [];
  const [selected, setSelected] = useState<string>(UOM);
  if (!session || !ws.detail) return <p className="pad muted">Loading reference data…</p>;
  if (!data) return <p className="pad error" role="alert">{ws.specId}@{ws.detail.version} holds no value-map tables.</p>;
  const edit = canEditVersion(session, ws.detail);
  const lockedReason = edit.allowed ? null : edit.reason;
  const current = selected === UOM || selected === TAX ? null : data.tables[selected];
  return (
    <section className="reference-screen" aria-label="Reference data">
      <nav className="review-list pad" aria-label="Reference tables">
        <h2>Reference data</h2>
        <ul>
          <li><button type="button" className={selected === UOM ? 'list-item selected' : 'list-item'} aria-pressed={selected === UOM} onClick={() => setSelected(UOM)}>UOM profiles</button></li>
          <li><button type="button" className={selected === TAX ? 'list-item selected' : 'list-item'} aria-pressed={selected === TAX} onClick={() => setSelected(TAX)}>Tax rules<span className="muted small">{data.taxRules?.length ?? 0} rules</span></button></li>
          {tableIds.map((id) => (
            <li key={id}><button type="button" className={selected === id ? 'list-item selected' : 'list-item'} aria-pressed={selected === id} onClick={() => setSelected(id)}>{id}<span className="muted small">{data.tables[id].rows.length} rows</span></button></li>
          ))}
        </ul>
      </nav>
      <div className="review-detail pad">
        {lockedReason && <p className="reason" role="note">{lockedReason}</p>}
        {selected === TAX ? (
          <>
            <h2>Tax rules</h2>
            <p className="muted small">Among the rules in force on the invoice date that match legal entity, customer country, service type and exemption, the highest priority wins; a blank matcher matches any line.</p>
            <RuleTableEditor kind={TAX_RULES} tableId="tax-rules" rules={data.taxRules ?? []} lockedReason={lockedReason} onApply={(taxRules) => ws.setData({ ...data, taxRules })} />
          </>
        ) : current ? (
          <>
            <h2>{selected}</h2>
            <ValueMapEditor tableId={selected} rows={current.rows} lockedReason={lockedReason} onApply={(rows) => ws.setData({ ...data, tables: { ...data.tables, [selected]: { ...current, rows } } })} />
          </>
        ) : (
          <>
            <h2>UOM profiles</h2>
            <p className="muted small">Default profile: {data.defaultUomProfile ?? '—'}. $uom converts hours, days, weeks and months with these factors.</p>
            <UomProfiles profiles={data.uomProfiles} lockedReason={lockedReason} onChange={(uomProfiles) => ws.setData({ ...data, uomProfiles })} />
          </>
        )}
        <p className="muted small">Applied changes stay in this draft until you save it; publishing needs the same two approvals as a mapping.</p>
      </div>
    </section>
  );
}
