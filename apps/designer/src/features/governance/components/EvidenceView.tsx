import type { Evidence } from '../../specs/api/specs.api';
import { GoldenTotalsView } from './GoldenTotalsView';
import { DiffReportView } from './VersionsScreen';

/** What approvers decide on: content checks, semver verdict, test results and the output diff against production. */
export function EvidenceView({ evidence }: { evidence: Evidence }) {
  const d = evidence.document;
  return (
    <div className="evidence" aria-label="Evidence">
      <p className="muted small">Evidence hash <code>{evidence.hash.slice(0, 16)}…</code> computed {new Date(evidence.createdAt).toLocaleString()}</p>
      <ul className="checks">
        <li className={d.checks.passed ? 'ok' : 'error'}>Content checks: {d.checks.passed ? 'passed' : d.checks.problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}</li>
        <li className={d.semver.passed ? 'ok' : 'error'}>Semantic version: {d.semver.passed ? 'appropriate' : d.semver.reason}{d.semver.breakingChanges.length ? ` — breaking: ${d.semver.breakingChanges.join(', ')}` : ''}</li>
        {d.tests && <li className={d.tests.passed ? 'ok' : 'error'} data-testid="evidence-tests">Tests: {d.tests.total - d.tests.failed} of {d.tests.total} passed</li>}
      </ul>
      {d.tests && d.tests.failed > 0 && (
        <ul className="failed-cases">
          {d.tests.cases.filter((c) => !c.passed).map((c) => (
            <li key={c.name}><strong>{c.name}</strong> {c.message}{c.diff.map((x) => <div key={x.pointer} className="small"><code>{x.pointer}</code> {x.kind}: {JSON.stringify(x.expected)} → {JSON.stringify(x.actual)}</div>)}</li>
          ))}
        </ul>
      )}
      {d.diff ? <DiffReportView report={d.diff} /> : <p className="muted">No published version to compare with.</p>}
      {d.goldenScenarios && <GoldenTotalsView golden={d.goldenScenarios} />}
    </div>
  );
}

