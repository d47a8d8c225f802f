import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, requiredText } from '../../../shared/common.js';
import {
  householdDetailSchema,
  householdInputSchema,
  householdSearchQuerySchema,
  householdSearchResultSchema,
  householdUpdateSchema,
  iseeInputSchema,
  noteInputSchema,
  vulnerabilityInputSchema,
} from '../../../shared/households.js';
import { deny, requestContext, type App, errorResponses } from '../../http/route-kit.js';
import { writeAudit } from '../audit/audit.queries.js';
import { canSearchHouseholds, householdScope } from './households.access.js';
import {
  addIsee,
  addNote,
  addVulnerability,
  createHousehold,
  readHousehold,
  removeVulnerability,
  shareWithPartner,
  updateHousehold,
} from './households.actions.js';
import { searchHouseholds } from './households.queries.js';

const idParams = z.object({ id: idSchema });
const errors = errorResponses;

export function registerHouseholdRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['households'];

  r.get(
    '/households',
    {
      schema: {
        tags,
        summary: 'Search households by surname, fiscal code or address',
        querystring: householdSearchQuerySchema,
        response: { 200: householdSearchResultSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      if (!canSearchHouseholds(ctx.actor)) await deny(app, ctx, { action: 'search', entityType: 'household' });
      const result = await searchHouseholds(db.kysely, householdScope(ctx.actor), req.query);
      // A search shows names and fiscal codes: it is a read of personal data, recorded with what it returned.
      await writeAudit(db.kysely, ctx, {
        action: 'search',
        entityType: 'household',
        details: {
          q: req.query.q ?? null,
          comuneId: req.query.comuneId ?? null,
          returned: result.items.map((i) => i.id),
        },
      });
      return result;
    },
  );

  r.post(
    '/households',
    {
      schema: {
        tags,
        summary: 'Create a household with its members',
        body: householdInputSchema,
        response: { 201: householdDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      const id = await createHousehold(db.kysely, ctx, req.body);
      return reply.status(201).send(await readHousehold(db.kysely, ctx, id));
    },
  );

  r.get(
    '/households/:id',
    {
      schema: {
        tags,
        summary: 'The household file: members, ISEE, vulnerabilities, notes, timeline',
        params: idParams,
        response: { 200: householdDetailSchema, ...errors },
      },
    },
    async (req) => readHousehold(db.kysely, requestContext(req, now), req.params.id),
  );

  r.put(
    '/households/:id',
    {
      schema: {
        tags,
        summary: 'Update a household and its members (members without id are added, missing ones removed)',
        params: idParams,
        body: householdUpdateSchema,
        response: { 200: householdDetailSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await updateHousehold(db.kysely, ctx, req.params.id, req.body);
      return readHousehold(db.kysely, ctx, req.params.id);
    },
  );

  r.post(
    '/households/:id/isee',
    {
      schema: {
        tags,
        summary: 'Record an ISEE attestation (must be in force)',
        params: idParams,
        body: iseeInputSchema,
        response: { 201: householdDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      await addIsee(db.kysely, ctx, req.params.id, req.body);
      return reply.status(201).send(await readHousehold(db.kysely, ctx, req.params.id));
    },
  );

  r.post(
    '/households/:id/vulnerabilities',
    {
      schema: {
        tags,
        summary: 'Record a vulnerability of the household',
        params: idParams,
        body: vulnerabilityInputSchema,
        response: { 201: householdDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      await addVulnerability(db.kysely, ctx, req.params.id, req.body);
      return reply.status(201).send(await readHousehold(db.kysely, ctx, req.params.id));
    },
  );

  r.delete(
    '/households/:id/vulnerabilities/:vulnerabilityId',
    {
      schema: {
        tags,
        summary: 'Remove a vulnerability that no longer applies (kept in the timeline and audit log)',
        params: z.object({ id: idSchema, vulnerabilityId: idSchema }),
        response: { 200: householdDetailSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await removeVulnerability(db.kysely, ctx, req.params.id, req.params.vulnerabilityId);
      return readHousehold(db.kysely, ctx, req.params.id);
    },
  );

  r.post(
    '/households/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a note; audience "social" is readable by social workers and managers only',
        params: idParams,
        body: noteInputSchema,
        response: { 201: householdDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      await addNote(db.kysely, ctx, req.params.id, req.body);
      return reply.status(201).send(await readHousehold(db.kysely, ctx, req.params.id));
    },
  );

  r.post(
    '/households/:id/shares',
    {
      schema: {
        tags,
        summary: 'Share the household file with a partner organisation',
        params: idParams,
        body: z.object({ partnerId: idSchema, reason: requiredText('Motivo della condivisione', 500) }),
        response: { 201: householdDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      await shareWithPartner(db.kysely, ctx, req.params.id, req.body);
      return reply.status(201).send(await readHousehold(db.kysely, ctx, req.params.id));
    },
  );
}
