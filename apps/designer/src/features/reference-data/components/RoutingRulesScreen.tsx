import { useSession } from '../../auth/hooks/useSession';
import { canEditVersion } from '../../auth/model/permissions';
import type { SpecWorkspace } from '../../specs/hooks/useSpecWorkspace';
import { ROUTING_RULES, RoutingRule } from '../model/routing-rules';
import { RuleTableEditor } from './RuleTableEditor';

/** The routing spec's rules: which ERP connection and tenant receives an object; same draft and review as a mapping. */
export function RoutingRulesScreen({ ws }: { ws: SpecWorkspace }) {
  const { session } = useSession();
  if (!session || !ws.detail) return <p className="pad muted">Loading routing rules…</p>;
  if (!Array.isArray(ws.data)) return <p className="pad error" role="alert">{ws.specId}@{ws.detail.version} holds no routing rules.</p>;
  const edit = canEditVersion(session, ws.detail);
  const lockedReason = edit.allowed ? null : edit.reason;
  return (
    <section className="review-detail pad" aria-label="Routing rules">
      <h2>Routing rules <span className="muted small">{ws.specId}@{ws.detail.version}</span></h2>
      {lockedReason && <p className="reason" role="note">{lockedReason}</p>}
      <p className="muted small">Rules in force on the posting date are tried by ascending priority; the first whose condition is true over the canonical object routes it.</p>
      <RuleTableEditor kind={ROUTING_RULES} tableId={ws.specId} rules={ws.data as RoutingRule[]} lockedReason={lockedReason} onApply={(rules) => ws.setData(rules)} />
      <p className="muted small">Applied changes stay in this draft until you save it; publishing needs the board's approvals, as for a mapping.</p>
    </section>
  );
}
