import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/common.js';
import { roleManagesSap } from '../../../shared/permissions.js';
import {
  correctionDecisionInputSchema,
  correctionRequestInputSchema,
  explanationSchema,
  publishInputSchema,
  rankingsViewSchema,
  rankRunResultSchema,
  verifyResultSchema,
} from '../../../shared/rankings.js';
import { deny, requestContext, type App, errorResponses } from '../../http/route-kit.js';
import {
  decideCorrectionRequest,
  explainApplication,
  fileCorrectionRequest,
  finaliseRanking,
  publishProvisional,
  rankCall,
  readRankings,
  verifyRankingRun,
} from './rankings.actions.js';
import { rankingCsvStream, rankingPdfStream } from './rankings.export.js';

const errors = errorResponses;
const callParams = z.object({ id: idSchema });

export function registerRankingRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['rankings'];

  r.post(
    '/calls/:id/rankings',
    {
      schema: {
        tags,
        summary: 'Compute a new ranking run (draft) for the call',
        params: callParams,
        response: { 201: rankRunResultSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await rankCall(db.kysely, requestContext(req, now), req.params.id)),
  );
  r.get(
    '/calls/:id/rankings',
    {
      schema: {
        tags,
        summary: 'The latest ranking of the call per owner and Comune, with state, deadlines and corrections',
        params: callParams,
        response: { 200: rankingsViewSchema, ...errors },
      },
    },
    async (req) => rankingsViewSchema.parse(await readRankings(db.kysely, requestContext(req, now), req.params.id)),
  );
  r.post(
    '/calls/:id/rankings/publish',
    {
      schema: {
        tags,
        summary: 'Publish the latest run as the provisional ranking',
        params: callParams,
        body: publishInputSchema,
        response: { 200: z.object({ runId: z.string(), state: z.string(), publishedOn: z.string() }), ...errors },
      },
    },
    async (req) => publishProvisional(db.kysely, requestContext(req, now), req.params.id, req.body.onDate),
  );
  r.post(
    '/calls/:id/rankings/finalise',
    {
      schema: {
        tags,
        summary: 'Make the provisional ranking final (after the correction window)',
        params: callParams,
        response: { 200: z.object({ runId: z.string(), state: z.string(), finalisedOn: z.string() }), ...errors },
      },
    },
    async (req) => finaliseRanking(db.kysely, requestContext(req, now), req.params.id),
  );
  r.get(
    '/calls/:id/rankings/publication.csv',
    {
      schema: {
        tags,
        summary: 'The publication as CSV: application id, position, score, chosen units — no names',
        params: callParams,
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      if (!roleManagesSap(ctx.actor.role))
        await deny(app, ctx, { action: 'export', entityType: 'ranking', entityId: req.params.id });
      // Streamed: the rows are read and written page by page.
      const csv = await rankingCsvStream(db.kysely, req.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="graduatoria-${csv.code}.csv"`)
        .send(csv.stream);
    },
  );
  r.get(
    '/calls/:id/rankings/publication.pdf',
    {
      schema: {
        tags,
        summary: 'The publication as PDF/A: application id, position, score, chosen units — no names',
        params: callParams,
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      if (!roleManagesSap(ctx.actor.role)) {
        await deny(app, ctx, { action: 'export', entityType: 'ranking', entityId: req.params.id });
      }
      const doc = await rankingPdfStream(db.kysely, req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="graduatoria-${doc.code}.pdf"`)
        .send(doc.stream);
    },
  );
  r.post(
    '/applications/:id/corrections',
    {
      schema: {
        tags,
        summary: 'File a correction request (civil invalidity only, RR 4/2017 art. 12)',
        params: z.object({ id: idSchema }),
        body: correctionRequestInputSchema,
        response: { 201: z.object({ id: z.string() }), ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await fileCorrectionRequest(db.kysely, requestContext(req, now), req.params.id, req.body)),
  );
  r.post(
    '/corrections/:id/decision',
    {
      schema: {
        tags,
        summary: 'Decide a correction request (silence after 15 days means granted)',
        params: z.object({ id: idSchema }),
        body: correctionDecisionInputSchema,
        response: { 200: z.object({ id: z.string(), decision: z.string() }), ...errors },
      },
    },
    async (req) => decideCorrectionRequest(db.kysely, requestContext(req, now), req.params.id, req.body),
  );
  r.get(
    '/applications/:id/explanation',
    {
      schema: {
        tags,
        summary: 'Why the application is at its position, in plain Italian',
        params: z.object({ id: idSchema }),
        response: { 200: explanationSchema, ...errors },
      },
    },
    async (req) =>
      explanationSchema.parse(await explainApplication(db.kysely, requestContext(req, now), req.params.id)),
  );
  r.get(
    '/ranking-runs/:id/verify',
    {
      schema: {
        tags,
        summary: 'Recompute a stored ranking run from its snapshot and compare',
        params: z.object({ id: idSchema }),
        response: { 200: verifyResultSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      if (!roleManagesSap(ctx.actor.role))
        await deny(app, ctx, { action: 'verify', entityType: 'ranking', entityId: req.params.id });
      return verifyRankingRun(db.kysely, req.params.id);
    },
  );
}
