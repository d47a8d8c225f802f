// The citizen portal's use cases. A citizen is not a staff user: their session lives in its own
// table and cookie, and every read is limited to the households they are a member of. Each access
// is audited with the citizen's fiscal code as the actor; an attempt on anybody else's data is
// refused (403) and audited too.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addDays, plainDateOf, type PlainDate } from '../../../core/kernel/plain-date.js';
import { correctionWindow } from '../../../core/sap/deadlines.js';
import { formatDateLong } from '../../../core/communications/format.js';
import { requirementCheckSchema } from '../../../shared/applications.js';
import type { PortalBooking, PortalHousehold, PortalSession, PortalUpload } from '../../../shared/portal.js';
import {
  cancelBookingRow,
  findBookingRow,
  findSlotRow,
  insertBooking,
  listSlotRows,
  liveBookingOfSlot,
} from '../frontdesk/frontdesk.queries.js';
import { newId } from '../../ids.js';
import { transactionWithDocuments } from '../../documents/store.js';
import { forbidden, notFound, unauthenticated, AppError } from '../../http/errors.js';
import type { App } from '../../http/route-kit.js';
import { writeAudit, type AuditEntry, type AuditSource } from '../audit/audit.queries.js';
import { isSessionAlive, newCsrfToken, newSessionToken, sameToken, sessionIdFromToken } from '../auth/sessions.js';
import { letterPdf, toMessageSummary } from '../communications/communications.actions.js';
import {
  findDocumentRequest,
  insertTimelineEvent,
  listDocumentRequests,
  listHouseholdMessages,
} from '../communications/communications.queries.js';
import { describeApplication } from '../rankings/rankings.actions.js';
import { citizenMayOpenHousehold } from './portal.access.js';
import type { CitizenIdentity } from './portal.oidc.js';
import {
  deleteCitizenSession,
  findApplicationHousehold,
  findCitizenSession,
  findLatestIsee,
  findMessageHousehold,
  findProvisionalPublication,
  insertCitizenSession,
  listCitizenHouseholds,
  listHouseholdApplications,
  listMemberFiscalCodes,
  listMembers,
  listUpcomingAppointments,
  touchCitizenSession,
} from './portal.queries.js';

export const CITIZEN_COOKIE = 'abitare_citizen';

export interface Citizen {
  readonly sessionId: string;
  readonly fiscalCode: string;
  readonly displayName: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** The audit source of a citizen's request: the fiscal code is the actor. */
export function citizenSource(req: FastifyRequest, fiscalCode: string | null, now: Date): AuditSource {
  return {
    now,
    actor: fiscalCode ? { userId: `citizen:${fiscalCode}`, username: fiscalCode, role: 'citizen' } : null,
    requestId: req.id,
    ip: req.ip,
    method: req.method,
    path: req.url.split('?')[0] ?? req.url,
  };
}

export async function openCitizenSession(app: App, req: FastifyRequest, identity: CitizenIdentity) {
  const { db, config, now } = app.deps;
  const at = now();
  const token = newSessionToken();
  const csrfToken = newCsrfToken();
  const expiresAt = new Date(at.getTime() + config.session.absoluteHours * 3_600_000).toISOString();
  await db.kysely.transaction().execute(async (trx) => {
    await insertCitizenSession(trx, {
      id: sessionIdFromToken(token),
      fiscalCode: identity.fiscalCode,
      displayName: identity.displayName,
      csrfToken,
      at: at.toISOString(),
      expiresAt,
      ip: req.ip,
    });
    await writeAudit(trx, citizenSource(req, identity.fiscalCode, at), {
      action: 'login',
      entityType: 'citizen',
      details: { via: 'oidc' },
    });
  });
  return { token, expiresAt };
}

/** The citizen behind the portal cookie; state-changing requests must carry the session's CSRF token. */
export async function requireCitizen(app: App, req: FastifyRequest): Promise<Citizen> {
  const { db, config, now } = app.deps;
  const token = req.cookies[CITIZEN_COOKIE];
  if (!token) throw unauthenticated();
  const id = sessionIdFromToken(token);
  const row = await findCitizenSession(db.kysely, id);
  const at = now();
  if (!row) throw unauthenticated();
  if (!isSessionAlive({ expiresAt: row.expires_at, lastSeenAt: row.last_seen_at }, at, config.session.idleMinutes)) {
    await deleteCitizenSession(db.kysely, id);
    throw unauthenticated();
  }
  if (at.getTime() - Date.parse(row.last_seen_at) > 60_000) await touchCitizenSession(db.kysely, id, at.toISOString());
  if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method)) {
    const header = req.headers['x-csrf-token'];
    if (typeof header !== 'string' || !sameToken(header, row.csrf_token)) {
      throw new AppError(
        403,
        'CSRF_TOKEN_INVALID',
        'Token di sicurezza (CSRF) mancante o non valido: ricarica la pagina.',
      );
    }
  }
  return {
    sessionId: id,
    fiscalCode: row.fiscal_code,
    displayName: row.display_name,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
  };
}

export function sessionView(c: Citizen): PortalSession {
  return { fiscalCode: c.fiscalCode, displayName: c.displayName, csrfToken: c.csrfToken, expiresAt: c.expiresAt };
}

export async function closeCitizenSession(app: App, req: FastifyRequest, c: Citizen) {
  await deleteCitizenSession(app.deps.db.kysely, c.sessionId);
  await writeAudit(app.deps.db.kysely, citizenSource(req, c.fiscalCode, app.deps.now()), {
    action: 'logout',
    entityType: 'citizen',
  });
}

async function refuse(app: App, req: FastifyRequest, c: Citizen, entry: AuditEntry): Promise<never> {
  await writeAudit(app.deps.db.kysely, citizenSource(req, c.fiscalCode, app.deps.now()), {
    ...entry,
    outcome: 'denied',
  });
  throw forbidden();
}

/** Whether the household is the citizen's; anything else (unknown id included) is refused and audited. */
async function requireOwnHousehold(app: App, req: FastifyRequest, c: Citizen, householdId: string, action: string) {
  const members = await listMemberFiscalCodes(app.deps.db.kysely, householdId);
  if (!citizenMayOpenHousehold(c.fiscalCode, members)) {
    await refuse(app, req, c, { action, entityType: 'household', entityId: householdId });
  }
}

export async function citizenHouseholds(app: App, req: FastifyRequest, c: Citizen) {
  const db = app.deps.db.kysely;
  const rows = await listCitizenHouseholds(db, c.fiscalCode);
  await writeAudit(db, citizenSource(req, c.fiscalCode, app.deps.now()), {
    action: 'list',
    entityType: 'household',
    details: { returned: rows.map((r) => r.id) },
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      comuneName: r.comune_name,
      address: `${r.address_street}${r.address_number ? ` ${r.address_number}` : ''}, ${r.address_city}`,
    })),
  };
}

const storedChecksSchema = z.object({ checks: z.array(requirementCheckSchema) });

const RELATIONS: Record<string, string> = {
  applicant: 'richiedente',
  spouse: 'coniuge',
  partner: 'convivente',
  child: 'figlio/a',
  parent: 'genitore',
  sibling: 'fratello/sorella',
  grandchild: 'nipote',
  grandparent: 'nonno/a',
  other_relative: 'altro parente',
  in_law: 'affine',
  other: 'altro',
};

export async function citizenHousehold(
  app: App,
  req: FastifyRequest,
  c: Citizen,
  householdId: string,
): Promise<PortalHousehold> {
  const { db, config, now } = app.deps;
  const k = db.kysely;
  await requireOwnHousehold(app, req, c, householdId, 'read');
  const [brief] = (await listCitizenHouseholds(k, c.fiscalCode)).filter((h) => h.id === householdId);
  if (!brief) throw notFound('Il nucleo familiare');
  const at = now();
  const today = plainDateOf(at, config.timeZone);
  const deadlines: PortalHousehold['deadlines'] = [];
  const applications: PortalHousehold['applications'] = [];
  for (const a of await listHouseholdApplications(k, householdId)) {
    const review = await k
      .selectFrom('application_reviews')
      .select(['decision', 'reason', 'checks'])
      .where('application_id', '=', a.id)
      .orderBy('decided_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    let checks: PortalHousehold['applications'][number]['checks'] = [];
    if (review) {
      const parsed = storedChecksSchema.safeParse(JSON.parse(review.checks));
      checks = parsed.success ? parsed.data.checks : [];
    }
    applications.push({
      id: a.id,
      callName: a.call_name,
      protocol: a.protocol,
      submittedAt: new Date(a.submitted_at).toISOString(),
      state: review ? review.decision : 'to_review',
      reason: review?.reason ?? null,
      checks,
    });
    const published = await findProvisionalPublication(k, a.call_id);
    if (published) {
      // RR 4/2017 art. 12: 15 days from the publication of the provisional ranking.
      const window = correctionWindow(String(published.on_date) as PlainDate);
      if (window.until >= today) {
        deadlines.push({
          on: window.until,
          title: 'Richiesta di rettifica del punteggio',
          detail: `Domanda ${a.protocol} (${a.call_name}): entro il ${formatDateLong(window.until)}, solo per un’invalidità civile riconosciuta con procedura avviata prima della scadenza dell’avviso (R.R. 4/2017 art. 12).`,
        });
      }
    }
  }
  const documentRequests = await listDocumentRequests(k, householdId);
  for (const r of documentRequests) {
    if (r.uploads.length === 0 && r.dueOn >= today) {
      deadlines.push({ on: r.dueOn, title: 'Consegna di un documento', detail: r.description });
    }
  }
  const isee = await findLatestIsee(k, householdId);
  if (isee && String(isee.valid_until) >= today && String(isee.valid_until) <= addDays(today, 60)) {
    deadlines.push({
      on: String(isee.valid_until),
      title: 'Scadenza dell’attestazione ISEE',
      detail: 'Presentare una nuova DSU per non interrompere le pratiche in corso (D.P.C.M. 159/2013).',
    });
  }
  const appointments = (await listUpcomingAppointments(k, householdId, at.toISOString())).map((b) => ({
    id: b.id,
    startsAt: new Date(b.starts_at).toISOString(),
    place: b.place,
    purpose: b.purpose,
  }));
  for (const b of appointments) {
    const on = plainDateOf(new Date(b.startsAt), config.timeZone);
    deadlines.push({ on, title: 'Appuntamento allo sportello', detail: `${b.place}: ${b.purpose}` });
  }
  deadlines.sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
  const members = await listMembers(k, householdId);
  const messages = (await listHouseholdMessages(k, householdId)).map(toMessageSummary).map((m) => ({
    ...m,
    // Technical delivery errors are for the office, not for the citizen.
    deliveries: m.deliveries.map((d) => ({ ...d, lastError: null })),
  }));
  await writeAudit(k, citizenSource(req, c.fiscalCode, at), {
    action: 'read',
    entityType: 'household',
    entityId: householdId,
    householdId,
  });
  return {
    id: brief.id,
    code: brief.code,
    comuneName: brief.comune_name,
    address: `${brief.address_street}${brief.address_number ? ` ${brief.address_number}` : ''}, ${brief.address_city}`,
    members: members.map((m) => ({
      name: `${m.first_name} ${m.last_name}`,
      relation: RELATIONS[m.relation] ?? m.relation,
    })),
    applications,
    deadlines,
    messages,
    documentRequests,
    appointments,
  };
}

export async function citizenExplanation(app: App, req: FastifyRequest, c: Citizen, applicationId: string) {
  const k = app.deps.db.kysely;
  const application = await findApplicationHousehold(k, applicationId);
  const members = application ? await listMemberFiscalCodes(k, application.household_id) : [];
  if (!application || !citizenMayOpenHousehold(c.fiscalCode, members)) {
    await refuse(app, req, c, { action: 'explain', entityType: 'application', entityId: applicationId });
  }
  const { householdId, ...explanation } = await describeApplication(k, applicationId);
  await writeAudit(k, citizenSource(req, c.fiscalCode, app.deps.now()), {
    action: 'read',
    entityType: 'application_explanation',
    entityId: applicationId,
    householdId,
  });
  return explanation;
}

export async function citizenUpload(app: App, req: FastifyRequest, c: Citizen, requestId: string, input: PortalUpload) {
  const { db, config, now } = app.deps;
  const request = await findDocumentRequest(db.kysely, requestId);
  const members = request ? await listMemberFiscalCodes(db.kysely, request.household_id) : [];
  if (!request || !citizenMayOpenHousehold(c.fiscalCode, members)) {
    await refuse(app, req, c, { action: 'upload', entityType: 'document_request', entityId: requestId });
  }
  const householdId = request!.household_id;
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const at = now();
  // The file goes too if the transaction fails after it was written.
  const store = { dir: config.documentsDir, maxBytes: config.documentMaxBytes };
  return transactionWithDocuments(db.kysely, store, async (trx, storeDocument) => {
    const stored = await storeDocument({
      bytes,
      originalName: input.fileName,
      householdId,
      ownerKind: 'document_request',
      ownerId: requestId,
      category: 'portale',
      by: null,
      now: at,
    });
    await insertTimelineEvent(trx, {
      householdId,
      at: at.toISOString(),
      kind: 'document_uploaded',
      title: `Documento caricato dal cittadino: ${request!.description}`,
      detail: `${stored.originalName} (${Math.ceil(stored.sizeBytes / 1024)} KB), dal portale del cittadino.`,
      sourceType: 'document',
      sourceId: stored.id,
      actorId: null,
    });
    await writeAudit(trx, citizenSource(req, c.fiscalCode, at), {
      action: 'upload',
      entityType: 'document',
      entityId: stored.id,
      householdId,
      details: { requestId, sha256: stored.sha256 },
    });
    return { id: stored.id, fileName: stored.originalName, sizeBytes: stored.sizeBytes };
  });
}

export async function citizenLetter(app: App, req: FastifyRequest, c: Citizen, messageId: string) {
  const { db, config, now } = app.deps;
  const m = await findMessageHousehold(db.kysely, messageId);
  const members = m ? await listMemberFiscalCodes(db.kysely, m.household_id) : [];
  if (!m || !citizenMayOpenHousehold(c.fiscalCode, members)) {
    await refuse(app, req, c, { action: 'read_letter', entityType: 'message', entityId: messageId });
  }
  const pdf = await letterPdf(db.kysely, messageId, {
    office: config.communications.office,
    timeZone: config.timeZone,
  });
  await writeAudit(db.kysely, citizenSource(req, c.fiscalCode, now()), {
    action: 'read',
    entityType: 'letter',
    entityId: messageId,
    householdId: m!.household_id,
  });
  return pdf;
}

/** Free desk slots of the coming weeks (the front desk's slots; the operator is not shown). */
export async function citizenFreeSlots(app: App, req: FastifyRequest, c: Citizen) {
  const at = app.deps.now();
  const { slots, bookings } = await listSlotRows(app.deps.db.kysely, {
    fromAt: at.toISOString(),
    toAt: new Date(at.getTime() + 30 * 86_400_000).toISOString(),
  });
  const taken = new Set(bookings.map((b) => b.slot_id));
  await writeAudit(app.deps.db.kysely, citizenSource(req, c.fiscalCode, at), {
    action: 'list',
    entityType: 'appointment_slot',
  });
  return {
    items: slots
      .filter((s) => !taken.has(s.id))
      .map((s) => ({
        id: s.id,
        startsAt: new Date(s.starts_at).toISOString(),
        endsAt: new Date(s.ends_at).toISOString(),
        place: s.place,
      })),
  };
}

/**
 * A desk appointment booked by the citizen for their household. The same tables and checks as the
 * front desk's bookSlot (frontdesk.actions.ts), whose use case authorises staff only: one live
 * booking per slot (unique slot_key), a slot in the future, a timeline event and an audit row.
 */
export async function citizenBook(
  app: App,
  req: FastifyRequest,
  c: Citizen,
  householdId: string,
  input: PortalBooking,
) {
  const { db, now } = app.deps;
  await requireOwnHousehold(app, req, c, householdId, 'book');
  const at = now();
  try {
    return await db.kysely.transaction().execute(async (trx) => {
      const slot = await findSlotRow(trx, input.slotId);
      if (!slot) throw notFound('La fascia');
      if (new Date(slot.starts_at).getTime() < at.getTime())
        throw new AppError(409, 'CONFLICT', 'La fascia è già passata.');
      if (await liveBookingOfSlot(trx, slot.id)) {
        throw new AppError(409, 'CONFLICT', 'La fascia è già prenotata: sceglierne un’altra.');
      }
      const id = newId();
      await insertBooking(trx, {
        id,
        slot_key: slot.id,
        slot_id: slot.id,
        household_id: householdId,
        contact_id: null,
        purpose: input.purpose,
        booked_at: at.toISOString(),
        booked_by: null,
        cancelled_at: null,
      });
      const when = new Intl.DateTimeFormat('it-IT', {
        dateStyle: 'short',
        timeStyle: 'short',
        timeZone: app.deps.config.timeZone,
      }).format(new Date(slot.starts_at));
      await insertTimelineEvent(trx, {
        householdId,
        at: at.toISOString(),
        kind: 'appointment_booked',
        title: `Appuntamento prenotato dal cittadino per il ${when}`,
        detail: `${input.purpose} – ${slot.place}`,
        sourceType: 'appointment_booking',
        sourceId: id,
        actorId: null,
      });
      await writeAudit(trx, citizenSource(req, c.fiscalCode, at), {
        action: 'book',
        entityType: 'appointment_slot',
        entityId: slot.id,
        householdId,
        details: { bookingId: id },
      });
      return { id, startsAt: new Date(slot.starts_at).toISOString(), place: slot.place };
    });
  } catch (e) {
    // Two citizens on the same slot at once: the unique slot key lets one through.
    if (e instanceof AppError) throw e;
    if (await liveBookingOfSlot(db.kysely, input.slotId)) {
      throw new AppError(409, 'CONFLICT', 'La fascia è già prenotata: sceglierne un’altra.');
    }
    throw e;
  }
}

/**
 * The citizen cancels a desk appointment of one of their households, before it starts: the slot is
 * free again for others. The same change as the front desk's cancelBooking, with a timeline event
 * and an audit row; a booking of another household, or an unknown id, is refused (403) and audited.
 */
export async function citizenCancelBooking(app: App, req: FastifyRequest, c: Citizen, bookingId: string) {
  const { db, now } = app.deps;
  const booking = await findBookingRow(db.kysely, bookingId);
  if (!booking) {
    await refuse(app, req, c, { action: 'cancel_booking', entityType: 'appointment_booking', entityId: bookingId });
  }
  const b = booking as NonNullable<typeof booking>;
  await requireOwnHousehold(app, req, c, b.household_id, 'cancel_booking');
  if (b.cancelled_at !== null) throw new AppError(409, 'CONFLICT', 'L’appuntamento è già stato annullato.');
  const slot = await findSlotRow(db.kysely, b.slot_id);
  const at = now();
  if (!slot || new Date(slot.starts_at).getTime() <= at.getTime()) {
    throw new AppError(409, 'CONFLICT', 'L’appuntamento è già iniziato o passato: non si può più annullare.');
  }
  await db.kysely.transaction().execute(async (trx) => {
    await cancelBookingRow(trx, b.id, b.slot_id, at.toISOString());
    await insertTimelineEvent(trx, {
      householdId: b.household_id,
      at: at.toISOString(),
      kind: 'appointment_cancelled',
      title: 'Appuntamento annullato dal cittadino',
      detail: `${b.purpose} – ${slot.place}`,
      sourceType: 'appointment_booking',
      sourceId: b.id,
      actorId: null,
    });
    await writeAudit(trx, citizenSource(req, c.fiscalCode, at), {
      action: 'cancel_booking',
      entityType: 'appointment_slot',
      entityId: b.slot_id,
      householdId: b.household_id,
      details: { bookingId: b.id },
    });
  });
  return { id: b.id, cancelled: true as const };
}
