import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, setUnauthenticatedHandler } from '../api/client.ts';
import type { LoginAnswer, MeAnswer, SessionUser } from '../api/types.ts';

export interface SessionState {
  status: 'loading' | 'anonymous' | 'authenticated';
  user: SessionUser | null;
  /** From the login answer; kept for this tab so a reload still shows it. */
  previousLogin: { at: string; ip: string | null } | null | undefined;
  idleTimeoutMinutes: number;
  /** Why the last session ended, to explain it on the login page. */
  endedBecause: 'idle' | 'expired' | null;
  login(username: string, password: string): Promise<SessionUser>;
  logout(reason?: 'idle' | 'expired'): Promise<void>;
}

/** Exported for tests that render a page as one role; the app provides it with SessionProvider. */
export const SessionContext = createContext<SessionState | null>(null);
const NOTICE_KEY = 'lianjian.loginNotice';
const DEFAULT_IDLE_MINUTES = 30;

function fromLogin(answer: LoginAnswer): SessionUser {
  const u = answer.user;
  return { id: u.id, name: u.displayName, role: u.role, organizationId: u.organizationId, organizationName: u.organizationName, organizationType: u.organizationType, jurisdictionCode: u.jurisdictionCode, regulatorLevel: u.regulatorLevel };
}

function storedNotice(): { previousLogin: LoginAnswer['previousLogin']; idleTimeoutMinutes: number; user: SessionUser } | null {
  try {
    const text = sessionStorage.getItem(NOTICE_KEY);
    return text ? (JSON.parse(text) as { previousLogin: LoginAnswer['previousLogin']; idleTimeoutMinutes: number; user: SessionUser }) : null;
  } catch {
    return null;
  }
}

/** Who is logged in. The session itself is the server's httpOnly cookie; this only mirrors it. */
export function SessionProvider({ children }: { children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SessionState['status']>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);
  const [previousLogin, setPreviousLogin] = useState<SessionState['previousLogin']>(undefined);
  const [idleTimeoutMinutes, setIdle] = useState(DEFAULT_IDLE_MINUTES);
  const [endedBecause, setEnded] = useState<SessionState['endedBecause']>(null);

  const clear = useCallback((reason: SessionState['endedBecause']) => {
    sessionStorage.removeItem(NOTICE_KEY);
    queryClient.clear();
    setUser(null);
    setPreviousLogin(undefined);
    setEnded(reason);
    setStatus('anonymous');
  }, [queryClient]);

  useEffect(() => {
    setUnauthenticatedHandler(() => clear('expired'));
    let cancelled = false;
    api<MeAnswer>('/api/auth/me')
      .then(({ actor }) => {
        if (cancelled) return;
        const notice = storedNotice();
        const me: SessionUser = { id: actor.id, name: actor.name, role: actor.role, organizationId: actor.organizationId, jurisdictionCode: actor.jurisdictionCode, regulatorLevel: actor.regulatorLevel };
        setUser(notice && notice.user.id === actor.id ? { ...me, ...notice.user } : me);
        if (notice && notice.user.id === actor.id) {
          setPreviousLogin(notice.previousLogin);
          setIdle(notice.idleTimeoutMinutes);
        }
        setStatus('authenticated');
      })
      .catch(() => !cancelled && setStatus('anonymous'));
    return () => {
      cancelled = true;
      setUnauthenticatedHandler(null);
    };
  }, [clear]);

  const login = useCallback(async (username: string, password: string) => {
    const answer = await api<LoginAnswer>('/api/auth/login', { body: { username, password } });
    const me = fromLogin(answer);
    sessionStorage.setItem(NOTICE_KEY, JSON.stringify({ previousLogin: answer.previousLogin, idleTimeoutMinutes: answer.idleTimeoutMinutes, user: me }));
    queryClient.clear();
    setUser(me);
    setPreviousLogin(answer.previousLogin);
    setIdle(answer.idleTimeoutMinutes);
    setEnded(null);
    setStatus('authenticated');
    return me;
  }, [queryClient]);

  const logout = useCallback(async (reason?: 'idle' | 'expired') => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } catch {
      /* the session may be gone already */
    }
    clear(reason ?? null);
  }, [clear]);

  const value = useMemo<SessionState>(() => ({ status, user, previousLogin, idleTimeoutMinutes, endedBecause, login, logout }), [status, user, previousLogin, idleTimeoutMinutes, endedBecause, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The session when there is a provider, else null: for pages that only adapt to who is looking (and render alone in tests). */
export function useOptionalSession(): SessionState | null {
  return useContext(SessionContext);
}
