import type { ErrorCode, ErrorIssue } from '../../shared/errors.js';

/** An expected failure that maps to an HTTP status and a stable code (the one place for the mapping). */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'La risorsa richiesta') => new AppError(404, 'NOT_FOUND', `${what} non esiste.`);
export const forbidden = () => new AppError(403, 'FORBIDDEN', 'Non hai i permessi per questa operazione.');
export const unauthenticated = () =>
  new AppError(401, 'UNAUTHENTICATED', 'Sessione assente o scaduta: accedi di nuovo.');
export const validationFailed = (details: ErrorIssue[], message = 'Alcuni dati non sono validi.') =>
  new AppError(400, 'VALIDATION_FAILED', message, details);
