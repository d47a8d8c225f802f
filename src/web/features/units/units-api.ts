import {
  unitDetailSchema,
  unitImportReportSchema,
  unitListResultSchema,
  type UnitDetail,
  type UnitImportReport,
  type UnitListResult,
  type UnitStateInput,
} from '../../../shared/units.js';
import { apiFetch, RawBody, withQuery } from '../../lib/api.js';

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
export function uploadUnitsFile(
  file: Blob,
  options: { readonly fileName: string; readonly dryRun: boolean },
): Promise<UnitImportReport> {
  const path = withQuery('/api/units/import', { dryRun: options.dryRun ? 1 : undefined, fileName: options.fileName });
  return apiFetch('POST', path, new RawBody(file, 'text/csv'), unitImportReportSchema);
}
