import { useEffect, useState } from 'react';
import { SignInScreen } from './features/auth/components/SignInScreen';
import { useSession } from './features/auth/hooks/useSession';
import { can } from './features/auth/model/permissions';
import { MappingWorkspace } from './features/canvas/components/MappingWorkspace';
import { OperationsScreen } from './features/operations/components/OperationsScreen';
import { ReferenceDataScreen } from './features/reference-data/components/ReferenceDataScreen';
import { RoutingRulesScreen } from './features/reference-data/components/RoutingRulesScreen';
import { ReviewScreen } from './features/governance/components/ReviewScreen';
import { VersionsScreen } from './features/governance/components/VersionsScreen';
import { useSpecList } from './features/specs/hooks/useSpecList';
import { useSpecWorkspace } from './features/specs/hooks/useSpecWorkspace';
import { VersionBar } from './features/specs/components/VersionBar';
import { TestsScreen } from './features/tests/components/TestsScreen';

type Screen = 'mapping' | 'tests' | 'versions' | 'review' | 'reference' | 'routing' | 'operations';
// Screens bound to one fixed spec (or none) rather than the spec picked in the header.
const OWN_SPEC: Screen[] = ['operations', 'reference', 'routing'];
const SCREENS: { id: Screen; label: string }[] = [
  { id: 'mapping', label: 'Mapping' },
  { id: 'tests', label: 'Tests' },
  { id: 'versions', label: 'Versions' },
  { id: 'review', label: 'Review' },
  { id: 'reference', label: 'Reference data' },
  { id: 'routing', label: 'Routing rules' },
  { id: 'operations', label: 'Operations' },
];

function SpecScreens({ specId, screen }: { specId: string; screen: Screen }) {
  const ws = useSpecWorkspace(specId);
  return (
    <>
      <VersionBar ws={ws} />
      {ws.error && <p className="banner error" role="alert">{ws.error} <button type="button" className="link" onClick={ws.clearMessages}>Dismiss</button></p>}
      {ws.notice && <p className="banner ok" role="status">{ws.notice}</p>}
      {ws.busy && <p className="banner muted" role="status">{ws.busy}…</p>}
      <div className="screen">
        {screen === 'mapping' && <MappingWorkspace ws={ws} />}
        {screen === 'tests' && <TestsScreen ws={ws} />}
        {screen === 'versions' && <VersionsScreen key={ws.history.length} ws={ws} />}
        {screen === 'review' && <ReviewScreen ws={ws} />}
        {screen === 'reference' && <ReferenceDataScreen ws={ws} />}
        {screen === 'routing' && <RoutingRulesScreen ws={ws} />}
      </div>
    </>
  );
}

function Shell() {
  const { session, signOut } = useSession();
  const { specs, referenceSpecId, routingSpecId, error } = useSpecList();
  const [specId, setSpecId] = useState<string>('');
  const [screen, setScreen] = useState<Screen>('mapping');
  useEffect(() => {
    if (!specId && specs.length) setSpecId(specs.find((s) => s.id === 'harvest-time-entry')?.id ?? specs[0].id);
  }, [specs, specId]);
  if (!session) return null;
  const read = can(session, 'read');
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Mapwright <span className="muted">Designer</span></span>
        {read.allowed && !OWN_SPEC.includes(screen) && (
          <label className="inline">
            Spec
            <select value={specId} onChange={(e) => setSpecId(e.target.value)} aria-label="Mapping spec">
              {specs.map((s) => <option key={s.id} value={s.id}>{s.id} ({s.kind})</option>)}
            </select>
          </label>
        )}
        {read.allowed && (
          <nav className="screens" aria-label="Screens">
            {SCREENS.map((s) => (
              <button key={s.id} type="button" className={screen === s.id ? 'tab active' : 'tab'} aria-current={screen === s.id ? 'page' : undefined} onClick={() => setScreen(s.id)}>{s.label}</button>
            ))}
          </nav>
        )}
        <span className="spacer" />
        <span className="who" data-testid="signed-in-user">{session.user} <span className={`role-chip role-${session.roles[0]}`}>{session.roles.join(', ')}</span></span>
        <button type="button" onClick={signOut}>Sign out</button>
      </header>
      {!read.allowed && (
        <main className="pad">
          <h1>Nothing to design here</h1>
          <p role="note" className="reason">{read.reason} Integration accounts call <code>POST /api/v1/transform/&#123;id&#125;</code> with their token; the designer is for people.</p>
        </main>
      )}
      {read.allowed && error && <p className="banner error" role="alert">{error}</p>}
      {read.allowed && screen === 'operations' && <div className="screen"><OperationsScreen /></div>}
      {read.allowed && screen === 'reference' && referenceSpecId && <SpecScreens key={referenceSpecId} specId={referenceSpecId} screen="reference" />}
      {read.allowed && screen === 'routing' && routingSpecId && <SpecScreens key={routingSpecId} specId={routingSpecId} screen="routing" />}
      {read.allowed && screen === 'routing' && !routingSpecId && <p className="pad muted">The runtime has no routing spec (kind routing) yet.</p>}
      {read.allowed && !OWN_SPEC.includes(screen) && specId && <SpecScreens key={specId} specId={specId} screen={screen} />}
    </div>
  );
}

export function App() {
  const { session } = useSession();
  return session ? <Shell /> : <SignInScreen />;
}
