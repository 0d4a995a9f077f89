import { ActionButton } from '../../../shared/components/ActionButton';
import { useSession } from '../../auth/hooks/useSession';
import { can, canEditVersion } from '../../auth/model/permissions';
import type { SpecTestCase } from '../../specs/api/specs.api';
import type { SpecWorkspace } from '../../specs/hooks/useSpecWorkspace';
import { useTestRun } from '../hooks/useTestRun';

/** The spec's test cases run against the saved version, with per-field diffs and a way to accept new outputs. */
export function TestsScreen({ ws }: { ws: SpecWorkspace }) {
  const { session } = useSession();
  const version = ws.detail?.version ?? '';
  const { results, running, run } = useTestRun(ws.specId, version, ws.reference);
  if (!session || !ws.detail) return null;
  const preview = can(session, 'preview');
  const runReason = !preview.allowed ? preview.reason : ws.dirty ? 'Save the draft first: tests run on the stored version.' : null;
  const edit = canEditVersion(session, ws.detail);
  const passed = results?.filter((r) => r.passed).length ?? 0;

  function accept(names: string[]) {
    const byName = new Map(results?.map((r) => [r.name, r]));
    ws.setTests(ws.tests.map((t): SpecTestCase => {
      const r = byName.get(t.name);
      if (!names.includes(t.name) || !r || r.actualError || r.actualOutput === undefined) return t;
      return { ...t, expect: { output: r.actualOutput } };
    }));
  }
  const acceptable = (results ?? []).filter((r) => !r.passed && !r.actualError && r.actualOutput !== undefined).map((r) => r.name);

  return (
    <section className="tests-screen pad" aria-label="Test cases">
      <header className="panel-header">
        <h2>Test cases · {ws.specId}@{version}</h2>
        <ActionButton className="primary" onClick={() => void run(ws.tests, ws.expression)} blockedReason={runReason} busy={running}>{running ? 'Running…' : 'Run all tests'}</ActionButton>
        {acceptable.length > 0 && <ActionButton onClick={() => accept(acceptable)} blockedReason={edit.allowed ? null : edit.reason}>Use actual outputs as expected ({acceptable.length})</ActionButton>}
      </header>
      {results && <p role="status" className={passed === results.length ? 'ok' : 'error'} data-testid="test-summary">{passed} of {results.length} passed</p>}
      <p className="muted small">Cases run through the runtime's preview of the saved version; cases with bindings (which the preview does not accept) run in the browser with the engine's function library and say so. Submitting computes the authoritative evidence.</p>
      <table className="grid">
        <thead><tr><th scope="col">Case</th><th scope="col">Expectation</th><th scope="col">Result</th><th scope="col">Differences</th></tr></thead>
        <tbody>
          {ws.tests.map((t) => {
            const r = results?.find((x) => x.name === t.name);
            return (
              <tr key={t.name} data-case={t.name}>
                <td>{t.name}</td>
                <td>{t.expect.errorCode ? `error ${t.expect.errorCode}` : 'output'}</td>
                <td>{r ? <span className={r.passed ? 'badge badge-ok' : 'badge badge-fail'}>{r.passed ? 'pass' : 'fail'}</span> : <span className="muted">not run</span>}{r && <span className="muted small"> · {r.ranOn}</span>}</td>
                <td>
                  {r?.message && <div className="error small">{r.message}</div>}
                  {r && r.diff.length > 0 && (
                    <table className="diff-table">
                      <tbody>
                        {r.diff.map((d) => (
                          <tr key={d.pointer} className={`diff-${d.kind}`}>
                            <td><code>{d.pointer}</code></td><td>{d.kind}</td>
                            <td className="diff-before">{JSON.stringify(d.expected)}</td><td className="diff-after">{JSON.stringify(d.actual)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
