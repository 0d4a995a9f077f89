import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useSession } from '../../auth/hooks/useSession';
import type { Session } from '../../auth/model/permissions';
import type { BusinessException, Kpis } from '../api/operations.api';
import { useOperations } from '../hooks/useOperations';

const OPS_ROLES = ['operator', 'auditor', 'approver'] as const;

function money(amounts: Record<string, string>): string {
  const parts = Object.entries(amounts).map(([c, a]) => `${a} ${c}`);
  return parts.length ? parts.join(' · ') : '0';
}

function KpiCards({ kpis }: { kpis: Kpis }) {
  const cards: [string, string, string][] = [
    ['Open exceptions', String(kpis.exceptions.open), `${kpis.exceptions.byAge.over7Days} older than 7 days`],
    ['Approval latency p50 / p90', kpis.approvalLatencyHours.p50 === null ? '—' : `${kpis.approvalLatencyHours.p50} h / ${kpis.approvalLatencyHours.p90} h`, `${kpis.approvalLatencyHours.count} approvals`],
    ['Pending billing', money(kpis.pendingBilling.amount), `${kpis.pendingBilling.entries} entries`],
    [`Revenue leakage (> ${kpis.revenueLeakage.afterDays} days)`, money(kpis.revenueLeakage.amount), `${kpis.revenueLeakage.entries} entries`],
    ['Duplicate deliveries', `${(kpis.duplicateTransactions.rate * 100).toFixed(2)} %`, `${kpis.duplicateTransactions.duplicates} of ${kpis.duplicateTransactions.deliveries}`],
  ];
  return (
    <ul className="kpi-cards" aria-label="KPIs">
      {cards.map(([title, value, sub]) => (
        <li key={title} className="kpi-card"><span className="muted small">{title}</span><strong>{value}</strong><span className="muted small">{sub}</span></li>
      ))}
    </ul>
  );
}

function ExceptionCharts({ kpis }: { kpis: Kpis }) {
  const byReason = Object.entries(kpis.exceptions.byReason).map(([code, count]) => ({ code, count }));
  const byAge = [
    { age: '< 1 day', count: kpis.exceptions.byAge.under1Day },
    { age: '1–7 days', count: kpis.exceptions.byAge.from1To7Days },
    { age: '> 7 days', count: kpis.exceptions.byAge.over7Days },
  ];
  return (
    <div className="charts">
      <figure aria-label="Open exceptions by reason">
        <figcaption>Open exceptions by reason</figcaption>
        {byReason.length === 0 ? <p className="muted">No open exceptions.</p> : (
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={byReason}><CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="code" fontSize={11} /><YAxis allowDecimals={false} fontSize={11} /><Tooltip /><Bar dataKey="count" fill="#2457c5" /></BarChart>
        </ResponsiveContainer>
        )}
      </figure>
      <figure aria-label="Open exceptions by age">
        <figcaption>Open exceptions by age</figcaption>
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={byAge}><CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="age" fontSize={11} /><YAxis allowDecimals={false} fontSize={11} /><Tooltip /><Bar dataKey="count" fill="#b42318" /></BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}

function ExceptionRow({ x, session, busy, onRetry, onResolve }: { x: BusinessException; session: Session; busy: boolean; onRetry(): void; onResolve(note: string): void }) {
  const [note, setNote] = useState('');
  const operator = session.roles.includes('operator');
  const reason = operator ? null : `Only finance operators can retry or resolve exceptions; ${session.user} is signed in as ${session.roles.join(', ')}.`;
  return (
    <tr data-exception={x.id}>
      <td><code>{x.code}</code><div className="muted small">{x.category}</div></td>
      <td>{x.message}</td>
      <td>{x.sourceSystem ?? '—'} {x.objectId ? <code>{x.objectId}</code> : null}</td>
      <td>{x.legalEntityId ?? '—'}</td>
      <td>{x.ageHours.toFixed(1)} h</td>
      <td>
        <div className="row">
          <button type="button" onClick={onRetry} disabled={!operator || busy} title={reason ?? 'Re-run intake of the stored record'}>Retry</button>
          <input aria-label={`Resolution note for ${x.id}`} value={note} onChange={(e) => setNote(e.target.value)} placeholder="how it was resolved" disabled={!operator} />
          <button type="button" onClick={() => onResolve(note.trim())} disabled={!operator || busy || !note.trim()}>Resolve</button>
        </div>
        {reason && <span className="reason">{reason}</span>}
      </td>
    </tr>
  );
}

/** What finance acts on: KPIs, exceptions by reason and age, and the open queue with retry and resolve. */
export function OperationsScreen() {
  const { session } = useSession();
  const ops = useOperations();
  if (!session) return null;
  if (!session.roles.some((r) => (OPS_ROLES as readonly string[]).includes(r))) {
    return <p className="pad reason" role="note">Only finance operators, auditors and approvers see operations; {session.user} is signed in as {session.roles.join(', ')}.</p>;
  }
  return (
    <section className="operations pad" aria-label="Operations">
      <header className="panel-header">
        <h2>Operations</h2>
        <button type="button" onClick={() => void ops.refresh()}>Refresh</button>
      </header>
      {ops.error && <p role="alert" className="error">{ops.error}</p>}
      {ops.notice && <p role="status" className="ok">{ops.notice}</p>}
      {ops.kpis && <KpiCards kpis={ops.kpis} />}
      {ops.kpis && <ExceptionCharts kpis={ops.kpis} />}
      <h3>Open exceptions ({ops.exceptions.length})</h3>
      <table className="grid">
        <thead><tr><th scope="col">Code</th><th scope="col">Message</th><th scope="col">Source</th><th scope="col">Legal entity</th><th scope="col">Age</th><th scope="col">Action</th></tr></thead>
        <tbody>
          {ops.exceptions.map((x) => <ExceptionRow key={x.id} x={x} session={session} busy={ops.busy} onRetry={() => void ops.retry(x.id)} onResolve={(n) => void ops.resolve(x.id, n)} />)}
          {ops.exceptions.length === 0 && <tr><td colSpan={6} className="muted">No open exceptions.</td></tr>}
        </tbody>
      </table>
    </section>
  );
}
