import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../../../shared/auth.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { useSession } from './session-context.js';

export interface LoginRedirectState {
  readonly from?: string;
  readonly expired?: boolean;
}

/** Renders its children only with a session; otherwise sends the user to the login page and back. */
export function RequireAuth({ children }: { readonly children: ReactNode }) {
  const { state, retry } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Loading text="Verifica della sessione in corso…" />;
  if (state.status === 'unavailable') {
    return (
      <ErrorAlert error={state.error} title="Non è stato possibile verificare la sessione.">
        <button type="button" className="btn btn-primary btn-sm mt-3" onClick={retry}>
          Riprova
        </button>
      </ErrorAlert>
    );
  }
  if (state.status === 'anonymous') {
    // After "Esci" the next person to sign in starts from the dashboard, not from the last file opened.
    const redirect: LoginRedirectState =
      state.reason === 'logout'
        ? {}
        : { from: `${location.pathname}${location.search}${location.hash}`, expired: state.reason === 'expired' };
    return <Navigate to="/login" replace state={redirect} />;
  }
  return <>{children}</>;
}

/** A page some roles may not open: they get an explanation instead of a request that would be refused. */
export function RequireRole({
  allowed,
  children,
}: {
  readonly allowed: (role: Role) => boolean;
  readonly children: ReactNode;
}) {
  const { state } = useSession();
  if (state.status === 'authenticated' && !allowed(state.user.role)) return <ForbiddenPage />;
  return <>{children}</>;
}

export function ForbiddenPage() {
  return (
    <div className="container-xxl my-5">
      <PageTitle title="Accesso non consentito" />
      <p className="lead" data-testid="forbidden">
        Non hai i permessi per consultare questa pagina con il tuo ruolo.
      </p>
      <p>Se ritieni di averne bisogno per il tuo lavoro, rivolgiti al responsabile dell'Agenzia per la Casa.</p>
    </div>
  );
}
