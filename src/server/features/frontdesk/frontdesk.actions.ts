// Use cases of the front desk: contacts, questionnaire, screening against every active measure
// and every open SAP call, referrals, appointment slots and bookings. Every contact and referral
// goes on the household's timeline; every read and write of personal data is audited.
import { performance } from 'node:perf_hooks';
import { householdFacts, type QuestionnaireAnswers } from '../../../core/frontdesk/questionnaire.js';
import { screenHousehold, type ScreenableCall, type ScreenableMeasure } from '../../../core/frontdesk/screening.js';
import { addLocalDays, formatPlainDateIt, plainDateOf, type PlainDate } from '../../../core/kernel/plain-date.js';
import { effectiveParameters, isMeasureKind } from '../../../core/measures/catalogue.js';
import {
  CONTACT_CHANNEL_LABELS,
  CONTACT_OUTCOME_LABELS,
  CONTACT_REASON_LABELS,
  REFERRAL_KIND_LABELS,
  roleUsesFrontDesk,
  type Contact,
  type ContactDetail,
  type Referral,
  type Screening,
  type Slot,
} from '../../../shared/frontdesk.js';
import type { z } from 'zod';
import type {
  bookingInputSchema,
  contactInputSchema,
  contactOutcomeInputSchema,
  questionnaireAnswersSchema,
  referralInputSchema,
  slotInputSchema,
} from '../../../shared/frontdesk.js';
import type { DbExecutor } from '../../db/client.js';
import type { RequestContext } from '../../http/context.js';
import { canUseDesk, referralScope } from './frontdesk.access.js';
import { AppError, notFound, validationFailed } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import { inComuneScope } from '../households/households.access.js';
import { insertTimelineEvent } from '../households/households.queries.js';
import { createReferral } from '../referrals/referrals.actions.js';
import { authoriseHousehold, refuse, today, versionOn } from '../measures/measures.actions.js';
import {
  findMeasureRow,
  listMeasureRows,
  listVersionRows,
  loadHouseholdSnapshot,
} from '../measures/measures.queries.js';
import {
  callExists,
  cancelBookingRow,
  findBookingRow,
  findContactRow,
  findSlotRow,
  insertBooking,
  insertContact,
  insertQuestionnaire,
  insertReferral,
  insertScreening,
  insertSlot,
  latestQuestionnaire,
  latestScreening,
  listContactBookings,
  listContactRows,
  listOpenCalls,
  listPartnerRows,
  listReferralRows,
  listSlotRows,
  liveBookingOfSlot,
  partnerExists,
  slotTaken,
  updateContactOutcome,
  userExists,
} from './frontdesk.queries.js';

type ContactRow = NonNullable<Awaited<ReturnType<typeof findContactRow>>>;

function contactDto(c: ContactRow): Contact {
  return {
    id: c.id,
    householdId: c.household_id,
    householdCode: c.household_code,
    personName: c.person_name,
    at: c.at,
    channel: c.channel as Contact['channel'],
    reason: c.reason as Contact['reason'],
    reasonNote: c.reason_note,
    outcome: c.outcome as Contact['outcome'],
    outcomeNote: c.outcome_note,
    operatorName: c.operator_name,
  };
}

async function contactForActor(root: DbExecutor, ctx: RequestContext, id: string, action: string): Promise<ContactRow> {
  const c = await findContactRow(root, id);
  if (!c) throw notFound('Il contatto');
  if (!canUseDesk(ctx.actor, { comuneId: c.comune_id })) {
    await refuse(root, ctx, { action, entityType: 'frontdesk_contact', entityId: id, householdId: c.household_id });
  }
  return c;
}

/** The agency's clock: weekly slots keep their local time in Rome. */
const TIME_ZONE = 'Europe/Rome';

export async function createContact(
  root: DbExecutor,
  ctx: RequestContext,
  input: z.output<typeof contactInputSchema>,
): Promise<string> {
  await authoriseHousehold(root, ctx, input.householdId, (h) => canUseDesk(ctx.actor, h), {
    action: 'create',
    entityType: 'frontdesk_contact',
  });
  return root.transaction().execute(async (db) => {
    const id = newId();
    const at = ctx.now.toISOString();
    await insertContact(db, {
      id,
      household_id: input.householdId,
      person_name: input.personName,
      at,
      channel: input.channel,
      reason: input.reason,
      reason_note: input.reasonNote,
      outcome: null,
      outcome_note: null,
      operator_id: ctx.actor.userId,
      created_at: at,
    });
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: input.householdId,
      at,
      kind: 'frontdesk_contact',
      title: `Contatto allo sportello: ${CONTACT_REASON_LABELS[input.reason]}`,
      detail: `${CONTACT_CHANNEL_LABELS[input.channel]} – ${input.personName}${input.reasonNote ? `. ${input.reasonNote}` : ''}`,
      actorId: ctx.actor.userId,
      sourceType: 'frontdesk_contact',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'frontdesk_contact',
      entityId: id,
      householdId: input.householdId,
    });
    return id;
  });
}

export async function listContacts(
  root: DbExecutor,
  ctx: RequestContext,
  q: { householdId?: string | undefined; limit: number },
): Promise<Contact[]> {
  if (!roleUsesFrontDesk(ctx.actor.role)) await refuse(root, ctx, { action: 'list', entityType: 'frontdesk_contact' });
  const rows = await listContactRows(root, {
    ...q,
    comuneIds: ctx.actor.comuneIds.length === 0 ? 'all' : ctx.actor.comuneIds,
  });
  await writeAudit(root, ctx, {
    action: 'list',
    entityType: 'frontdesk_contact',
    householdId: q.householdId ?? null,
    details: { returned: rows.map((r) => r.id) },
  });
  return rows.map(contactDto);
}

function referralDto(r: Awaited<ReturnType<typeof listReferralRows>>[number]): Referral {
  return {
    id: r.id,
    contactId: r.contact_id,
    householdId: r.household_id,
    householdCode: r.household_code,
    kind: r.kind as Referral['kind'],
    measureId: r.measure_id,
    measureName: r.measure_name,
    callId: r.call_id,
    callName: r.call_name,
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    applicationId: r.application_id,
    note: r.note,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
  };
}

function screeningDto(s: NonNullable<Awaited<ReturnType<typeof latestScreening>>>, durationMs?: number): Screening {
  return {
    id: s.id,
    contactId: s.contact_id,
    householdId: s.household_id,
    asOf: s.as_of,
    createdAt: s.created_at,
    ...(durationMs === undefined ? {} : { durationMs }),
    results: JSON.parse(s.results) as Screening['results'],
  };
}

export async function readContact(root: DbExecutor, ctx: RequestContext, id: string): Promise<ContactDetail> {
  const c = await contactForActor(root, ctx, id, 'read');
  const [q, s, referrals, bookings] = await Promise.all([
    latestQuestionnaire(root, id),
    latestScreening(root, id),
    listReferralRows(root, { contactId: id }),
    listContactBookings(root, id),
  ]);
  await writeAudit(root, ctx, {
    action: 'read',
    entityType: 'frontdesk_contact',
    entityId: id,
    householdId: c.household_id,
  });
  return {
    ...contactDto(c),
    answers: q ? (JSON.parse(q.answers) as ContactDetail['answers']) : null,
    screening: s ? screeningDto(s) : null,
    referrals: referrals.map(referralDto),
    bookings: bookings.map((b) => ({
      id: b.id,
      slotId: b.slot_id,
      householdId: b.household_id,
      householdCode: b.household_code,
      contactId: b.contact_id,
      purpose: b.purpose,
      bookedAt: b.booked_at,
      cancelledAt: b.cancelled_at,
    })),
  };
}

export async function saveQuestionnaire(
  root: DbExecutor,
  ctx: RequestContext,
  contactId: string,
  answers: z.output<typeof questionnaireAnswersSchema>,
): Promise<void> {
  const c = await contactForActor(root, ctx, contactId, 'questionnaire');
  await root.transaction().execute(async (db) => {
    await insertQuestionnaire(db, {
      id: newId(),
      contact_id: contactId,
      household_id: c.household_id,
      answers: JSON.stringify(answers),
      created_at: ctx.now.toISOString(),
      created_by: ctx.actor.userId,
    });
    await writeAudit(db, ctx, {
      action: 'questionnaire',
      entityType: 'frontdesk_contact',
      entityId: contactId,
      householdId: c.household_id,
    });
  });
}

/** Every active measure with its parameters in force on the day (one query each for measures and versions). */
export async function loadScreenableMeasures(db: DbExecutor, on: PlainDate): Promise<ScreenableMeasure[]> {
  const [measures, versions] = await Promise.all([listMeasureRows(db, true), listVersionRows(db)]);
  const byMeasure = new Map<string, typeof versions>();
  for (const v of versions) {
    const list = byMeasure.get(v.measure_id) ?? [];
    list.push(v);
    byMeasure.set(v.measure_id, list);
  }
  const out: ScreenableMeasure[] = [];
  for (const m of measures) {
    if (!isMeasureKind(m.kind)) continue;
    const v = versionOn(byMeasure.get(m.id) ?? [], on);
    if (!v) continue;
    out.push({
      id: m.id,
      code: m.code,
      name: m.name,
      legalBasis: m.legal_basis,
      kind: m.kind,
      validFrom: m.valid_from as PlainDate,
      validTo: m.valid_to as PlainDate | null,
      parameters: effectiveParameters(m.kind, JSON.parse(v.parameters) as Record<string, unknown>),
      parameterVersion: v.version,
    });
  }
  return out;
}

/** Screens a household on a day, reading everything it needs in a handful of queries. */
export async function screenHouseholdOn(
  db: DbExecutor,
  householdId: string,
  answers: QuestionnaireAnswers,
  on: PlainDate,
) {
  const [loaded, measures, calls] = await Promise.all([
    loadHouseholdSnapshot(db, householdId, on),
    loadScreenableMeasures(db, on),
    listOpenCalls(db, on),
  ]);
  if (!loaded) throw notFound('Il nucleo');
  const facts = householdFacts(loaded.snapshot, answers, on);
  const screenable: ScreenableCall[] = calls.map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
    opensOn: c.opens_on as PlainDate,
    closesOn: c.closes_on as PlainDate,
  }));
  return screenHousehold(facts, measures, screenable);
}

export async function screenContact(root: DbExecutor, ctx: RequestContext, contactId: string): Promise<Screening> {
  const c = await contactForActor(root, ctx, contactId, 'screen');
  const started = performance.now();
  const q = await latestQuestionnaire(root, contactId);
  const on = today(ctx);
  const results = await screenHouseholdOn(
    root,
    c.household_id,
    q ? (JSON.parse(q.answers) as QuestionnaireAnswers) : {},
    on,
  );
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  return root.transaction().execute(async (db) => {
    const id = newId();
    const row = {
      id,
      contact_id: contactId,
      household_id: c.household_id,
      as_of: on,
      results: JSON.stringify(results),
      created_at: ctx.now.toISOString(),
      created_by: ctx.actor.userId,
    };
    await insertScreening(db, row);
    await writeAudit(db, ctx, {
      action: 'screen',
      entityType: 'frontdesk_contact',
      entityId: contactId,
      householdId: c.household_id,
      details: { eligible: results.filter((r) => r.verdict === 'eligible').map((r) => r.code) },
    });
    return screeningDto(row, durationMs);
  });
}

export async function setContactOutcome(
  root: DbExecutor,
  ctx: RequestContext,
  contactId: string,
  input: z.output<typeof contactOutcomeInputSchema>,
) {
  const c = await contactForActor(root, ctx, contactId, 'outcome');
  await root.transaction().execute(async (db) => {
    await updateContactOutcome(db, contactId, input.outcome, input.outcomeNote);
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: c.household_id,
      at: ctx.now.toISOString(),
      kind: 'frontdesk_outcome',
      title: `Esito del contatto: ${CONTACT_OUTCOME_LABELS[input.outcome]}`,
      detail: input.outcomeNote,
      actorId: ctx.actor.userId,
      sourceType: 'frontdesk_contact',
      sourceId: contactId,
    });
    await writeAudit(db, ctx, {
      action: 'outcome',
      entityType: 'frontdesk_contact',
      entityId: contactId,
      householdId: c.household_id,
      details: { outcome: input.outcome },
    });
  });
}

/**
 * A referral: a measure application to start, a SAP call, an appointment, the social service, or a
 * partner organisation. A hand-over to a partner goes through the emergency area's referrals
 * (features/referrals: pending → accepted/declined/revoked, with the file shared while it lasts), in the
 * same transaction; the desk keeps its own record so the contact shows every hand-over.
 */
export async function addReferral(
  root: DbExecutor,
  ctx: RequestContext,
  contactId: string,
  input: z.output<typeof referralInputSchema>,
): Promise<string> {
  const c = await contactForActor(root, ctx, contactId, 'refer');
  return root.transaction().execute(async (db) => {
    let target = '';
    if (input.kind === 'application_draft') {
      if (!input.measureId)
        throw validationFailed([{ path: 'measureId', code: 'required', message: 'Indicare la misura.' }]);
      const m = await findMeasureRow(db, input.measureId);
      if (!m) throw notFound('La misura');
      target = m.name;
    } else if (input.kind === 'sap_call') {
      if (!input.callId || !(await callExists(db, input.callId))) {
        throw validationFailed([{ path: 'callId', code: 'required', message: 'Indicare un avviso esistente.' }]);
      }
    } else if (input.kind === 'partner') {
      if (!input.partnerId || !(await partnerExists(db, input.partnerId))) {
        throw validationFailed([
          { path: 'partnerId', code: 'required', message: 'Indicare un ente partner esistente.' },
        ]);
      }
    }
    let partnerReferralId: string | null = null;
    if (input.kind === 'partner' && input.partnerId) {
      partnerReferralId = await createReferral(db, ctx, {
        householdId: c.household_id,
        partnerId: input.partnerId,
        direction: 'to_partner',
        service: 'Accompagnamento dallo sportello',
        reason:
          input.note ??
          `Contatto allo sportello: ${CONTACT_REASON_LABELS[c.reason as keyof typeof CONTACT_REASON_LABELS]}`,
        legalBasis: 'public_task',
      });
    }
    const id = newId();
    const at = ctx.now.toISOString();
    await insertReferral(db, {
      id,
      contact_id: contactId,
      household_id: c.household_id,
      kind: input.kind,
      measure_id: input.kind === 'application_draft' ? (input.measureId ?? null) : null,
      call_id: input.kind === 'sap_call' ? (input.callId ?? null) : null,
      partner_id: input.kind === 'partner' ? (input.partnerId ?? null) : null,
      application_id: null,
      note: input.note,
      created_at: at,
      created_by: ctx.actor.userId,
    });
    await updateContactOutcome(db, contactId, 'referred', c.outcome_note);
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: c.household_id,
      at,
      kind: 'frontdesk_referral',
      title: `Invio: ${REFERRAL_KIND_LABELS[input.kind]}${target ? ` – ${target}` : ''}`,
      detail: input.note,
      actorId: ctx.actor.userId,
      sourceType: 'frontdesk_referral',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'refer',
      entityType: 'frontdesk_contact',
      entityId: contactId,
      householdId: c.household_id,
      details: { referralId: id, kind: input.kind, partnerId: input.partnerId ?? null, partnerReferralId },
    });
    return id;
  });
}

export async function listReferrals(root: DbExecutor, ctx: RequestContext): Promise<Referral[]> {
  const scope = referralScope(ctx.actor);
  if (scope.kind === 'none') await refuse(root, ctx, { action: 'list', entityType: 'frontdesk_referral' });
  const rows =
    scope.kind === 'partner'
      ? await listReferralRows(root, { partnerId: scope.partnerId })
      : await listReferralRows(root, { comuneIds: scope.kind === 'staff' ? scope.comuneIds : [] });
  await writeAudit(root, ctx, {
    action: 'list',
    entityType: 'frontdesk_referral',
    details: { returned: rows.map((r) => r.id) },
  });
  return rows.map(referralDto);
}

// ---- Appointment slots and bookings -----------------------------------------------------------

/**
 * Opens an appointment slot, or a weekly series of them at the same local time (summer time
 * included). A series is opened whole or not at all: one overlap refuses it, naming the day.
 */
export async function createSlot(
  root: DbExecutor,
  ctx: RequestContext,
  input: z.output<typeof slotInputSchema>,
): Promise<string[]> {
  if (!roleUsesFrontDesk(ctx.actor.role)) await refuse(root, ctx, { action: 'create', entityType: 'appointment_slot' });
  const operatorId = input.operatorId ?? ctx.actor.userId;
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  const weeks = input.repeatWeeks ?? 1;
  return root.transaction().execute(async (db) => {
    if (!(await userExists(db, operatorId)))
      throw validationFailed([{ path: 'operatorId', code: 'unknown', message: 'Operatore sconosciuto.' }]);
    const ids: string[] = [];
    for (let w = 0; w < weeks; w++) {
      const startsAt = addLocalDays(start, 7 * w, TIME_ZONE).toISOString();
      const endsAt = addLocalDays(end, 7 * w, TIME_ZONE).toISOString();
      if (await slotTaken(db, operatorId, startsAt, endsAt)) {
        const day = formatPlainDateIt(plainDateOf(new Date(startsAt), TIME_ZONE));
        throw new AppError(
          409,
          'CONFLICT',
          weeks === 1
            ? 'L’operatore ha già una fascia che si sovrappone a questa.'
            : `L’operatore ha già una fascia che si sovrappone a quella del ${day}: nessuna fascia della serie è stata aperta.`,
        );
      }
      const id = newId();
      await insertSlot(db, {
        id,
        operator_id: operatorId,
        starts_at: startsAt,
        ends_at: endsAt,
        place: input.place,
        created_at: ctx.now.toISOString(),
        created_by: ctx.actor.userId,
      });
      ids.push(id);
    }
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'appointment_slot',
      entityId: ids[0] ?? null,
      details: weeks > 1 ? { weeks, ids } : undefined,
    });
    return ids;
  });
}

export async function calendar(
  root: DbExecutor,
  ctx: RequestContext,
  q: { from: PlainDate; to: PlainDate; operatorId?: string | undefined },
): Promise<Slot[]> {
  if (!roleUsesFrontDesk(ctx.actor.role))
    await refuse(root, ctx, { action: 'calendar', entityType: 'appointment_slot' });
  const toExclusive = new Date(`${q.to}T00:00:00Z`);
  toExclusive.setUTCDate(toExclusive.getUTCDate() + 2);
  const from = new Date(`${q.from}T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - 1);
  const { slots, bookings } = await listSlotRows(root, {
    fromAt: from.toISOString(),
    toAt: toExclusive.toISOString(),
    operatorId: q.operatorId,
  });
  const bySlot = new Map(bookings.map((b) => [b.slot_id, b]));
  await writeAudit(root, ctx, {
    action: 'calendar',
    entityType: 'appointment_slot',
    details: { from: q.from, to: q.to, bookings: bookings.length },
  });
  return slots.map((s) => {
    const b = bySlot.get(s.id);
    // A booking shows its household only to staff of that household's Comune.
    const visible = b && inComuneScope(ctx.actor, b.comune_id);
    return {
      id: s.id,
      operatorId: s.operator_id,
      operatorName: s.operator_name,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      place: s.place,
      booking: b
        ? {
            id: b.id,
            slotId: b.slot_id,
            householdId: visible ? b.household_id : '',
            householdCode: visible ? b.household_code : 'Prenotato',
            contactId: visible ? b.contact_id : null,
            purpose: visible ? b.purpose : '',
            bookedAt: b.booked_at,
            cancelledAt: b.cancelled_at,
          }
        : null,
    };
  });
}

export async function bookSlot(
  root: DbExecutor,
  ctx: RequestContext,
  input: z.output<typeof bookingInputSchema>,
): Promise<string> {
  await authoriseHousehold(root, ctx, input.householdId, (h) => canUseDesk(ctx.actor, h), {
    action: 'book',
    entityType: 'appointment_slot',
    entityId: input.slotId,
  });
  return root.transaction().execute(async (db) => {
    const slot = await findSlotRow(db, input.slotId);
    if (!slot) throw notFound('La fascia');
    if (slot.starts_at < ctx.now.toISOString()) throw new AppError(409, 'CONFLICT', 'La fascia è già passata.');
    if (await liveBookingOfSlot(db, slot.id))
      throw new AppError(409, 'CONFLICT', 'La fascia è già prenotata: sceglierne un’altra.');
    const id = newId();
    const at = ctx.now.toISOString();
    await insertBooking(db, {
      id,
      slot_key: slot.id,
      slot_id: slot.id,
      household_id: input.householdId,
      contact_id: input.contactId ?? null,
      purpose: input.purpose,
      booked_at: at,
      booked_by: ctx.actor.userId,
      cancelled_at: null,
    });
    if (input.contactId) await updateContactOutcome(db, input.contactId, 'appointment_booked', null);
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: input.householdId,
      at,
      kind: 'appointment_booked',
      title: `Appuntamento fissato per il ${new Intl.DateTimeFormat('it-IT', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(new Date(slot.starts_at))}`,
      detail: `${input.purpose} – ${slot.place}`,
      actorId: ctx.actor.userId,
      sourceType: 'appointment_booking',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'book',
      entityType: 'appointment_slot',
      entityId: slot.id,
      householdId: input.householdId,
      details: { bookingId: id },
    });
    return id;
  });
}

export async function cancelBooking(root: DbExecutor, ctx: RequestContext, bookingId: string): Promise<void> {
  const b = await findBookingRow(root, bookingId);
  if (!b) throw notFound('La prenotazione');
  await authoriseHousehold(root, ctx, b.household_id, (h) => canUseDesk(ctx.actor, h), {
    action: 'cancel_booking',
    entityType: 'appointment_slot',
    entityId: b.slot_id,
  });
  await root.transaction().execute(async (db) => {
    await cancelBookingRow(db, b.id, b.slot_id, ctx.now.toISOString());
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: b.household_id,
      at: ctx.now.toISOString(),
      kind: 'appointment_cancelled',
      title: 'Appuntamento annullato',
      detail: b.purpose,
      actorId: ctx.actor.userId,
      sourceType: 'appointment_booking',
      sourceId: b.id,
    });
    await writeAudit(db, ctx, {
      action: 'cancel_booking',
      entityType: 'appointment_slot',
      entityId: b.slot_id,
      householdId: b.household_id,
    });
  });
}

export async function listPartners(root: DbExecutor, ctx: RequestContext) {
  if (!roleUsesFrontDesk(ctx.actor.role)) await refuse(root, ctx, { action: 'list', entityType: 'partner' });
  return listPartnerRows(root);
}
