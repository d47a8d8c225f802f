import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, okSchema } from '../../../shared/common.js';
import {
  bookingInputSchema,
  calendarQuerySchema,
  calendarSchema,
  contactDetailSchema,
  contactInputSchema,
  contactListQuerySchema,
  contactListSchema,
  contactOutcomeInputSchema,
  partnerListSchema,
  questionnaireAnswersSchema,
  referralInputSchema,
  referralListSchema,
  screeningSchema,
  slotInputSchema,
  slotsCreatedSchema,
} from '../../../shared/frontdesk.js';
import { errorResponses, requestContext, type App } from '../../http/route-kit.js';
import {
  addReferral,
  bookSlot,
  calendar,
  cancelBooking,
  createContact,
  createSlot,
  listContacts,
  listPartners,
  listReferrals,
  readContact,
  saveQuestionnaire,
  screenContact,
  setContactOutcome,
} from './frontdesk.actions.js';

const idParams = z.object({ id: idSchema });
const errors = errorResponses;
const idResult = z.object({ id: z.string() });

export function registerFrontdeskRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['frontdesk'];

  r.get(
    '/frontdesk/contacts',
    {
      schema: {
        tags,
        summary: 'Recent desk contacts (of a household, optionally)',
        querystring: contactListQuerySchema,
        response: { 200: contactListSchema, ...errors },
      },
    },
    async (req) => ({ items: await listContacts(db.kysely, requestContext(req, now), req.query) }),
  );
  r.post(
    '/frontdesk/contacts',
    {
      schema: {
        tags,
        summary: 'Record a contact: who, when, channel, reason',
        body: contactInputSchema,
        response: { 201: contactDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      const id = await createContact(db.kysely, ctx, req.body);
      return reply.status(201).send(await readContact(db.kysely, ctx, id));
    },
  );
  r.get(
    '/frontdesk/contacts/:id',
    {
      schema: {
        tags,
        summary: 'A contact with questionnaire, latest screening, referrals and bookings',
        params: idParams,
        response: { 200: contactDetailSchema, ...errors },
      },
    },
    async (req) => readContact(db.kysely, requestContext(req, now), req.params.id),
  );
  r.put(
    '/frontdesk/contacts/:id/questionnaire',
    {
      schema: {
        tags,
        summary: 'Save the needs questionnaire',
        params: idParams,
        body: questionnaireAnswersSchema,
        response: { 200: contactDetailSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await saveQuestionnaire(db.kysely, ctx, req.params.id, req.body);
      return readContact(db.kysely, ctx, req.params.id);
    },
  );
  r.post(
    '/frontdesk/contacts/:id/screening',
    {
      schema: {
        tags,
        summary: 'Screen the household against every active measure and open SAP call',
        params: idParams,
        response: { 201: screeningSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await screenContact(db.kysely, requestContext(req, now), req.params.id)),
  );
  r.put(
    '/frontdesk/contacts/:id/outcome',
    {
      schema: {
        tags,
        summary: 'Record the contact’s outcome',
        params: idParams,
        body: contactOutcomeInputSchema,
        response: { 200: contactDetailSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await setContactOutcome(db.kysely, ctx, req.params.id, req.body);
      return readContact(db.kysely, ctx, req.params.id);
    },
  );
  r.post(
    '/frontdesk/contacts/:id/referrals',
    {
      schema: {
        tags,
        summary: 'Refer the household (measure, SAP call, appointment, social worker, partner)',
        params: idParams,
        body: referralInputSchema,
        response: { 201: contactDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      await addReferral(db.kysely, ctx, req.params.id, req.body);
      return reply.status(201).send(await readContact(db.kysely, ctx, req.params.id));
    },
  );
  r.get(
    '/frontdesk/referrals',
    {
      schema: {
        tags,
        summary: 'Referrals (a partner sees only those to its organisation)',
        response: { 200: referralListSchema, ...errors },
      },
    },
    async (req) => ({ items: await listReferrals(db.kysely, requestContext(req, now)) }),
  );
  r.get(
    '/frontdesk/partners',
    {
      schema: {
        tags,
        summary: 'Partner organisations a household can be referred to',
        response: { 200: partnerListSchema, ...errors },
      },
    },
    async (req) => ({ items: await listPartners(db.kysely, requestContext(req, now)) }),
  );
  r.get(
    '/frontdesk/calendar',
    {
      schema: {
        tags,
        summary: 'Appointment slots with their bookings',
        querystring: calendarQuerySchema,
        response: { 200: calendarSchema, ...errors },
      },
    },
    async (req) => ({ items: await calendar(db.kysely, requestContext(req, now), req.query) }),
  );
  r.post(
    '/frontdesk/slots',
    {
      schema: {
        tags,
        summary: 'Open an appointment slot for an operator, or a weekly series of them (repeatWeeks)',
        body: slotInputSchema,
        response: { 201: slotsCreatedSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ids = await createSlot(db.kysely, requestContext(req, now), req.body);
      return reply.status(201).send({ id: ids[0] ?? '', ids });
    },
  );
  r.post(
    '/frontdesk/bookings',
    {
      schema: {
        tags,
        summary: 'Book a slot for a household',
        body: bookingInputSchema,
        response: { 201: idResult, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await bookSlot(db.kysely, requestContext(req, now), req.body) }),
  );
  r.delete(
    '/frontdesk/bookings/:id',
    {
      schema: {
        tags,
        summary: 'Cancel a booking (the slot becomes free)',
        params: idParams,
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await cancelBooking(db.kysely, requestContext(req, now), req.params.id);
      return { ok: true as const };
    },
  );
}
