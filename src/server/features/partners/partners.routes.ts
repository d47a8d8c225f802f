import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/common.js';
import {
  agreementInputSchema,
  contactInputSchema,
  locationInputSchema,
  partnerDetailSchema,
  partnerInputSchema,
  partnerListSchema,
} from '../../../shared/partners.js';
import { errorResponses, requestContext, type App } from '../../http/route-kit.js';
import {
  addAgreement,
  addContact,
  addLocation,
  createPartner,
  listPartners,
  readPartner,
  updatePartner,
} from './partners.actions.js';

const idParams = z.object({ id: idSchema });

export function registerPartnerRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['partners'];
  const detail = { 200: partnerDetailSchema, ...errorResponses };

  r.get(
    '/partners',
    {
      schema: {
        tags,
        summary: 'Partner organisations (a partner user sees its own only)',
        response: { 200: partnerListSchema, ...errorResponses },
      },
    },
    async (req) => ({ items: await listPartners(db.kysely, requestContext(req, now)) }),
  );
  r.post(
    '/partners',
    {
      schema: {
        tags,
        summary: 'Add a partner organisation',
        body: partnerInputSchema,
        response: { 201: partnerDetailSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      const id = await createPartner(db.kysely, ctx, req.body);
      return reply.status(201).send(await readPartner(db.kysely, ctx, id));
    },
  );
  r.get(
    '/partners/:id',
    {
      schema: {
        tags,
        summary: 'A partner with contacts, locations, agreements and units',
        params: idParams,
        response: detail,
      },
    },
    async (req) => readPartner(db.kysely, requestContext(req, now), req.params.id),
  );
  r.put(
    '/partners/:id',
    {
      schema: {
        tags,
        summary: 'Update a partner organisation',
        params: idParams,
        body: partnerInputSchema,
        response: detail,
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await updatePartner(db.kysely, ctx, req.params.id, req.body);
      return readPartner(db.kysely, ctx, req.params.id);
    },
  );
  r.post(
    '/partners/:id/contacts',
    { schema: { tags, summary: 'Add a contact person', params: idParams, body: contactInputSchema, response: detail } },
    async (req) => {
      const ctx = requestContext(req, now);
      await addContact(db.kysely, ctx, req.params.id, req.body);
      return readPartner(db.kysely, ctx, req.params.id);
    },
  );
  r.post(
    '/partners/:id/locations',
    { schema: { tags, summary: 'Add a location', params: idParams, body: locationInputSchema, response: detail } },
    async (req) => {
      const ctx = requestContext(req, now);
      await addLocation(db.kysely, ctx, req.params.id, req.body);
      return readPartner(db.kysely, ctx, req.params.id);
    },
  );
  r.post(
    '/partners/:id/agreements',
    {
      schema: {
        tags,
        summary: 'Add an agreement (convenzione)',
        params: idParams,
        body: agreementInputSchema,
        response: detail,
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await addAgreement(db.kysely, ctx, req.params.id, req.body);
      return readPartner(db.kysely, ctx, req.params.id);
    },
  );
}
