import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { loginRequestSchema } from '../../../shared/auth.js';
import { ErrorSummary, type SummaryItem } from '../../components/error-summary.js';
import { TextField } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert } from '../../components/status.js';
import { ApiError } from '../../lib/api.js';
import {
  fieldId,
  withFieldLabel,
  withoutError,
  zodIssuesToFieldErrors,
  type FieldErrors,
} from '../../lib/form-errors.js';
import type { LoginRedirectState } from './require-auth.js';
import { useSession } from './session-context.js';

const FORM = 'login';
const LABELS: Record<string, string> = { username: 'Nome utente', password: 'Password' };

/** Only same-app paths: never redirect to another origin after login. */
function safeTarget(from: string | undefined): string {
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { state, login } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const redirect = (location.state ?? {}) as LoginRedirectState;
  const target = safeTarget(redirect.from);

  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempt > 0) (summaryRef.current ?? alertRef.current)?.focus();
  }, [attempt]);

  if (state.status === 'authenticated' && !submitting) return <Navigate to={target} replace />;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setServerError(null);
    const parsed = loginRequestSchema.safeParse({ username, password });
    if (!parsed.success) {
      setErrors(zodIssuesToFieldErrors(parsed.error.issues));
      setAttempt((a) => a + 1);
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      await login(parsed.data);
      void navigate(target, { replace: true });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setPassword('');
      setServerError(error);
      setAttempt((a) => a + 1);
    } finally {
      setSubmitting(false);
    }
  }

  const items: SummaryItem[] = Object.entries(errors).map(([path, message]) => ({
    targetId: fieldId(FORM, path),
    text: withFieldLabel(LABELS[path] ?? '', message),
  }));

  return (
    <div className="container-xxl my-5">
      <div className="row justify-content-center">
        <div className="col-12 col-md-8 col-lg-5">
          <PageTitle title="Accedi ad Abitare" />
          <p className="mb-4">Area riservata al personale dell'Agenzia per la Casa e degli enti convenzionati.</p>
          {redirect.expired && !serverError && items.length === 0 ? (
            <div className="alert alert-info" role="status">
              La sessione è scaduta o è stata chiusa: accedi di nuovo per continuare.
            </div>
          ) : null}
          {items.length > 0 ? (
            <ErrorSummary ref={summaryRef} id={`${FORM}-summary`} title="Completa i campi indicati" items={items} />
          ) : null}
          {serverError ? (
            <ErrorAlert
              ref={alertRef}
              error={serverError}
              title={serverError.code === 'TOO_MANY_ATTEMPTS' ? 'Troppi tentativi' : 'Accesso non riuscito'}
            />
          ) : null}
          <form onSubmit={(e) => void onSubmit(e)} noValidate className="mt-4" data-testid="login-form">
            <TextField
              id={fieldId(FORM, 'username')}
              name="username"
              label="Nome utente"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onValueChange={(v) => {
                setUsername(v);
                setErrors((e) => withoutError(e, 'username'));
              }}
              error={errors.username}
            />
            <TextField
              id={fieldId(FORM, 'password')}
              name="password"
              type="password"
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onValueChange={(v) => {
                setPassword(v);
                setErrors((e) => withoutError(e, 'password'));
              }}
              error={errors.password}
            />
            <button type="submit" className="btn btn-primary w-100" disabled={submitting}>
              {submitting ? 'Accesso in corso…' : 'Accedi'}
            </button>
          </form>
        </div>
      </div>
    </div>
  );
}
