import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/common.js';
import {
  unitDetailSchema,
  unitImportQuerySchema,
  unitImportReportSchema,
  unitListQuerySchema,
  unitListResultSchema,
  unitStateInputSchema,
} from '../../../shared/units.js';
import { AppError } from '../../http/errors.js';
import { requestContext, type App, errorResponses } from '../../http/route-kit.js';
import { changeUnitState, importUnits, listStock, readUnit } from './units.actions.js';

const idParams = z.object({ id: idSchema });
const errors = errorResponses;

/**
 * The housing stock. Registered in a scope of its own, so that the text/csv body parser of the
 * import serves these routes only.
 */
export function registerUnitRoutes(api: FastifyInstance, app: App) {
  void api.register(async (scope) => {
    scope.addContentTypeParser(
      'text/csv',
      { parseAs: 'buffer', bodyLimit: app.deps.config.bodyLimitBytes },
      (_req, body, done) => done(null, body),
    );
    unitRoutes(scope, app);
  });
}

function unitRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['units'];

  r.get(
    '/units',
    {
      schema: {
        tags,
        summary: 'The housing stock, filtered by owner, Comune, state, programme, accessibility, area, code or address',
        querystring: unitListQuerySchema,
        response: { 200: unitListResultSchema, ...errors },
      },
    },
    async (req) => listStock(db.kysely, requestContext(req, now), req.query),
  );

  r.post(
    '/units/import',
    {
      schema: {
        tags,
        summary:
          'Import a units file (text/csv, docs/formats/units.md), all or nothing; dryRun=1 only validates. ' +
          'With callId the units are also offered in that call.',
        consumes: ['text/csv'],
        querystring: unitImportQuerySchema,
        response: { 200: unitImportReportSchema, 201: unitImportReportSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      if (!Buffer.isBuffer(req.body)) {
        throw new AppError(400, 'BAD_REQUEST', 'Inviare il file CSV degli alloggi con content-type text/csv.');
      }
      const report = await importUnits(db.kysely, ctx, req.body, {
        fileName: req.query.fileName ?? 'alloggi.csv',
        dryRun: req.query.dryRun,
        callId: req.query.callId ?? null,
      });
      return reply.status(report.importId !== null && !report.alreadyImported ? 201 : 200).send(report);
    },
  );

  r.get(
    '/units/:id',
    {
      schema: {
        tags,
        summary: 'A unit with its state history and the calls that offer it',
        params: idParams,
        response: { 200: unitDetailSchema, ...errors },
      },
    },
    async (req) => readUnit(db.kysely, requestContext(req, now), req.params.id),
  );

  r.post(
    '/units/:id/state',
    {
      schema: {
        tags,
        summary: 'Change the state of a unit (appended to its history; works_needed needs the estimated cost)',
        params: idParams,
        body: unitStateInputSchema,
        response: { 201: unitDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      await changeUnitState(db.kysely, ctx, req.params.id, req.body);
      return reply.status(201).send(await readUnit(db.kysely, ctx, req.params.id));
    },
  );
}
