import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, plainDateSchema } from '../../../shared/common.js';
import { roleReadsSap } from '../../../shared/permissions.js';
import { pointsSchemeInputSchema, schemeScoreSchema, schemeSummarySchema } from '../../../shared/schemes.js';
import { deny, requestContext, type App, errorResponses } from '../../http/route-kit.js';
import { notFound } from '../../http/errors.js';
import { createScheme, scoreHousehold } from './schemes.actions.js';
import { findScheme, listSchemes } from './schemes.queries.js';

const errors = errorResponses;
/** A stored scheme as returned: a response schema is encoded, and the input's date transform cannot be. */
const storedSchemeSchema = pointsSchemeInputSchema.extend({ validFrom: z.string(), validTo: z.string().nullable() });
const versionParams = z.object({
  code: z.string().regex(/^[a-z0-9-]{3,60}$/),
  version: z.string().regex(/^[0-9A-Za-z.-]{1,30}$/),
});

export function registerSchemeRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['schemes'];

  r.get(
    '/schemes',
    {
      schema: {
        tags,
        summary: 'Points schemes for calls scored locally, every version',
        response: { 200: z.array(schemeSummarySchema), ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      if (!roleReadsSap(ctx.actor.role) && ctx.actor.role !== 'admin')
        await deny(app, ctx, { action: 'read', entityType: 'scoring_scheme' });
      return (await listSchemes(db.kysely)).map((s) => ({
        code: s.code,
        version: s.version,
        name: s.name,
        validFrom: s.valid_from,
        validTo: s.valid_to,
        createdAt: s.created_at,
      }));
    },
  );
  r.get(
    '/schemes/:code/:version',
    {
      schema: {
        tags,
        summary: 'One version of a points scheme, as data',
        params: versionParams,
        response: { 200: storedSchemeSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      if (!roleReadsSap(ctx.actor.role) && ctx.actor.role !== 'admin')
        await deny(app, ctx, { action: 'read', entityType: 'scoring_scheme' });
      const scheme = await findScheme(db.kysely, req.params.code, req.params.version);
      if (!scheme) throw notFound('Lo schema di punteggio');
      return storedSchemeSchema.parse(scheme);
    },
  );
  r.post(
    '/schemes',
    {
      schema: {
        tags,
        summary: 'Add a points scheme, or a new version of one (validated; versions never change)',
        body: pointsSchemeInputSchema,
        response: { 201: z.object({ code: z.string(), version: z.string() }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createScheme(db.kysely, requestContext(req, now), req.body)),
  );
  r.get(
    '/schemes/:code/:version/households/:householdId',
    {
      schema: {
        tags,
        summary: 'Score a household with a scheme, criterion by criterion',
        params: versionParams.extend({ householdId: idSchema }),
        querystring: z.object({ asOf: plainDateSchema.optional() }),
        response: { 200: schemeScoreSchema, ...errors },
      },
    },
    async (req) =>
      schemeScoreSchema.parse(
        await scoreHousehold(
          db.kysely,
          requestContext(req, now),
          req.params.code,
          req.params.version,
          req.params.householdId,
          req.query.asOf,
        ),
      ),
  );
}
