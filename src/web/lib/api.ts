import type { z } from 'zod';
import { errorBodySchema, type ErrorCode, type ErrorIssue } from '../../shared/errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Codes of the API plus the two failures that only the client can see. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details: readonly ErrorIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let unauthenticatedListener: (() => void) | null = null;

/** The session provider keeps the token of the current session here, for every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request answers 401, so the app can send the user back to the login page. */
export function onUnauthenticated(listener: (() => void) | null): void {
  unauthenticatedListener = listener;
}

const SESSION_PATHS = new Set(['/api/auth/session', '/api/auth/login']);

/** A body sent as it is (a file), with its content type, instead of JSON. */
export class RawBody {
  constructor(
    readonly body: Blob,
    readonly contentType: string,
  ) {}
}

export async function apiFetch<S extends z.ZodType>(
  method: HttpMethod,
  path: string,
  body: unknown,
  schema: S,
): Promise<z.output<S>>;
export async function apiFetch(method: HttpMethod, path: string, body?: unknown): Promise<unknown>;
export async function apiFetch(method: HttpMethod, path: string, body?: unknown, schema?: z.ZodType): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: string | Blob | undefined;
  if (method !== 'GET') {
    if (csrfToken !== null && path !== '/api/auth/login') headers['x-csrf-token'] = csrfToken;
    if (body instanceof RawBody) {
      headers['content-type'] = body.contentType;
      payload = body.body;
    } else {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body ?? {});
    }
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Impossibile contattare il server. Controlla la connessione e riprova.');
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = toApiError(response.status, data);
    if (error.status === 401 && !SESSION_PATHS.has(path)) unauthenticatedListener?.();
    throw error;
  }
  if (!schema) return data;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    console.error(`Risposta inattesa da ${method} ${path}`, parsed.error.issues);
    throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', 'Il server ha risposto in un formato non previsto.');
  }
  return parsed.data;
}

function toApiError(status: number, data: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(data);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(status, code, message, details ?? []);
  }
  if (status === 401) return new ApiError(status, 'UNAUTHENTICATED', 'Sessione scaduta: accedi di nuovo.');
  if (status === 403) return new ApiError(status, 'FORBIDDEN', 'Non hai i permessi per questa operazione.');
  if (status === 404) return new ApiError(status, 'NOT_FOUND', 'La risorsa richiesta non esiste.');
  return new ApiError(status, 'INTERNAL_ERROR', 'Si è verificato un errore imprevisto. Riprova più tardi.');
}

export function toApiErrorOrRethrow(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  throw error;
}

/** Builds `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
