import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from './api/endpoints.ts';
import { setUnauthenticatedHandler } from './api/client.ts';
import type { Me, Role } from './api/types.ts';

type SessionValue = { me: Me | null; loading: boolean; refresh(): Promise<void>; signOut(): Promise<void> };

const SessionContext = createContext<SessionValue>({ me: null, loading: true, refresh: async () => undefined, signOut: async () => undefined });

/** Who is signed in (GET /api/v1/me); the cookie session is the only credential the console holds. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    try {
      setMe(await api.me());
    } catch {
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    setUnauthenticatedHandler(() => setMe(null));
    void refresh();
  }, [refresh]);
  const signOut = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setMe(null);
  }, []);
  return <SessionContext.Provider value={{ me, loading, refresh, signOut }}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);

/** The signed-in user's roles (an enterprise has none). */
function rolesOf(me: Me | null): Role[] {
  return me?.kind === 'official' ? me.roles : [];
}

export function hasAnyRole(me: Me | null, ...roles: Role[]): boolean {
  return rolesOf(me).some((r) => roles.includes(r));
}

/** The page each kind of user lands on. */
export function homeOf(me: Me): string {
  // An admin-set password is changed before anything else (the API refuses the rest until then).
  if (me.mustChangePassword) return '/change-password';
  if (me.kind === 'enterprise') return '/portal';
  const r = me.roles;
  if (r.includes('supervisor') || r.includes('admin')) return '/board';
  if (r.includes('dispatcher')) return '/dispatch';
  if (r.includes('leader')) return '/leader';
  return '/inbox';
}
