import type { z } from 'zod';
import type { ErrorIssue } from '../../shared/errors.js';

/** Field errors keyed by the dotted path of the input schema, e.g. "members.1.birthDate". */
export type FieldErrors = Readonly<Record<string, string>>;

/** Dotted path of a zod issue; the root of the object is "". */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** First message per path wins: it is usually the most basic one (missing before malformed). */
export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = issuePath(issue.path);
    out[path] ??= issue.message;
  }
  return out;
}

export function apiIssuesToFieldErrors(details: readonly ErrorIssue[]): FieldErrors {
  const out: Record<string, string> = {};
  for (const issue of details) out[issue.path] ??= issue.message;
  return out;
}

/** Id of the control that shows the field at `path` (used by labels, error links and focus). */
export function fieldId(formId: string, path: string): string {
  return `${formId}-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Drops the errors of one field (and of what lies below it) once the user edits it. */
export function withoutError(errors: FieldErrors, path: string): FieldErrors {
  if (!Object.keys(errors).some((k) => k === path || k.startsWith(`${path}.`))) return errors;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    if (k !== path && !k.startsWith(`${path}.`)) out[k] = v;
  }
  return out;
}

/** "Nome: campo obbligatorio." stays as it is; "Data obbligatoria." becomes "Data di nascita: data obbligatoria." */
export function withFieldLabel(label: string, message: string): string {
  if (label === '' || message.toLowerCase().startsWith(label.toLowerCase())) return message;
  return `${label}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}
