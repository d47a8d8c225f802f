import { forwardRef, type ReactNode } from 'react';
import type { ApiError } from '../lib/api.js';

export function Loading({ text = 'Caricamento in corso…' }: { readonly text?: string }) {
  return (
    <div className="d-flex align-items-center gap-2 my-4" role="status" data-testid="loading">
      <div className="progress-spinner progress-spinner-active size-sm" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}

/** A message for an error that does not belong to a field. */
export const ErrorAlert = forwardRef<
  HTMLDivElement,
  { readonly error: ApiError | string; readonly title?: string; readonly children?: ReactNode }
>(function ErrorAlert({ error, title, children }, ref) {
  const message = typeof error === 'string' ? error : describeApiError(error);
  return (
    <div ref={ref} className="alert alert-danger" role="alert" tabIndex={-1} data-testid="error-alert">
      {title ? <p className="fw-semibold mb-1">{title}</p> : null}
      <p className="mb-0">{message}</p>
      {children}
    </div>
  );
});

export function SuccessAlert({ children }: { readonly children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status" data-testid="success-alert">
      {children}
    </div>
  );
}

export function describeApiError(error: ApiError): string {
  if (error.code === 'FORBIDDEN') return 'Non hai i permessi per questa operazione.';
  return error.message;
}
