import { ActionButton } from '../../../shared/components/ActionButton';
import { useSession } from '../../auth/hooks/useSession';
import { can, canEditVersion } from '../../auth/model/permissions';
import type { SpecWorkspace } from '../hooks/useSpecWorkspace';

/** Which version is on screen, its state, and the draft actions the signed-in role may take. */
export function VersionBar({ ws }: { ws: SpecWorkspace }) {
  const { session } = useSession();
  if (!session || !ws.detail) return null;
  const d = ws.detail;
  const latest = ws.history[ws.history.length - 1];
  const edit = canEditVersion(session, d);
  const role = can(session, 'edit');
  const draftExists = ws.history.some((h) => h.status === 'DRAFT');
  const newDraftReason = !role.allowed ? role.reason : draftExists ? `Draft ${ws.history.find((h) => h.status === 'DRAFT')?.version} is already open; edit that one.` : null;
  const saveReason = !edit.allowed ? edit.reason : !ws.dirty ? 'Nothing to save.' : null;
  const submitReason = !can(session, 'submit').allowed ? can(session, 'submit').reason : d.status !== 'DRAFT' ? `This version is ${d.status}; only drafts are submitted.` : null;
  return (
    <div className="version-bar" role="toolbar" aria-label="Version actions">
      <label className="inline">
        Version
        <select value={d.version} onChange={(e) => void ws.selectVersion(e.target.value)} disabled={ws.dirty} title={ws.dirty ? 'Save or discard your edits before switching versions' : undefined}>
          {ws.history.map((h) => <option key={h.version} value={h.version}>{h.version} — {h.status.toLowerCase()}</option>)}
        </select>
      </label>
      <span className={`status status-${d.status.toLowerCase()}`} data-testid="version-status">{d.status}</span>
      <span className="muted small">by {d.author}{ws.dirty ? ' · unsaved edits' : ''}</span>
      <span className="spacer" />
      {latest && d.status !== 'DRAFT' && <ActionButton onClick={() => void ws.newDraft()} blockedReason={newDraftReason} busy={!!ws.busy}>New draft</ActionButton>}
      {d.status === 'DRAFT' && <ActionButton onClick={() => void ws.save()} blockedReason={saveReason} busy={!!ws.busy}>Save draft</ActionButton>}
      {d.status === 'DRAFT' && <ActionButton className="primary" onClick={() => void ws.submit()} blockedReason={submitReason} busy={!!ws.busy}>Submit for review</ActionButton>}
    </div>
  );
}
