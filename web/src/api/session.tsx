import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { PageState } from '../components/PageState.js';
import { api, ApiError, setCsrf } from './client.js';
import type { Session, User } from './types.js';

const SessionContext = createContext<User | null>(null);

async function probe(): Promise<Session | null> {
  try {
    const s = await api<Session>('/session', { quiet401: true });
    setCsrf(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function useSessionQuery() {
  return useQuery({ queryKey: ['session'], queryFn: probe, staleTime: Infinity, retry: false });
}

/** Pages inside need a signed-in user; without one, off to /login and back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const q = useSessionQuery();
  const location = useLocation();
  if (q.isPending) return <PageState loading />;
  if (q.isError) return <PageState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <SessionContext.Provider value={q.data.user}>{children}</SessionContext.Provider>;
}

export function useUser(): User {
  const u = useContext(SessionContext);
  if (!u) throw new Error('useUser outside RequireSession');
  return u;
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await api('/session', { method: 'DELETE' }).catch(() => undefined);
    setCsrf(null);
    client.clear();
    window.location.assign('/login');
  };
}
