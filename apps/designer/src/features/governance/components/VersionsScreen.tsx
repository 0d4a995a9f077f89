import { DiffEditor } from '@monaco-editor/react';
import { useEffect, useMemo, useState } from 'react';
import '../../editor/model/monaco-setup';
import { ApiError } from '../../../shared/api/http-client';
import { useSession } from '../../auth/hooks/useSession';
import { SpecDiffReport, specsApi } from '../../specs/api/specs.api';
import type { SpecWorkspace } from '../../specs/hooks/useSpecWorkspace';
import { JSONATA } from '../../editor/model/jsonata-language';

/** Every version of the spec with its approvals; any two compared by expression and by outputs over the samples. */
export function VersionsScreen({ ws }: { ws: SpecWorkspace }) {
  const { http } = useSession();
  const api = useMemo(() => specsApi(http), [http]);
  const versions = ws.history.map((h) => h.version);
  const [from, setFrom] = useState(versions[versions.length - 2] ?? versions[0] ?? '');
  const [to, setTo] = useState(versions[versions.length - 1] ?? '');
  const [texts, setTexts] = useState<{ a: string; b: string } | null>(null);
  const [report, setReport] = useState<SpecDiffReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!from || !to) return;
    let live = true;
    setError(null);
    Promise.all([api.version(ws.specId, from), api.version(ws.specId, to), api.diff(ws.specId, from, to)])
      .then(([a, b, d]) => {
        if (!live) return;
        setTexts({ a: a.content.expression, b: b.content.expression });
        setReport(d);
      })
      .catch((err: unknown) => live && setError(err instanceof ApiError ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [api, ws.specId, from, to]);

  return (
    <section className="versions-screen pad" aria-label="Version history">
      <h2>History · {ws.specId}</h2>
      <table className="grid">
        <thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Author</th><th scope="col">Based on</th><th scope="col">Decisions</th><th scope="col">Created</th><th scope="col">Published</th></tr></thead>
        <tbody>
          {[...ws.history].reverse().map((h) => (
            <tr key={h.version} data-version={h.version}>
              <td>{h.version}</td>
              <td><span className={`status status-${h.status.toLowerCase()}`}>{h.status}</span></td>
              <td>{h.author}</td>
              <td>{h.basedOn ?? '—'}</td>
              <td>{h.approvals.length ? h.approvals.map((a) => `${a.approver}: ${a.decision.toLowerCase()} — “${a.comment}”`).join('; ') : `0 of ${h.requiredApprovals}`}</td>
              <td>{new Date(h.createdAt).toLocaleString()}</td>
              <td>{h.publishedAt ? new Date(h.publishedAt).toLocaleString() : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="diff-controls" role="group" aria-label="Compare versions">
        <label className="inline">From <select value={from} onChange={(e) => setFrom(e.target.value)}>{versions.map((v) => <option key={v}>{v}</option>)}</select></label>
        <label className="inline">To <select value={to} onChange={(e) => setTo(e.target.value)}>{versions.map((v) => <option key={v}>{v}</option>)}</select></label>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {texts && (
        <div className="diff-editor" aria-label={`Expression diff ${from} → ${to}`}>
          <DiffEditor height={260} language={JSONATA} original={texts.a} modified={texts.b} options={{ readOnly: true, renderSideBySide: true, minimap: { enabled: false }, automaticLayout: true }} />
        </div>
      )}
      {report && <DiffReportView report={report} />}
    </section>
  );
}

export function DiffReportView({ report }: { report: SpecDiffReport }) {
  const s = report.summary;
  return (
    <div className="diff-report" aria-label="Output differences over the samples">
      <h3>Outputs over the samples: {report.before.version} → {report.after.version}</h3>
      <p data-testid="diff-summary">{s.samples} samples · {s.unchanged} unchanged · {s.changed} changed · {s.errorChanged} error changed · {s.bothFailed} both failed</p>
      {Object.keys(s.fields).length > 0 && (
        <table className="grid">
          <thead><tr><th scope="col">Field</th><th scope="col">Added in</th><th scope="col">Removed in</th><th scope="col">Changed in</th></tr></thead>
          <tbody>{Object.entries(s.fields).map(([p, c]) => <tr key={p}><td><code>{p}</code></td><td>{c.added}</td><td>{c.removed}</td><td>{c.changed}</td></tr>)}</tbody>
        </table>
      )}
      <ul className="sample-diffs">
        {report.samples.filter((x) => x.status !== 'unchanged').map((x) => (
          <li key={x.name}><strong>{x.name}</strong> — {x.status}{x.changes.map((c) => <div key={c.pointer} className="small"><code>{c.pointer}</code> {c.kind}: {JSON.stringify(c.before)} → {JSON.stringify(c.after)}</div>)}</li>
        ))}
      </ul>
    </div>
  );
}
