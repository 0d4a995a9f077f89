import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../../shared/api/http-client';
import { useSession } from '../../auth/hooks/useSession';
import { can } from '../../auth/model/permissions';
import { Evidence, InboxItem, specsApi, VersionSummary } from '../../specs/api/specs.api';
import type { SpecWorkspace } from '../../specs/hooks/useSpecWorkspace';
import { DecisionPanel } from './DecisionPanel';
import { EvidenceView } from './EvidenceView';

const keyOf = (v: { specId: string; version: string }) => `${v.specId}@${v.version}`;

/** The governance inbox (approvers, auditors) or the open spec's versions in review, with evidence and decisions. */
export function ReviewScreen({ ws }: { ws: SpecWorkspace }) {
  const { session, http } = useSession();
  const api = useMemo(() => specsApi(http), [http]);
  const inboxAllowed = session ? can(session, 'inbox') : { allowed: false, reason: '' };
  const [items, setItems] = useState<InboxItem[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [evidence, setEvidence] = useState<Evidence | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const refresh = useCallback(async () => {
    if (inboxAllowed.allowed) {
      const inbox = await api.inbox();
      setItems([...inbox.awaitingDecision, ...inbox.awaitingPublish]);
    } else {
      const history = await api.history(ws.specId);
      setItems(history.filter((h) => h.status === 'IN_REVIEW' || h.status === 'APPROVED'));
    }
  }, [api, inboxAllowed.allowed, ws.specId]);

  useEffect(() => {
    void refresh().catch((err: unknown) => setMessage({ text: err instanceof ApiError ? err.message : String(err), error: true }));
  }, [refresh]);

  const listed: VersionSummary | undefined = items.find((i) => keyOf(i) === selected);
  // Inbox rows can omit approvals; the version itself carries the full, current record.
  const [fresh, setFresh] = useState<VersionSummary | null>(null);
  useEffect(() => {
    setEvidence(null);
    setFresh(null);
    if (!listed) return;
    const fail = (err: unknown) => setMessage({ text: err instanceof ApiError ? err.message : String(err), error: true });
    api.version(listed.specId, listed.version).then(setFresh, fail);
    api.evidence(listed.specId, listed.version).then(setEvidence, fail);
  }, [api, listed]);
  const current = fresh && listed && keyOf(fresh) === keyOf(listed) ? fresh : listed;

  async function act(label: string, fn: () => Promise<unknown>) {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
      setMessage({ text: label, error: false });
      await refresh();
      await ws.reload();
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : String(err), error: true });
    } finally {
      setBusy(false);
    }
  }

  if (!session) return null;
  return (
    <section className="review-screen" aria-label="Review">
      <nav className="review-list pad" aria-label={inboxAllowed.allowed ? 'Governance inbox' : 'Versions in review'}>
        <h2>{inboxAllowed.allowed ? 'Governance inbox' : `In review · ${ws.specId}`}</h2>
        {!inboxAllowed.allowed && <p className="muted small">{inboxAllowed.reason} Showing this spec's versions in review instead.</p>}
        {items.length === 0 && <p className="muted">Nothing awaiting a decision or a publish.</p>}
        <ul>
          {items.map((i) => (
            <li key={keyOf(i)}>
              <button type="button" className={selected === keyOf(i) ? 'list-item selected' : 'list-item'} onClick={() => setSelected(keyOf(i))} aria-pressed={selected === keyOf(i)}>
                <strong>{keyOf(i)}</strong> <span className={`status status-${i.status.toLowerCase()}`}>{i.status}</span>
                <span className="muted small">by {i.author} · {i.status === 'APPROVED' ? 'approved, awaiting publish' : `${i.approvals.filter((a) => a.decision === 'APPROVE').length}/${i.requiredApprovals} approvals`}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="review-detail pad">
        {message && <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'ok'}>{message.text}</p>}
        {!current && <p className="muted">Select a version to see its evidence.</p>}
        {current && (
          <>
            <h2>{keyOf(current)} <span className={`status status-${current.status.toLowerCase()}`} data-testid="review-status">{current.status}</span></h2>
            <p className="muted">Written by {current.author}</p>
            <DecisionPanel
              session={session}
              version={current}
              busy={busy}
              onDecide={(d, comment) => act(d === 'approve' ? 'Approval recorded.' : 'Rejection recorded.', () => (d === 'approve' ? api.approve : api.reject)(current.specId, current.version, comment, evidence?.hash))}
              onPublish={() => act(`${keyOf(current)} published.`, () => api.publish(current.specId, current.version))}
            />
            {evidence ? <EvidenceView evidence={evidence} /> : <p className="muted">Loading evidence…</p>}
          </>
        )}
      </div>
    </section>
  );
}
