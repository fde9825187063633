/**
 * Who is signed in. The session lives in the httpOnly `prima_sid` cookie; the client only
 * learns the user and the CSRF token from GET /auth/session (and from the login answer).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken, setOnUnauthenticated } from '../api/client.js';
import type { SessionResponse, SessionUser } from '../api/types.js';
import { base } from './base.js';
import { useI18n } from './i18n.js';

type Status = 'loading' | 'anonymous' | 'signedIn';

interface Session {
  status: Status;
  user: SessionUser | null;
  /** Set when a request found the session expired (shown on the login page). */
  expired: boolean;
  login(email: string, password: string): Promise<SessionUser>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { adoptUserLocale } = useI18n();
  const [status, setStatus] = useState<Status>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);
  const [expired, setExpired] = useState(false);

  const signIn = useCallback((s: SessionResponse) => {
    setCsrfToken(s.csrfToken);
    setUser(s.user);
    setExpired(false);
    setStatus('signedIn');
    adoptUserLocale(s.user.locale);
  }, [adoptUserLocale]);

  const signOut = useCallback((wasExpired: boolean) => {
    setCsrfToken(null);
    setUser(null);
    setExpired(wasExpired);
    setStatus('anonymous');
  }, []);

  useEffect(() => {
    setOnUnauthenticated(() => signOut(true));
    api.get<SessionResponse>('/auth/session', undefined, { quiet401: true }).then(signIn, () => signOut(false));
    return () => setOnUnauthenticated(null);
  }, [signIn, signOut]);

  const login = useCallback(async (email: string, password: string) => {
    const body: Record<string, string> = { email, password };
    if (base.slug) body.tenant = base.slug;
    const s = await api.post<SessionResponse>('/auth/login', body, { quiet401: true });
    signIn(s);
    return s.user;
  }, [signIn]);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout', undefined, { quiet401: true });
    } finally {
      signOut(false);
    }
  }, [signOut]);

  const value = useMemo<Session>(() => ({ status, user, expired, login, logout }), [status, user, expired, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user; only for pages behind the sign-in guard. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
