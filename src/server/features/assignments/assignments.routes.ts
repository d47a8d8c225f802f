import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignmentBoardSchema,
  assignmentEventInputSchema,
  assignmentRunResultSchema,
  assignmentStateSchema,
} from '../../../shared/assignments.js';
import { idSchema } from '../../../shared/common.js';
import { requestContext, type App, errorResponses } from '../../http/route-kit.js';
import { confirmProposal, readAssignmentBoard, recordAssignmentEvent, runAssignment } from './assignments.actions.js';

const errors = errorResponses;

export function registerAssignmentRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['assignments'];

  r.post(
    '/calls/:id/assignment-runs',
    {
      schema: {
        tags,
        summary: 'Compute an assignment proposal from the final ranking (RR 4/2017 art. 15)',
        params: z.object({ id: idSchema }),
        response: { 201: assignmentRunResultSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await runAssignment(db.kysely, requestContext(req, now), req.params.id)),
  );
  r.get(
    '/calls/:id/assignments',
    {
      schema: {
        tags,
        summary: 'The assignment board: latest proposal and assignments with their state',
        params: z.object({ id: idSchema }),
        response: { 200: assignmentBoardSchema, ...errors },
      },
    },
    async (req) =>
      assignmentBoardSchema.parse(await readAssignmentBoard(db.kysely, requestContext(req, now), req.params.id)),
  );
  r.post(
    '/assignment-runs/:runId/units/:unitId/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm one proposed unit (exactly one concurrent confirmation succeeds)',
        params: z.object({ runId: idSchema, unitId: idSchema }),
        response: { 201: z.object({ id: z.string(), state: assignmentStateSchema }), ...errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await confirmProposal(db.kysely, requestContext(req, now), req.params.runId, req.params.unitId)),
  );
  r.post(
    '/assignments/:id/events',
    {
      schema: {
        tags,
        summary: 'Record offer, acceptance, refusal (with reason), decision, contract or cancellation',
        params: z.object({ id: idSchema }),
        body: assignmentEventInputSchema,
        response: { 200: z.object({ id: z.string(), state: assignmentStateSchema }), ...errors },
      },
    },
    async (req) => recordAssignmentEvent(db.kysely, requestContext(req, now), req.params.id, req.body),
  );
}
