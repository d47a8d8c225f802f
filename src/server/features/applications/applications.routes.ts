import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicationDetailSchema,
  applicationEntrySchema,
  applicationListQuerySchema,
  applicationListSchema,
  householdApplicationListQuerySchema,
  importBodySchema,
  importQuerySchema,
  importReportSchema,
  reviewInputSchema,
} from '../../../shared/applications.js';
import { idSchema } from '../../../shared/common.js';
import { validationFailed } from '../../http/errors.js';
import { requestContext, type App, errorResponses } from '../../http/route-kit.js';
import {
  enterApplication,
  importApplications,
  listApplications,
  listHouseholdApplications,
  readApplication,
  reviewApplication,
} from './applications.actions.js';

const idParams = z.object({ id: idSchema });
const errors = errorResponses;

/** An import may carry a whole call's applications: larger than the default body limit. */
const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

function decodeBase64(content: string, path: string): Buffer {
  const bytes = Buffer.from(content.replace(/\s/g, ''), 'base64');
  if (bytes.length === 0) {
    throw validationFailed([{ path, code: 'empty_file', message: 'Il file è vuoto.' }]);
  }
  return bytes;
}

function filesFromJson(body: unknown) {
  const parsed = importBodySchema.safeParse(body);
  if (!parsed.success) {
    throw validationFailed(
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })),
    );
  }
  const { applications, members } = parsed.data;
  return {
    applications: {
      name: applications.name,
      bytes: decodeBase64(applications.contentBase64, 'applications.contentBase64'),
    },
    members: members
      ? { name: members.name, bytes: decodeBase64(members.contentBase64, 'members.contentBase64') }
      : null,
  };
}

export function registerApplicationRoutes(api: FastifyInstance, app: App) {
  // Its own scope, so that the text/csv parser below serves these routes only.
  void api.register(async (scope) => {
    scope.addContentTypeParser(
      ['text/csv', 'application/csv'],
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const { db, now } = app.deps;
    const tags = ['applications'];

    r.post(
      '/calls/:id/applications/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags,
          summary:
            'Import the regional platform’s applications file (text/csv, or JSON with the applications and members files in base64); ?dryRun=1 validates only',
          description:
            'Body: the applications file as text/csv, or application/json { applications: { name, contentBase64 }, members?: { name, contentBase64 } }. All or nothing: every problem is reported with line, column, value and reason, and nothing is written unless the whole file is valid. The same file again changes nothing. Format: docs/formats/applications.md.',
          params: idParams,
          querystring: importQuerySchema,
          response: { 200: importReportSchema, ...errors },
        },
      },
      async (req) => {
        const ctx = requestContext(req, now);
        // Two body shapes, told apart by the content type: the schema of the JSON one is checked here.
        const files = Buffer.isBuffer(req.body)
          ? { applications: { name: req.query.fileName || 'domande.csv', bytes: req.body }, members: null }
          : filesFromJson(req.body);
        return importApplications(db.kysely, ctx, req.params.id, files, { dryRun: req.query.dryRun });
      },
    );

    r.post(
      '/calls/:id/applications',
      {
        schema: {
          tags,
          summary: 'Enter an application at the front desk (the same checks as a row of the platform file)',
          params: idParams,
          body: applicationEntrySchema,
          response: { 201: applicationDetailSchema, ...errors },
        },
      },
      async (req, reply) => {
        const ctx = requestContext(req, now);
        const id = await enterApplication(db.kysely, ctx, req.params.id, req.body);
        return reply.status(201).send(await readApplication(db.kysely, ctx, id));
      },
    );

    r.get(
      '/calls/:id/applications',
      {
        schema: {
          tags,
          summary: 'Applications of a call, by ISBAR; filters: review state, Comune of residence, text',
          params: idParams,
          querystring: applicationListQuerySchema,
          response: { 200: applicationListSchema, ...errors },
        },
      },
      async (req) => listApplications(db.kysely, requestContext(req, now), req.params.id, req.query),
    );

    r.get(
      '/applications',
      {
        schema: {
          tags,
          summary: 'Applications of one household file, across calls (same access as the list of a call)',
          querystring: householdApplicationListQuerySchema,
          response: { 200: applicationListSchema, ...errors },
        },
      },
      async (req) => listHouseholdApplications(db.kysely, requestContext(req, now), req.query),
    );

    r.get(
      '/applications/:id',
      {
        schema: {
          tags,
          summary: 'An application: household, choices with adequacy, requirement checks, reviews',
          params: idParams,
          response: { 200: applicationDetailSchema, ...errors },
        },
      },
      async (req) => readApplication(db.kysely, requestContext(req, now), req.params.id),
    );

    r.post(
      '/applications/:id/review',
      {
        schema: {
          tags,
          summary: 'Admit or exclude an application with a written reason (appended; the latest is in force)',
          params: idParams,
          body: reviewInputSchema,
          response: { 201: applicationDetailSchema, ...errors },
        },
      },
      async (req, reply) => {
        const ctx = requestContext(req, now);
        await reviewApplication(db.kysely, ctx, req.params.id, req.body);
        return reply.status(201).send(await readApplication(db.kysely, ctx, req.params.id));
      },
    );
  });
}
