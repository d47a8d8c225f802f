// The citizen portal's calls: its own CSRF token (the citizen session's), never the staff one, and
// a 401 here never sends anybody to the staff login page.
import { z } from 'zod';
import { okSchema } from '../../../shared/common.js';
import { errorBodySchema } from '../../../shared/errors.js';
import {
  portalConfigSchema,
  portalExplanationSchema,
  portalHouseholdListSchema,
  portalHouseholdSchema,
  portalSlotListSchema,
  portalSessionSchema,
  portalUploadResultSchema,
} from '../../../shared/portal.js';
import { ApiError } from '../../lib/api.js';

const portalBookingResultSchema = z.object({ id: z.string(), startsAt: z.string(), place: z.string() });

let citizenCsrf: string | null = null;

async function portalFetch<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    if (citizenCsrf) headers['x-csrf-token'] = citizenCsrf;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Impossibile contattare il server. Controlla la connessione e riprova.');
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(data);
    if (parsed.success) throw new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
    throw new ApiError(response.status, 'INTERNAL_ERROR', 'Si è verificato un errore imprevisto. Riprova più tardi.');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', 'Risposta non prevista dal server.');
  return parsed.data as z.output<S>;
}

export const getPortalConfig = () => portalFetch('GET', '/api/portal/config', portalConfigSchema);

export async function getPortalSession() {
  const session = await portalFetch('GET', '/api/portal/session', portalSessionSchema);
  citizenCsrf = session.csrfToken;
  return session;
}

export async function portalLogout() {
  await portalFetch('POST', '/api/portal/logout', okSchema);
  citizenCsrf = null;
}

export const listMyHouseholds = () => portalFetch('GET', '/api/portal/households', portalHouseholdListSchema);
export const getMyHousehold = (id: string) =>
  portalFetch('GET', `/api/portal/households/${encodeURIComponent(id)}`, portalHouseholdSchema);
export const getMyExplanation = (id: string) =>
  portalFetch('GET', `/api/portal/applications/${encodeURIComponent(id)}/explanation`, portalExplanationSchema);

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function uploadRequestedDocument(requestId: string, file: File) {
  // A fresh token if the page was opened before the session was read.
  if (!citizenCsrf) await getPortalSession();
  return portalFetch(
    'POST',
    `/api/portal/document-requests/${encodeURIComponent(requestId)}/upload`,
    portalUploadResultSchema,
    { fileName: file.name, contentBase64: await toBase64(file) },
  );
}

export const listFreeSlots = () => portalFetch('GET', '/api/portal/appointment-slots', portalSlotListSchema);

export async function bookAppointment(householdId: string, slotId: string, purpose: string) {
  if (!citizenCsrf) await getPortalSession();
  return portalFetch(
    'POST',
    `/api/portal/households/${encodeURIComponent(householdId)}/appointments`,
    portalBookingResultSchema,
    { slotId, purpose },
  );
}

const cancelledSchema = z.object({ id: z.string(), cancelled: z.literal(true) });

export async function cancelAppointment(bookingId: string) {
  if (!citizenCsrf) await getPortalSession();
  return portalFetch('POST', `/api/portal/appointments/${encodeURIComponent(bookingId)}/cancel`, cancelledSchema, {});
}

export const letterUrl = (messageId: string) => `/api/portal/messages/${encodeURIComponent(messageId)}/letter.pdf`;
