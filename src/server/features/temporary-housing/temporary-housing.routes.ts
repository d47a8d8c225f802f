import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, plainDateSchema } from '../../../shared/common.js';
import {
  conflictFollowUpSchema,
  conflictInputSchema,
  emergencySettingsInputSchema,
  emergencySettingsSchema,
  exitInputSchema,
  exitPlanInputSchema,
  occupancyViewSchema,
  paymentInputSchema,
  placementDetailSchema,
  placementInputSchema,
  placementListQuerySchema,
  placementListSchema,
  renewalInputSchema,
  reportInputSchema,
  selectionListSchema,
  temporaryUnitInputSchema,
  temporaryUnitSchema,
} from '../../../shared/temporary-housing.js';
import { errorResponses, requestContext, type App } from '../../http/route-kit.js';
import {
  createPlacement,
  createUnit,
  fileReport,
  followUpConflict,
  listPlacements,
  logConflict,
  occupancy,
  readPlacement,
  readUnit,
  recordExit,
  recordPayment,
  renewPlacement,
  selectionList,
  setExitPlan,
} from './temporary-housing.actions.js';
import { changeEmergencySettings, readEmergencySettings } from './emergency-settings.js';

const idParams = z.object({ id: idSchema });
const onQuery = z.object({ on: plainDateSchema.optional() });

export function registerTemporaryHousingRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['temporary-housing'];
  const detail = { 200: placementDetailSchema, ...errorResponses };
  const created = { 201: placementDetailSchema, ...errorResponses };

  r.get(
    '/emergency-settings',
    {
      schema: {
        tags,
        summary: 'Stay durations (per kind of stay) and work-list alert windows in force, with the defaults',
        response: { 200: emergencySettingsSchema, ...errorResponses },
      },
    },
    async (req) => readEmergencySettings(db.kysely, requestContext(req, now)),
  );
  r.put(
    '/emergency-settings',
    {
      schema: {
        tags,
        summary: 'Change the stay durations and alert windows (managers, administrators)',
        description:
          'They apply to new stays, to renewals decided from now, and to the work list; a SAT stay never ' +
          'goes past 60 months. Inconsistent values are refused at their path; a stale page gets 409 `STALE_VERSION`.',
        body: emergencySettingsInputSchema,
        response: { 200: emergencySettingsSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await changeEmergencySettings(db.kysely, ctx, req.body);
      return readEmergencySettings(db.kysely, ctx);
    },
  );

  r.get(
    '/temporary-housing/occupancy',
    {
      schema: {
        tags,
        summary: 'Occupancy per unit and partner on a day',
        querystring: onQuery,
        response: { 200: occupancyViewSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      return req.query.on ? occupancy(db.kysely, ctx, req.query.on) : occupancy(db.kysely, ctx);
    },
  );
  r.post(
    '/temporary-units',
    {
      schema: {
        tags,
        summary: 'Add a temporary unit run by a partner',
        body: temporaryUnitInputSchema,
        response: { 201: z.object({ id: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await createUnit(db.kysely, requestContext(req, now), req.body) }),
  );
  r.get(
    '/temporary-units/:id',
    {
      schema: {
        tags,
        summary: 'A unit with its occupancy and stays',
        params: idParams,
        response: {
          200: z.object({ unit: temporaryUnitSchema, placements: placementListSchema.shape.items }),
          ...errorResponses,
        },
      },
    },
    async (req) => readUnit(db.kysely, requestContext(req, now), req.params.id),
  );
  r.get(
    '/temporary-units/:id/selection',
    {
      schema: {
        tags,
        summary: 'Followed households that fit a free place, ranked with the temporary-housing points scheme',
        params: idParams,
        querystring: z.object({ asOf: plainDateSchema.optional() }),
        response: { 200: selectionListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      return req.query.asOf
        ? selectionList(db.kysely, ctx, req.params.id, req.query.asOf)
        : selectionList(db.kysely, ctx, req.params.id);
    },
  );
  r.get(
    '/placements',
    {
      schema: {
        tags,
        summary: 'Stays (a partner sees those in its units only)',
        querystring: placementListQuerySchema,
        response: { 200: placementListSchema, ...errorResponses },
      },
    },
    async (req) => ({ items: await listPlacements(db.kysely, requestContext(req, now), req.query) }),
  );
  r.post(
    '/placements',
    {
      schema: {
        tags,
        summary: 'Place a household in a temporary unit (capacity, dates and target group checked)',
        body: placementInputSchema,
        response: created,
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      const id = await createPlacement(db.kysely, ctx, req.body);
      return reply.status(201).send(await readPlacement(db.kysely, ctx, id));
    },
  );
  r.get(
    '/placements/:id',
    {
      schema: {
        tags,
        summary: 'A stay with renewals, co-payments, reports, conflicts and alerts',
        params: idParams,
        response: detail,
      },
    },
    async (req) => readPlacement(db.kysely, requestContext(req, now), req.params.id),
  );
  const post = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (ctx: ReturnType<typeof requestContext>, id: string, input: z.infer<B>) => Promise<void>,
  ) =>
    r.post(path, { schema: { tags, summary, params: idParams, body, response: created } }, async (req, reply) => {
      const ctx = requestContext(req, now);
      await run(ctx, req.params.id, req.body as z.infer<B>);
      return reply.status(201).send(await readPlacement(db.kysely, ctx, req.params.id));
    });
  post(
    '/placements/:id/renewals',
    'Renew the stay (within the allowed count and longest stay)',
    renewalInputSchema,
    (ctx, id, b) => renewPlacement(db.kysely, ctx, id, b),
  );
  post('/placements/:id/payments', 'Record a co-payment actually paid', paymentInputSchema, (ctx, id, b) =>
    recordPayment(db.kysely, ctx, id, b),
  );
  post(
    '/placements/:id/reports',
    'File the educator’s periodic report (refused once the stay has ended)',
    reportInputSchema,
    (ctx, id, b) => fileReport(db.kysely, ctx, id, b),
  );
  post('/placements/:id/conflicts', 'Log a cohabitation conflict', conflictInputSchema, (ctx, id, b) =>
    logConflict(db.kysely, ctx, id, b),
  );
  post('/placements/:id/exit-plan', 'Set the exit plan', exitPlanInputSchema, (ctx, id, b) =>
    setExitPlan(db.kysely, ctx, id, b),
  );
  post('/placements/:id/exit', 'Record the exit and where the household went', exitInputSchema, (ctx, id, b) =>
    recordExit(db.kysely, ctx, id, b),
  );
  r.put(
    '/placements/:id/conflicts/:conflictId',
    {
      schema: {
        tags,
        summary: 'Follow-up of a conflict',
        params: z.object({ id: idSchema, conflictId: idSchema }),
        body: conflictFollowUpSchema,
        response: detail,
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await followUpConflict(db.kysely, ctx, req.params.id, req.params.conflictId, req.body);
      return readPlacement(db.kysely, ctx, req.params.id);
    },
  );
}
