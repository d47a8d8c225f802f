import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  callDetailSchema,
  callInputSchema,
  callListSchema,
  callUnitsInputSchema,
  candidateUnitsQuerySchema,
  candidateUnitsSchema,
} from '../../../shared/calls.js';
import { idSchema } from '../../../shared/common.js';
import { requestContext, type App, errorResponses } from '../../http/route-kit.js';
import {
  addCallUnits,
  createCall,
  listCallCandidates,
  listCallSummaries,
  readCall,
  removeCallUnit,
} from './calls.actions.js';

const idParams = z.object({ id: idSchema });
const errors = errorResponses;

export function registerCallRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['calls'];

  r.get(
    '/calls',
    {
      schema: {
        tags,
        summary: 'The SAP calls (avvisi) of the Ambito, newest first',
        response: { 200: callListSchema, ...errors },
      },
    },
    async (req) => ({ items: await listCallSummaries(db.kysely, requestContext(req, now)) }),
  );

  r.post(
    '/calls',
    {
      schema: {
        tags,
        summary: 'Create a call: the window must last at least 30 days (RR 4/2017 art. 8 c.2)',
        body: callInputSchema,
        response: { 201: callDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      const id = await createCall(db.kysely, ctx, req.body);
      return reply.status(201).send(await readCall(db.kysely, ctx, id));
    },
  );

  r.get(
    '/calls/:id',
    {
      schema: {
        tags,
        summary: 'The call page: units offered with adequacy bands, quotas and deadlines',
        params: idParams,
        response: { 200: callDetailSchema, ...errors },
      },
    },
    async (req) => readCall(db.kysely, requestContext(req, now), req.params.id),
  );

  r.get(
    '/calls/:id/candidate-units',
    {
      schema: {
        tags,
        summary: 'Units of the Ambito the call could still offer (same programme, not assigned)',
        params: idParams,
        querystring: candidateUnitsQuerySchema,
        response: { 200: candidateUnitsSchema, ...errors },
      },
    },
    async (req) => listCallCandidates(db.kysely, requestContext(req, now), req.params.id, req.query),
  );

  r.post(
    '/calls/:id/units',
    {
      schema: {
        tags,
        summary: 'Add units to the call (units already offered are left as they are)',
        params: idParams,
        body: callUnitsInputSchema,
        response: { 200: callDetailSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await addCallUnits(db.kysely, ctx, req.params.id, req.body.unitIds);
      return readCall(db.kysely, ctx, req.params.id);
    },
  );

  r.delete(
    '/calls/:id/units/:unitId',
    {
      schema: {
        tags,
        summary: 'Remove a unit from the call (refused when an application chose it)',
        params: z.object({ id: idSchema, unitId: idSchema }),
        response: { 200: callDetailSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await removeCallUnit(db.kysely, ctx, req.params.id, req.params.unitId);
      return readCall(db.kysely, ctx, req.params.id);
    },
  );
}
