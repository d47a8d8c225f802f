// Small pieces shared by the desk, measures and funds pages.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/status.js';
import { ApiError } from '../../lib/api.js';

export function Breadcrumb({ items }: { readonly items: readonly { readonly label: string; readonly to?: string }[] }) {
  return (
    <nav aria-label="Percorso" className="breadcrumb-container">
      <ol className="breadcrumb">
        {items.map((it, i) =>
          it.to ? (
            <li className="breadcrumb-item" key={it.label}>
              <Link to={it.to}>{it.label}</Link>
              <span className="separator">/</span>
            </li>
          ) : (
            <li className="breadcrumb-item active" aria-current="page" key={`${it.label}-${i}`}>
              {it.label}
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** An API failure with its details listed (field messages, missing documents, failed checks). */
export function ApiProblem({ error }: { readonly error: ApiError | null }) {
  if (!error) return null;
  return (
    <ErrorAlert error={error}>
      {error.details.length > 0 ? (
        <ul className="mb-0 mt-2 small">
          {error.details.map((d, i) => (
            <li key={`${d.path}-${i}`}>{d.message}</li>
          ))}
        </ul>
      ) : null}
      <p className="small mb-0 mt-1 text-secondary">Codice: {error.code}</p>
    </ErrorAlert>
  );
}

/** Runs an action, remembering whether it is busy and its last failure. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    if (busy) return undefined;
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, setError };
}

export function Form({
  id,
  label,
  onSubmit,
  children,
}: {
  readonly id: string;
  readonly label: string;
  readonly onSubmit: () => void;
  readonly children: ReactNode;
}) {
  return (
    <form
      id={id}
      aria-label={label}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

const VERDICT_CLASS = {
  eligible: 'bg-success',
  not_eligible: 'bg-danger',
  missing_information: 'bg-warning text-dark',
} as const;
export function VerdictBadge({
  verdict,
  label,
}: {
  readonly verdict: keyof typeof VERDICT_CLASS;
  readonly label: string;
}) {
  return <span className={`badge ${VERDICT_CLASS[verdict]}`}>{label}</span>;
}

export const OUTCOME_TEXT = {
  met: 'soddisfatto',
  not_met: 'non soddisfatto',
  missing_information: 'da verificare',
} as const;
