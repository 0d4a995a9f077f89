import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { createHttpClient, HttpClient } from '../../../shared/api/http-client';
import { authApi } from '../api/auth.api';
import type { Session } from '../model/permissions';

interface SessionContextValue {
  session: Session | null;
  http: HttpClient;
  signIn(user: string): Promise<void>;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);
const STORAGE_KEY = 'mapwright.session';

function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    const parsed = raw ? (JSON.parse(raw) as Session) : null;
    return parsed && typeof parsed.user === 'string' && Array.isArray(parsed.roles) && typeof parsed.token === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children, initial }: { children: ReactNode; initial?: Session | null }) {
  const [session, setSession] = useState<Session | null>(() => (initial === undefined ? loadSession() : initial));
  const tokenRef = useMemo(() => ({ current: session?.token ?? null }), [session]);
  const http = useMemo(() => createHttpClient(() => tokenRef.current), [tokenRef]);

  const signIn = useCallback(async (user: string) => {
    const res = await authApi(createHttpClient(() => null)).devToken(user);
    const next: Session = { user: res.user, roles: res.roles, token: res.accessToken };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
  }, []);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);

  const value = useMemo(() => ({ session, http, signIn, signOut }), [session, http, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession must be used inside SessionProvider');
  return ctx;
}
