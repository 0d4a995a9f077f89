import type { GoldenEvidence, GoldenScenarioTotals } from '../../specs/api/specs.api';

/** Net invoiced total per currency, e.g. "USD 2,343.61"; the scenario's error when it could not run. */
function netOf(s: GoldenScenarioTotals | undefined): string {
  if (!s) return '—';
  if (!s.totals) return s.error ? `error: ${s.error}` : '—';
  const parts = Object.entries(s.totals.net).map(([currency, t]) => `${currency} ${t.total}`);
  return parts.length > 0 ? parts.join(', ') : 'no invoices';
}

/** GL lines whose balance differs between before and after, as "account: before → after". */
function glChanges(before: GoldenScenarioTotals | undefined, after: GoldenScenarioTotals | undefined): string[] {
  const key = (l: { legalEntityId: string; account: string }) => `${l.legalEntityId} ${l.account}`;
  const was = new Map((before?.totals?.gl ?? []).map((l) => [key(l), l.balance]));
  const now = new Map((after?.totals?.gl ?? []).map((l) => [key(l), l.balance]));
  const out: string[] = [];
  for (const k of new Set([...was.keys(), ...now.keys()])) {
    if (was.get(k) !== now.get(k)) out.push(`${k}: ${was.get(k) ?? '0'} → ${now.get(k) ?? '0'}`);
  }
  return out;
}

/** Golden-scenario invoice and GL totals with the published rules (before) and with this version (after). */
export function GoldenTotalsView({ golden }: { golden: GoldenEvidence }) {
  const after = new Map(golden.after.map((s) => [s.name, s]));
  const changed = new Set(golden.changed);
  return (
    <section className="golden-totals" aria-label="Golden scenario totals">
      <h4>Golden scenarios: {changed.size === 0 ? 'no totals change' : `${changed.size} of ${golden.before.length} change their totals`}</h4>
      <p className="muted small">{golden.afterMeans}</p>
      <table>
        <thead>
          <tr><th scope="col">Scenario</th><th scope="col">Net invoiced before</th><th scope="col">Net invoiced after</th><th scope="col">GL balances that move</th></tr>
        </thead>
        <tbody>
          {golden.before.map((b) => {
            const a = after.get(b.name);
            const moved = changed.has(b.name);
            return (
              <tr key={b.name} className={moved ? 'changed' : undefined} data-testid={`golden-${b.name}`}>
                <th scope="row">{b.name}{!b.matchesExpected && <span className="error small"> (differs from its expected output)</span>}</th>
                <td>{netOf(b)}</td>
                <td>{netOf(a)}</td>
                <td>{moved ? glChanges(b, a).join('; ') || 'invoice totals only' : 'unchanged'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
