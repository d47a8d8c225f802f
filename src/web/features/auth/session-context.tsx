import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { okSchema } from '../../../shared/common.js';
import { sessionUserSchema, type LoginRequest, type SessionUser } from '../../../shared/auth.js';
import { ApiError, apiFetch, onUnauthenticated, setCsrfToken } from '../../lib/api.js';
import { clearDrafts } from '../../lib/drafts.js';

type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'anonymous'; readonly reason: 'no-session' | 'expired' | 'logout' }
  | { readonly status: 'authenticated'; readonly user: SessionUser }
  | { readonly status: 'unavailable'; readonly error: ApiError };

interface SessionContextValue {
  readonly state: SessionState;
  readonly login: (request: LoginRequest) => Promise<SessionUser>;
  readonly logout: () => Promise<void>;
  readonly retry: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    apiFetch('GET', '/api/auth/session', undefined, sessionUserSchema).then(
      (user) => {
        if (cancelled) return;
        setCsrfToken(user.csrfToken);
        setState({ status: 'authenticated', user });
      },
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 401) {
          setState({ status: 'anonymous', reason: 'no-session' });
        } else {
          const apiError =
            error instanceof ApiError ? error : new ApiError(0, 'UNEXPECTED_RESPONSE', 'Errore imprevisto.');
          setState({ status: 'unavailable', error: apiError });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(() => {
    onUnauthenticated(() => {
      setCsrfToken(null);
      setState({ status: 'anonymous', reason: 'expired' });
    });
    return () => onUnauthenticated(null);
  }, []);

  const login = useCallback(async (request: LoginRequest) => {
    const user = await apiFetch('POST', '/api/auth/login', request, sessionUserSchema);
    setCsrfToken(user.csrfToken);
    setState({ status: 'authenticated', user });
    return user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiFetch('POST', '/api/auth/logout', {}, okSchema);
    } catch (error) {
      // An expired session is already logged out; anything else is still a logout on this side.
      if (!(error instanceof ApiError)) throw error;
    }
    clearDrafts();
    setCsrfToken(null);
    setState({ status: 'anonymous', reason: 'logout' });
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((a) => a + 1);
  }, []);

  const value = useMemo(() => ({ state, login, logout, retry }), [state, login, logout, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for pages rendered inside RequireAuth. */
export function useCurrentUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useCurrentUser without a session');
  return state.user;
}

export {
  roleEditsHouseholds as canEditHouseholds,
  roleOpensHouseholds as canOpenHouseholds,
  roleReadsAuditLog as canReadAudit,
  roleReadsSocialNotes as canWriteSocialNotes,
  roleSharesHouseholds as canShareHouseholds,
} from '../../../shared/permissions.js';
