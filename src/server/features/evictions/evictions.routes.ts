import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/common.js';
import {
  evictionAssignmentSchema,
  evictionDetailSchema,
  evictionDetailsInputSchema,
  evictionEventInputSchema,
  evictionInputSchema,
  evictionListQuerySchema,
  evictionListSchema,
  evictionStatisticsSchema,
  historyImportSchema,
} from '../../../shared/evictions.js';
import { errorResponses, requestContext, type App } from '../../http/route-kit.js';
import {
  addEvictionEvent,
  assignSocialWorker,
  correctEvictionDetails,
  createEviction,
  evictionStatistics,
  importHistory,
  listEvictions,
  readEviction,
} from './evictions.actions.js';

const idParams = z.object({ id: idSchema });

export function registerEvictionRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['evictions'];

  r.get(
    '/evictions',
    {
      schema: {
        tags,
        summary: 'Eviction procedures, filtered by stage, status, reason or household',
        querystring: evictionListQuerySchema,
        response: { 200: evictionListSchema, ...errorResponses },
      },
    },
    async (req) => ({ items: await listEvictions(db.kysely, requestContext(req, now), req.query) }),
  );

  r.post(
    '/evictions',
    {
      schema: {
        tags,
        summary: 'Register an eviction procedure for a household',
        body: evictionInputSchema,
        response: { 201: evictionDetailSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      const id = await createEviction(db.kysely, ctx, req.body);
      return reply.status(201).send(await readEviction(db.kysely, ctx, id));
    },
  );

  r.get(
    '/evictions/statistics',
    {
      schema: {
        tags,
        summary: 'Yearly statistics in the Ministry of the Interior’s terms, with imported history',
        querystring: z.object({ scope: z.string().trim().min(1).max(100).optional() }),
        response: { 200: evictionStatisticsSchema, ...errorResponses },
      },
    },
    async (req) => evictionStatistics(db.kysely, requestContext(req, now), req.query.scope),
  );

  r.post(
    '/evictions/history',
    {
      schema: {
        tags,
        summary: 'Import historical yearly totals (all rows or none; a year already present is replaced)',
        body: historyImportSchema,
        response: { 200: evictionStatisticsSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await importHistory(db.kysely, ctx, req.body);
      return evictionStatistics(db.kysely, ctx, req.body.scope);
    },
  );

  r.get(
    '/evictions/:id',
    {
      schema: {
        tags,
        summary: 'One procedure with its events, derived status, next allowed steps and alerts',
        params: idParams,
        response: { 200: evictionDetailSchema, ...errorResponses },
      },
    },
    async (req) => readEviction(db.kysely, requestContext(req, now), req.params.id),
  );

  r.post(
    '/evictions/:id/events',
    {
      schema: {
        tags,
        summary: 'Record the next stage (refused when the transition table does not allow it)',
        params: idParams,
        body: evictionEventInputSchema,
        response: { 201: evictionDetailSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      await addEvictionEvent(db.kysely, ctx, req.params.id, req.body);
      return reply.status(201).send(await readEviction(db.kysely, ctx, req.params.id));
    },
  );

  r.put(
    '/evictions/:id/details',
    {
      schema: {
        tags,
        summary: 'Correct the procedure’s data (address, court, case number, landlord, motive, arrears, report)',
        description:
          'The stages are events and are not changed here. The report date may not follow a recorded stage ' +
          '(`date_after_events`); a page showing an older version gets 409 `STALE_VERSION`.',
        params: idParams,
        body: evictionDetailsInputSchema,
        response: { 200: evictionDetailSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await correctEvictionDetails(db.kysely, ctx, req.params.id, req.body);
      return readEviction(db.kysely, ctx, req.params.id);
    },
  );

  r.put(
    '/evictions/:id/social-worker',
    {
      schema: {
        tags,
        summary: 'Assign (or remove) the social worker who follows the procedure',
        params: idParams,
        body: evictionAssignmentSchema,
        response: { 200: evictionDetailSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await assignSocialWorker(db.kysely, ctx, req.params.id, req.body);
      return readEviction(db.kysely, ctx, req.params.id);
    },
  );
}
