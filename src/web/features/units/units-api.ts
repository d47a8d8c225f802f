import { errorBodySchema } from '../../../shared/errors.js';
import {
  unitDetailSchema,
  unitImportReportSchema,
  unitListResultSchema,
  type UnitDetail,
  type UnitImportReport,
  type UnitListResult,
  type UnitStateInput,
} from '../../../shared/units.js';
import { ApiError, apiFetch, withQuery } from '../../lib/api.js';

export interface UnitListParams {
  readonly q?: string | undefined;
  readonly ownerId?: string | undefined;
  readonly comuneId?: string | undefined;
  readonly state?: string | undefined;
  readonly programme?: string | undefined;
  readonly accessible?: 'true' | 'false' | undefined;
  readonly minAreaM2?: number | undefined;
  readonly maxAreaM2?: number | undefined;
  readonly limit: number;
  readonly offset: number;
}

export function listUnits(params: UnitListParams): Promise<UnitListResult> {
  return apiFetch('GET', withQuery('/api/units', { ...params }), undefined, unitListResultSchema);
}

const base = (id: string) => `/api/units/${encodeURIComponent(id)}`;

export function getUnit(id: string): Promise<UnitDetail> {
  return apiFetch('GET', base(id), undefined, unitDetailSchema);
}

export function changeUnitState(id: string, input: UnitStateInput): Promise<UnitDetail> {
  return apiFetch('POST', `${base(id)}/state`, input, unitDetailSchema);
}

/**
 * Sends the file as it is (text/csv), so that the server hashes the very bytes of the file: the same
 * file uploaded twice, or imported from the command line, is recognised.
 */
export async function uploadUnitsFile(
  file: Blob,
  options: { readonly fileName: string; readonly dryRun: boolean; readonly csrfToken: string },
): Promise<UnitImportReport> {
  const path = withQuery('/api/units/import', { dryRun: options.dryRun ? 1 : undefined, fileName: options.fileName });
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'text/csv', 'x-csrf-token': options.csrfToken },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Impossibile contattare il server. Controlla la connessione e riprova.');
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = errorBodySchema.safeParse(data);
    if (error.success) {
      const { code, message, details } = error.data.error;
      throw new ApiError(response.status, code, message, details ?? []);
    }
    if (response.status === 413) {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', 'Il file è troppo grande: dividerlo in più file.');
    }
    throw new ApiError(response.status, 'INTERNAL_ERROR', 'Si è verificato un errore imprevisto. Riprova più tardi.');
  }
  const parsed = unitImportReportSchema.safeParse(data);
  if (!parsed.success) {
    throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', 'Il server ha risposto in un formato non previsto.');
  }
  return parsed.data;
}
