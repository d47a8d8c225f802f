import {
  applicationDetailSchema,
  applicationListSchema,
  importReportSchema,
  type ApplicationDetail,
  type ApplicationEntry,
  type ApplicationState,
  type ImportReport,
  type ReviewInput,
} from '../../../shared/applications.js';
import { apiFetch, withQuery } from '../../lib/api.js';

export interface ApplicationListParams {
  readonly state?: ApplicationState | undefined;
  readonly comuneId?: string | undefined;
  readonly q?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export function listApplications(callId: string, params: ApplicationListParams) {
  return apiFetch(
    'GET',
    withQuery(`/api/calls/${encodeURIComponent(callId)}/applications`, { ...params }),
    undefined,
    applicationListSchema,
  );
}

/** The SAP applications of one household file, across calls (its page lists them). */
export function listHouseholdApplications(householdId: string) {
  return apiFetch('GET', withQuery('/api/applications', { householdId, limit: 200 }), undefined, applicationListSchema);
}

export function getApplication(id: string): Promise<ApplicationDetail> {
  return apiFetch('GET', `/api/applications/${encodeURIComponent(id)}`, undefined, applicationDetailSchema);
}

export function reviewApplication(id: string, input: ReviewInput): Promise<ApplicationDetail> {
  return apiFetch('POST', `/api/applications/${encodeURIComponent(id)}/review`, input, applicationDetailSchema);
}

export function enterApplication(callId: string, input: ApplicationEntry): Promise<ApplicationDetail> {
  return apiFetch('POST', `/api/calls/${encodeURIComponent(callId)}/applications`, input, applicationDetailSchema);
}

/** The file's exact bytes in base64, so that the server hashes and decodes what the office produced. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export async function importApplicationsFiles(
  callId: string,
  files: { readonly applications: File; readonly members: File | null },
  dryRun: boolean,
): Promise<ImportReport> {
  const body = {
    applications: { name: files.applications.name, contentBase64: await fileToBase64(files.applications) },
    members: files.members ? { name: files.members.name, contentBase64: await fileToBase64(files.members) } : null,
  };
  return apiFetch(
    'POST',
    withQuery(`/api/calls/${encodeURIComponent(callId)}/applications/import`, { dryRun: dryRun ? 1 : undefined }),
    body,
    importReportSchema,
  );
}
