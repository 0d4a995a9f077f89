import { useState } from 'react';
import { ApiError } from '../../../shared/api/http-client';
import { useSession } from '../hooks/useSession';
import { DEMO_USERS } from '../model/permissions';

export function SignInScreen() {
  const { signIn } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function choose(user: string) {
    setBusy(user);
    setError(null);
    try {
      await signIn(user);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The runtime did not answer; is it running?');
    } finally {
      setBusy(null);
    }
  }

  return (
    <main className="signin">
      <h1>Mapwright Designer</h1>
      <p className="muted">Development sign-in: choose a demo user. Each role sees what it may do, and is told why the rest is off limits.</p>
      <ul className="signin-users" aria-label="Demo users">
        {DEMO_USERS.map((u) => (
          <li key={u.name}>
            <button type="button" onClick={() => choose(u.name)} disabled={busy !== null} aria-label={`Sign in as ${u.name}`}>
              <strong>{u.name}</strong> <span className={`role-chip role-${u.role}`}>{u.role}</span>
              <span className="muted">{u.blurb}</span>
            </button>
          </li>
        ))}
      </ul>
      {busy && <p role="status">Signing in as {busy}…</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </main>
  );
}
