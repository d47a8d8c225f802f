import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/common.js';
import {
  actionInputSchema,
  actionStatusSchema,
  closeInputSchema,
  goalInputSchema,
  planDetailSchema,
  planInputSchema,
  planListSchema,
  reviewInputSchema,
} from '../../../shared/plans.js';
import { errorResponses, requestContext, type App } from '../../http/route-kit.js';
import {
  addAction,
  addGoal,
  addReview,
  closePlan,
  createPlan,
  listPlans,
  moveAction,
  readPlan,
} from './plans.actions.js';

const idParams = z.object({ id: idSchema });

export function registerPlanRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['plans'];
  const detail = { 200: planDetailSchema, ...errorResponses };

  r.get(
    '/plans',
    {
      schema: {
        tags,
        summary: 'Accompaniment plans (status derived from the actions)',
        querystring: z.object({ householdId: idSchema.optional() }),
        response: { 200: planListSchema, ...errorResponses },
      },
    },
    async (req) => ({ items: await listPlans(db.kysely, requestContext(req, now), req.query) }),
  );
  r.post(
    '/plans',
    {
      schema: {
        tags,
        summary: 'Open a plan with goals and the team',
        body: planInputSchema,
        response: { 201: planDetailSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      const id = await createPlan(db.kysely, ctx, req.body);
      return reply.status(201).send(await readPlan(db.kysely, ctx, id));
    },
  );
  r.get('/plans/:id', { schema: { tags, summary: 'One plan', params: idParams, response: detail } }, async (req) =>
    readPlan(db.kysely, requestContext(req, now), req.params.id),
  );
  r.post(
    '/plans/:id/goals',
    { schema: { tags, summary: 'Add a goal', params: idParams, body: goalInputSchema, response: detail } },
    async (req) => {
      const ctx = requestContext(req, now);
      await addGoal(db.kysely, ctx, req.params.id, req.body.description);
      return readPlan(db.kysely, ctx, req.params.id);
    },
  );
  r.post(
    '/plans/:id/actions',
    { schema: { tags, summary: 'Add an action', params: idParams, body: actionInputSchema, response: detail } },
    async (req) => {
      const ctx = requestContext(req, now);
      await addAction(db.kysely, ctx, req.params.id, req.body);
      return readPlan(db.kysely, ctx, req.params.id);
    },
  );
  r.put(
    '/plans/:id/actions/:actionId',
    {
      schema: {
        tags,
        summary: 'Change an action’s status',
        params: z.object({ id: idSchema, actionId: idSchema }),
        body: actionStatusSchema,
        response: detail,
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await moveAction(db.kysely, ctx, req.params.id, req.params.actionId, req.body);
      return readPlan(db.kysely, ctx, req.params.id);
    },
  );
  r.post(
    '/plans/:id/reviews',
    { schema: { tags, summary: 'Record a review', params: idParams, body: reviewInputSchema, response: detail } },
    async (req) => {
      const ctx = requestContext(req, now);
      await addReview(db.kysely, ctx, req.params.id, req.body);
      return readPlan(db.kysely, ctx, req.params.id);
    },
  );
  r.post(
    '/plans/:id/close',
    { schema: { tags, summary: 'Close the plan', params: idParams, body: closeInputSchema, response: detail } },
    async (req) => {
      const ctx = requestContext(req, now);
      await closePlan(db.kysely, ctx, req.params.id, req.body.closedOn);
      return readPlan(db.kysely, ctx, req.params.id);
    },
  );
}
