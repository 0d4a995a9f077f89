import { useId, useState } from 'react';
import { ActionButton } from '../../../shared/components/ActionButton';
import type { Session } from '../../auth/model/permissions';
import { canDecide, canPublish } from '../../auth/model/permissions';
import type { VersionSummary } from '../../specs/api/specs.api';

interface Props {
  session: Session;
  version: VersionSummary;
  busy: boolean;
  onDecide(decision: 'approve' | 'reject', comment: string): void;
  onPublish(): void;
}

/** Approve, reject or publish — offered only as the runtime allows, with the reason when not. */
export function DecisionPanel({ session, version, busy, onDecide, onPublish }: Props) {
  const [comment, setComment] = useState('');
  const reasonId = useId();
  const decide = canDecide(session, version);
  const publish = canPublish(session, version);
  const needComment = decide.allowed && comment.trim() === '' ? 'Write a comment: it is recorded with your decision.' : null;
  const reason = decide.allowed ? needComment : decide.reason;
  const approvals = version.approvals.filter((a) => a.decision === 'APPROVE').length;
  return (
    <div className="decision-panel" aria-label="Decision">
      <p>{approvals} of {version.requiredApprovals} approvals{version.approvals.length ? ': ' : ''}{version.approvals.map((a) => `${a.approver} (${a.decision.toLowerCase()}: “${a.comment}”)`).join(', ')}</p>
      {version.status === 'IN_REVIEW' && (
        <>
          <label className="block">
            Comment
            <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} disabled={!decide.allowed} placeholder="What you checked, and why you decide so" />
          </label>
          <div className="row">
            <button type="button" className="primary" onClick={() => onDecide('approve', comment.trim())} disabled={!!reason || busy} aria-describedby={reason ? reasonId : undefined}>Approve</button>
            <button type="button" className="danger" onClick={() => onDecide('reject', comment.trim())} disabled={!!reason || busy} aria-describedby={reason ? reasonId : undefined}>Reject</button>
          </div>
          {reason && <p id={reasonId} className="reason" role="note" data-testid="decision-reason">{reason}</p>}
        </>
      )}
      {(version.status === 'APPROVED' || version.status === 'IN_REVIEW') && (
        <div className="row"><ActionButton className="primary" onClick={onPublish} blockedReason={publish.allowed ? null : publish.reason} busy={busy}>Publish</ActionButton></div>
      )}
      {version.status === 'PUBLISHED' && <p className="ok" role="status">Published — transforms now run this version.</p>}
    </div>
  );
}
